"""He, him, his, she and her in a title given beside a name tell nothing of the named
person's gender: they stand for someone else (apps/ingest/extraction/mentions.py,
`_own_words`; issue 19 round 22; extraction only, no database)."""

from apps.ingest.extraction import extract_quotes
from apps.ingest.extraction.mentions import Discourse


def gender(text: str, name: str):
    """The gender the Discourse of `text` learns for the person named `name`."""
    discourse = Discourse(text, None)
    return next(m.entity.gender for m in discourse.mentions if m.entity.name == name)


def test_him_in_an_appositive_title_is_not_the_named_persons_gender():
    text = "Kellyanne Prentiss, the lawyer who represented him, spoke on Monday."

    assert gender(text, "Kellyanne Prentiss") is None


def test_a_possessive_title_is_not_the_named_persons_gender():
    discourse = Discourse("Kellyanne Prentiss spoke on Monday.", None)
    entity = discourse.mentions[0].entity

    discourse.learn_title(entity, "his campaign manager")

    assert entity.gender is None


def test_a_gendered_word_of_the_title_itself_still_tells_the_gender():
    # The guard: only the pronouns are someone else's, not the title's words.
    text = "Kellyanne Prentiss, the spokeswoman who represented him, spoke on Monday."

    assert gender(text, "Kellyanne Prentiss") == "f"


def test_she_after_a_speech_clause_is_the_woman_whose_title_held_him():
    text = (
        "Tom Reed has named Kellyanne Prentiss, the campaign manager who helped him win, "
        "to the board.\n"
        "Karen Hughes held the post before, under Tom Reed.\n"
        "Prentiss says the job will not keep her from her family.\n"
        "“My children come first,” she said."
    )

    speakers = [p.speaker_name for p in extract_quotes(text) if p.is_speech]

    assert speakers == ["Kellyanne Prentiss"]
