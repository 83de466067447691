"""He or she who speaks after a speech clause is that clause's speaker, not the first
person of the sentence before (apps/ingest/extraction/continuity.py, issue 19 round 19;
extraction only, no database)."""

import re
from types import SimpleNamespace

from apps.ingest.extraction import extract_quotes
from apps.ingest.extraction.continuity import SpeechClauses
from apps.ingest.extraction.entities import Entity, Mention
from apps.ingest.extraction.resolution import Attribution


def speakers(text: str) -> list[str]:
    return [p.speaker_name for p in extract_quotes(text) if p.is_speech]


def test_she_is_the_speaker_of_the_clause_not_the_first_person_of_its_sentence():
    text = (
        "Sales rose.\n"
        "Maria Gomez left the firm in May, and Anna Lee says the brand is strong. "
        "“We expect more,” she said."
    )

    assert speakers(text) == ["Anna Lee"]


def test_she_is_the_speaker_of_a_clause_that_ends_its_sentence():
    text = (
        "Sales rose.\n"
        "The firm that Maria Gomez founded is doing well, Anna Lee says. "
        "“We expect more,” she said."
    )

    assert speakers(text) == ["Anna Lee"]


# Unit tests on a Discourse of a few mentions: `text` with each name where it stands.


def asked(text: str, speaker: str, *named: tuple[str, str], word: str = "he", gender=None):
    """Whom SpeechClauses gives the quotation (the last pair of curly quotation marks) the
    rules gave `speaker` from `word`; each of `named` (name, kind) is a mention wherever it
    stands, of one entity (of `gender`, if given)."""
    mentions, entities = [], {}
    for name, kind in named:
        entity = entities.setdefault(name, Entity(name, kind, gender))
        for found in re.finditer(re.escape(name), text):
            mentions.append(Mention(found.start(), found.end(), name, entity))
    span = SimpleNamespace(open_at=text.rindex("“"), close_at=text.rindex("”") + 1)
    clauses = SpeechClauses(text, SimpleNamespace(mentions=mentions))
    person = clauses.speaker(span, Attribution(word, "pronoun", 0.85, entities[speaker]))
    return person.surface if person is not None else None


BUSER = (
    "Stadia Pro is a subscription. The key to its success, says Jack Buser, is the network. "
    "“We have one of the largest private networks,” he says."
)


def test_he_after_a_speaker_named_after_the_verb_is_that_speaker():
    named = (("Stadia Pro", "person"), ("Jack Buser", "person"))

    assert asked(BUSER, "Stadia Pro", *named) == "Jack Buser"


def test_it_is_not_asked():
    named = (("Stadia Pro", "person"), ("Jack Buser", "person"))

    assert asked(BUSER, "Stadia Pro", *named, word="it") is None


def test_a_speaker_of_the_other_gender_is_passed_over():
    named = (("Stadia Pro", "person"), ("Jack Buser", "person"))

    assert asked(BUSER, "Stadia Pro", *named, word="she", gender="m") is None


def test_someone_named_after_the_clauses_sentence_keeps_the_rules_pick():
    text = (
        "“That’s perfect,” Bruce Boudreau said. Ryan Suter scored twice. "
        "“He’s used to scoring goals,” he said."
    )
    named = (("Bruce Boudreau", "person"), ("Ryan Suter", "person"))

    assert asked(text, "Ryan Suter", *named) is None


def test_a_name_after_the_verb_that_goes_on_is_its_object_not_its_speaker():
    text = "Marco Villa, the chief, said Tyvak Systems would grow. “We will start small,” he said."
    named = (("Marco Villa", "person"), ("Tyvak Systems", "person"))

    assert asked(text, "Marco Villa", *named) is None


def test_whom_the_speaker_tells_is_not_a_speaker():
    text = "Jane Roe met voters. Later the mayor told Mary Poe. “We will win,” she said."
    named = (("Jane Roe", "person"), ("Mary Poe", "person"))

    assert asked(text, "Jane Roe", *named, word="she") is None


def test_a_short_form_of_the_rules_pick_is_left_to_the_forms():
    text = "Audley Peters was shot. Supt Peters said he was at a stall. “Those males,” he said."
    named = (("Audley Peters", "person"), ("Supt Peters", "person"))

    assert asked(text, "Audley Peters", *named) is None
