import pytest

from apps.ingest.entity_links import MAX_LINKS, wikidata_ids
from apps.ingest.speaker_facts import SpeakerFacts, is_alias, role_from


@pytest.mark.parametrize(
    ("stated", "role"),
    [
        ("the deputy mayor of Leeds", ("Deputy mayor", "Leeds")),
        ("Her deputy", ("Deputy", "")),
        ("Russian President", ("Russian President", "")),
        ("a spokeswoman for the council", ("Spokeswoman", "council")),
        ("Dr", None),
        ("Ms", None),
        ("", None),
    ],
)
def test_the_role_an_article_states(stated, role):
    assert role_from(stated) == role


@pytest.mark.parametrize(
    ("alias", "kept"),
    [("Ms Marsh", True), ("Marsh", True), ("she", False), ("the minister", False), ("Mr", False)],
)
def test_which_names_are_kept_as_aliases(alias, kept):
    assert is_alias(alias, "Jane Marsh") is kept


def test_the_speakers_own_name_is_not_an_alias():
    facts = SpeakerFacts("Jane Marsh")
    facts.add_alias("jane marsh")
    facts.add_alias("Ms Marsh")
    facts.add_alias("Ms  Marsh,")

    assert facts.aliases == ["Ms Marsh"]


def test_wikidata_ids_from_links_and_json_ld():
    page = (
        '<p><a class="x" href="https://www.wikidata.org/wiki/Q76"><b>Barack</b> Obama</a> and '
        '<a href="https://example.org/Q1">Not Wikidata</a></p>'
        '<script type="application/ld+json">[{"@type": ["Person"], "name": "Angela Merkel", '
        '"sameAs": "http://wikidata.org/entity/Q567"}, {"@type": "Place", "name": "Berlin", '
        '"sameAs": "https://www.wikidata.org/wiki/Q64"}]</script>'
        '<script type="application/ld+json">{"broken": </script>'
    )

    assert wikidata_ids(page) == (("Barack Obama", "Q76"), ("Angela Merkel", "Q567"))


def test_wikidata_ids_are_bounded():
    link = '<a href="https://www.wikidata.org/wiki/Q{n}">Person {n}</a>'
    page = "".join(link.format(n=n) for n in range(1, MAX_LINKS + 50))

    assert len(wikidata_ids(page)) == MAX_LINKS
