"""Lines in Title Case are read only for the names the rest of the article gives
(apps/ingest/extraction/headlines.py)."""

import pytest

from apps.ingest.extraction import extract_quotes
from apps.ingest.extraction.headlines import is_headline


@pytest.mark.parametrize(
    "line",
    [
        "Glenn Beck Blasts Drudge For Backing Trump",
        "Jury Finds Dylann Roof Guilty In S.C. Church Shooting",
        "Chris Christie’s Exit Marks the End of the Fight for the Soul of the GOP",
        "Megyn Kelly Is No Different Than Kim Kardashian.",
    ],
)
def test_a_line_in_title_case_is_a_headline(line):
    assert is_headline(line)


@pytest.mark.parametrize(
    "line",
    [
        "Radio host Glenn Beck attacked the Drudge Report on Monday.",
        "By Jane Doe, Staff Writer",
        "Prime Minister Justin Trudeau",
        "“" + " " * 60 + "” — Michael P. McDonald, University of Florida",
    ],
)
def test_a_sentence_a_byline_a_name_or_a_quotation_is_no_headline(line):
    assert not is_headline(line)


def test_a_headline_does_not_join_a_name_to_the_words_after_it():
    text = (
        "Glenn Beck Blasts Drudge For Backing Trump\n\n"
        "Radio host Glenn Beck attacked the Drudge Report on Monday.\n\n"
        '"Matt Drudge has sold out," Beck said on his show.'
    )

    assert extract_quotes(text)[0].speaker_name == "Glenn Beck"


def test_a_headline_finds_a_person_by_the_surname_the_article_gives_in_full():
    text = (
        "Clinton Joked About Her Emails At Dinner\n\n"
        '"I have nothing to hide," Hillary Clinton said on Tuesday.\n\n'
        "Clinton Joked About The Server Too\n\n"
        '"It was a private matter," she added.'
    )

    assert [p.speaker_name for p in extract_quotes(text)] == ["Hillary Clinton"] * 2
