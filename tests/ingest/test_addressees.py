"""Whom a speech clause speaks to is not its speaker (bench/addressees.py, issue 19 round
22: measured, not in the product; no database)."""

import re
from types import SimpleNamespace

from apps.ingest.extraction.entities import Entity, Mention
from apps.ingest.extraction.resolution import Attribution
from bench.addressees import Addressees


def people(text: str, *named: tuple[str, str | None]):
    """A Discourse of the people `named` ((name, gender)), each mentioned wherever it
    stands in `text`; and their entities by name."""
    mentions, entities = [], {}
    for name, gender in named:
        entity = entities.setdefault(name, Entity(name, "person", gender))
        for found in re.finditer(re.escape(name), text):
            mentions.append(Mention(found.start(), found.end(), name, entity))
    return SimpleNamespace(mentions=mentions), entities


def spans(text: str) -> list:
    """Each pair of curly quotation marks, as the extractor's spans give them (the offsets
    of the opening and the closing mark)."""
    return [
        SimpleNamespace(open_at=found.start(), close_at=found.end() - 1, inside=False)
        for found in re.finditer(r"“[^”]*”", text)
    ]


REPLY = (
    "Tom Reed named Ann Bell to the court. At a news conference, a reporter asked Kim Lo, "
    "“What is the biggest problem?” “Bias,” she replied. “It is everywhere.”"
)


def test_a_reply_is_the_person_asked_before_the_question():
    discourse, entities = people(REPLY, ("Ann Bell", "f"), ("Kim Lo", None))
    question, reply, _ = spans(REPLY)
    addressees = Addressees(REPLY, discourse)

    found = addressees.speaker(
        reply, Attribution("she", "pronoun", 0.85, entities["Ann Bell"]), question
    )

    assert found is entities["Kim Lo"]


def test_the_person_asked_of_the_other_gender_does_not_reply():
    discourse, entities = people(REPLY, ("Ann Bell", "f"), ("Kim Lo", "m"))
    question, reply, _ = spans(REPLY)
    addressees = Addressees(REPLY, discourse)

    found = addressees.speaker(
        reply, Attribution("she", "pronoun", 0.85, entities["Ann Bell"]), question
    )

    assert found is None


def test_a_continuation_of_the_reply_goes_on_with_the_person_asked():
    discourse, entities = people(REPLY, ("Ann Bell", "f"), ("Kim Lo", None))
    question, reply, after = spans(REPLY)
    addressees = Addressees(REPLY, discourse)
    addressees.speaker(reply, Attribution("she", "pronoun", 0.85, entities["Ann Bell"]), question)

    found = addressees.speaker(
        after, Attribution("she", "continuation", 0.6, entities["Ann Bell"]), reply
    )

    assert found is entities["Kim Lo"]


def test_a_question_right_after_a_name_and_asked_is_the_askers():
    text = "Trust member Peggy Bell asked last week “Why so late?” Mr. Cueto responded."
    discourse, entities = people(text, ("Peggy Bell", None), ("Cueto", None))
    (question,) = spans(text)
    addressees = Addressees(text, discourse)

    found = addressees.speaker(
        question, Attribution("Mr. Cueto", "name", 0.95, entities["Cueto"]), None
    )

    assert found is entities["Peggy Bell"]


def test_words_after_asked_that_are_no_question_are_left_to_the_rules():
    text = "Peggy Bell asked last week “that we wait,” Mr. Cueto said."
    discourse, entities = people(text, ("Peggy Bell", None), ("Cueto", None))
    (quotation,) = spans(text)
    addressees = Addressees(text, discourse)

    found = addressees.speaker(
        quotation, Attribution("Mr. Cueto", "name", 0.95, entities["Cueto"]), None
    )

    assert found is None
