"""Names as the learned model reads them (apps/ingest/extraction/ner.py, issue 19 round
13): its PERSON spans cut the runs of capitalised words the rules read as names (extraction
only, no database)."""

import pytest

from apps.ingest.extraction import extract_quotes, ner
from apps.ingest.extraction.ner import EntityIndex, EntitySpan, reread_run


def speakers(text: str) -> list[tuple[str, str, str]]:
    """(speaker name, title, mention) of every speech span."""
    return [
        (p.speaker_name, p.speaker_title, p.mention) for p in extract_quotes(text) if p.is_speech
    ]


def test_an_adjective_opening_a_sentence_is_no_part_of_the_name():
    text = (
        "Longtime Donald Trump said on Monday that the wall would be built.\n"
        '"It will be beautiful," Trump said.'
    )

    assert speakers(text) == [("Donald Trump", "Longtime", "Trump")]


def test_a_role_in_title_case_before_the_name_is_the_title():
    text = (
        "Policy Consultant Bill Bowtell spoke to reporters on Monday.\n"
        '"It is a disaster," Bowtell said.'
    )

    assert speakers(text) == [("Bill Bowtell", "Policy Consultant", "Bowtell")]


def test_the_model_names_no_one_the_rules_read_as_no_one():
    masked = "Manchester United"
    people = EntityIndex([EntitySpan(0, len(masked), "PERSON")])

    assert reread_run(masked, 0, len(masked), None, people) is None


def test_the_model_adds_no_word_to_the_name_the_rules_read():
    masked = "Supervisor Alfredo Pedroza"
    parsed = (0, len(masked), masked, "Supervisor", "Alfredo Pedroza", "person")
    people = EntityIndex([EntitySpan(0, len(masked), "PERSON")])

    assert reread_run(masked, 0, len(masked), parsed, people) == parsed


def test_a_long_paragraph_is_read_in_pieces_with_its_offsets_kept():
    filler = "the council met again and nothing was decided that day. " * 1000
    text = filler + "Jim Bridenstine spoke on Monday."

    found = [(s.start, s.end, s.label) for s in ner.entity_spans(text) if s.label == "PERSON"]

    assert len(text) > 2 * ner.CHUNK
    assert found == [(len(filler), len(filler) + len("Jim Bridenstine"), "PERSON")]


def test_a_paragraph_with_no_two_capitalised_words_in_a_row_is_not_read():
    text = "Smith spoke on Monday.\nThe The The spoke.\nJim Bridenstine spoke."

    found = [text[s.start : s.end] for s in ner.entity_spans(text)]

    assert found == ["Jim Bridenstine"]


def test_the_pipeline_runs_the_recogniser_alone_and_loads_once():
    assert ner._pipeline().pipe_names == ["ner"]
    assert ner._pipeline() is ner._pipeline()


def test_with_the_model_off_names_are_read_by_the_rules_alone(settings, monkeypatch):
    settings.INGEST_NAME_MODEL = False
    monkeypatch.setattr(ner, "_pipeline", lambda: pytest.fail("the model was loaded"))
    text = (
        "Longtime Donald Trump said on Monday that the wall would be built.\n"
        '"It will be beautiful," Trump said.'
    )

    assert speakers(text) == [("Longtime Donald Trump", "", "Trump")]
