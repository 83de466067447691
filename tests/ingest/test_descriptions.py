"""A description in a speech clause is the one person the article described so before
(bench/descriptions.py, issue 19 round 20: measured, not in the product; no database)."""

import re
from types import SimpleNamespace

from apps.ingest.extraction.entities import Entity, Mention
from apps.ingest.extraction.resolution import Attribution
from bench.descriptions import Descriptions

# Unit tests on a Discourse of a few mentions: `text` with each name where it stands.


def asked(text: str, title: str, *names: str, directory=None) -> str | None:
    """Whom Descriptions gives the quotation (the last pair of curly quotation marks) the
    rules gave the description `title` and no one; each of `names` is a person mentioned
    wherever it stands."""
    mentions = []
    for name in names:
        entity = Entity(name, "person")
        for found in re.finditer(re.escape(name), text):
            mentions.append(Mention(found.start(), found.end(), name, entity))
    span = SimpleNamespace(open_at=text.rindex("“"), close_at=text.rindex("”") + 1)
    descriptions = Descriptions(SimpleNamespace(mentions=mentions, masked=text), directory)
    person = descriptions.speaker(span, Attribution(title, "title", 0.6, None, title=title))
    return person.name if person is not None else None


def test_a_title_just_before_a_name_describes_that_person():
    text = "Sheriff Bob Smith met Ann Bell on Monday. “We are ready,” the sheriff said."

    assert asked(text, "the sheriff", "Bob Smith", "Ann Bell") == "Bob Smith"


def test_an_age_in_commas_after_a_name_is_the_year_old():
    text = "Ann Bell, 34, met Tom Reed on Monday. “We are ready,” the 34-year-old said."

    assert asked(text, "the 34-year-old", "Ann Bell", "Tom Reed") == "Ann Bell"


def test_an_appositive_before_a_name_describes_that_person():
    text = "The country star, Garth Brooks, met Tom Reed. “It is service,” the country star said."

    assert asked(text, "the country star", "Garth Brooks", "Tom Reed") == "Garth Brooks"


def test_a_person_named_but_not_described_so_is_no_one():
    text = "Bob Smith met Ann Bell on Monday. “We are ready,” the sheriff said."

    assert asked(text, "the sheriff", "Bob Smith", "Ann Bell") is None


def test_two_people_described_so_is_no_one():
    text = "Sheriff Bob Smith met Sheriff Tom Reed on Monday. “We are ready,” the sheriff said."

    assert asked(text, "the sheriff", "Bob Smith", "Tom Reed") is None


def test_an_indefinite_appositive_describes_that_person():
    text = "Bob Smith, a spokesman for the council, spoke. “We are ready,” the spokesman said."

    assert asked(text, "the spokesman", "Bob Smith") == "Bob Smith"


def test_an_indefinite_description_is_someone_new():
    text = "Sheriff Bob Smith spoke on Monday. “We are ready,” a sheriff said."

    assert asked(text, "a sheriff", "Bob Smith") is None


def test_a_plural_description_is_several_people():
    text = "Ann Bell, the doctors’ spokeswoman, spoke. “We are ready,” the doctors said."

    assert asked(text, "the doctors", "Ann Bell") is None


def test_someone_unnamed_so_described_since_is_whom_it_means():
    text = (
        "Sean Spicer, an adviser to Trump, spoke. Later one former adviser called. "
        "“He will not budge,” the adviser said."
    )

    assert asked(text, "the adviser", "Sean Spicer") is None


def test_a_person_described_beyond_the_reach_is_no_one():
    text = "Sheriff Bob Smith spoke. " + "Rain fell. " * 200 + "“We are ready,” the sheriff said."

    assert asked(text, "the sheriff", "Bob Smith") is None


def test_an_office_the_directory_knows_is_left_to_it():
    text = "Sheriff Bob Smith spoke on Monday. “We are ready,” the sheriff said."
    directory = SimpleNamespace(find_title=lambda title: object())

    assert asked(text, "the sheriff", "Bob Smith", directory=directory) is None


def test_a_clause_after_a_name_is_no_appositive():
    text = "Bob Smith, who met the sheriff, spoke on Monday. “We are ready,” the sheriff said."

    assert asked(text, "the sheriff", "Bob Smith") is None


def test_a_noun_that_says_only_person_is_anyone():
    text = "Bob Smith, a man from Leeds, spoke on Monday. “We are ready,” the man said."

    assert asked(text, "the man", "Bob Smith") is None
