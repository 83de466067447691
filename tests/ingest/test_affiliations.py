"""A speaker the rules read from an organisation's name that hangs on a person named just
before it is that person (apps/ingest/extraction/affiliations.py, issue 19 round 17;
extraction only, no database)."""

from types import SimpleNamespace

from apps.ingest.extraction import extract_quotes
from apps.ingest.extraction.affiliations import Affiliations
from apps.ingest.extraction.entities import Entity, Mention
from apps.ingest.extraction.resolution import Attribution

# National Geographic (tests/ingest/labelled/real/tuned/natgeo-office-temperature): the
# speech verb comes after the university the speaker works at.
UNIVERSITY = (
    "Office temperatures are set for men.\n"
    "“These findings could be significant” for revising standards, Joost van Hoof of the "
    "Netherlands’ Fontys University of Applied Sciences writes in a commentary."
)


def speakers(text: str) -> list[str]:
    return [p.speaker_name for p in extract_quotes(text) if p.is_speech]


def test_a_university_after_of_is_where_the_speaker_works():
    assert speakers(UNIVERSITY) == ["Joost van Hoof"]


def test_a_programme_after_on_is_where_the_speaker_spoke():
    text = (
        "President-elect Donald Trump skips briefings.\n"
        "Trump on Fox News Sunday says he is “smart” enough to skip them."
    )

    assert speakers(text) == ["Donald Trump"]


# Unit tests on a Discourse of a few mentions: `text` with each name where it stands.


def read(text: str, *named: tuple[str, str]):
    """Affiliations of `text`, whose names (name, kind) are its mentions, and the
    quotation's span (its first pair of curly quotation marks)."""
    mentions, entities = [], {}
    for name, kind in named:
        entity = entities.setdefault(name, Entity(name, kind))
        mentions.append(Mention(text.index(name), text.index(name) + len(name), name, entity))
    span = SimpleNamespace(open_at=text.index("“"), close_at=text.index("”") + 1)
    found = Affiliations(text, SimpleNamespace(mentions=mentions))
    return found, span, entities


def asked(text: str, speaker: str, method: str, *named: tuple[str, str], word: str = ""):
    """Whom Affiliations gives a quotation the rules gave `speaker` by `method` (read from
    `word`, the speaker's name unless given)."""
    found, span, entities = read(text, *named)
    attribution = Attribution(word or speaker, method, 0.9, entities[speaker])
    person = found.speaker(span, attribution)
    return person.surface if person is not None else None


def test_a_name_with_a_clause_of_its_own_is_left_to_the_rules():
    text = "Jane Doe, who sued Acme Corp, said “we will appeal.”"

    assert (
        asked(text, "Acme Corp", "name", ("Jane Doe", "person"), ("Acme Corp", "organisation"))
        is None
    )


def test_a_speaker_the_rules_did_not_read_from_a_name_is_left_alone():
    text = "Jane Doe, a lawyer for Acme Corp, was there. “We will appeal.”"

    assert (
        asked(text, "Acme Corp", "sentence", ("Jane Doe", "person"), ("Acme Corp", "organisation"))
        is None
    )


def test_an_organisation_ending_a_persons_appositive_is_where_they_work():
    text = "Omar Lamrani, a senior analyst at Stratfor, told a reporter it was “secular.”"

    assert asked(
        text, "Stratfor", "name", ("Omar Lamrani", "person"), ("Stratfor", "organisation")
    ) == ("Omar Lamrani")


def test_a_body_in_apposition_to_a_person_is_theirs():
    text = "Sen. Ben Sasse, R-Neb., called his death “a crisis of public trust.”"

    assert asked(text, "R-Neb", "name", ("Ben Sasse", "person"), ("R-Neb", "organisation")) == (
        "Ben Sasse"
    )


def test_a_person_in_apposition_to_another_is_not_theirs():
    text = "The wife of John Smith, Jane Smith, said “he was kind.”"

    assert (
        asked(text, "Jane Smith", "name", ("John Smith", "person"), ("Jane Smith", "person"))
        is None
    )


def test_a_person_named_in_the_sentence_before_is_not_the_subject():
    text = "Jane Doe left. For Acme Corp, the matter is “closed.”"

    assert (
        asked(text, "Acme Corp", "name", ("Jane Doe", "person"), ("Acme Corp", "organisation"))
        is None
    )


CON_EDISON = (
    "The cables are old, said Patrick McHugh, vice president of engineering and planning "
    "for Con Edison, which maintains them. “You have water down there,” {} added."
)
NAMED = (("Patrick McHugh", "person"), ("Con Edison", "organisation"))


def test_he_is_not_the_body_the_person_before_works_for():
    text = CON_EDISON.format("he")

    assert asked(text, "Con Edison", "pronoun", *NAMED, word="he") == "Patrick McHugh"


def test_it_may_well_mean_the_body():
    text = CON_EDISON.format("it")

    assert asked(text, "Con Edison", "pronoun", *NAMED, word="it") is None
