"""A person's gender from their first name, when the text tells none (bench/first_names.py,
issue 19 round 23: measured, not in the product; no database). The lexicon's data are
given here, a few names in its form ({name: [sources, observations, p(gf), ...]}), so the
tests do not need nomquamgender installed."""

from apps.ingest.extraction.entities import Entity
from bench.first_names import learn_first_name_genders, sure_genders

NAME_DATA = {
    "kisha": [3, 7016, 1.0, 3],
    "lotfi": [2, 2222, 0.0, 3],
    "taylor": [6, 488920, 0.36, 0],
    "oklahoma": [1, 5, 1.0, 3],
    "&gt;basti&lt;": [1, 1000, 0.0, 3],
}


def person(name: str, gender: str | None = None) -> Entity:
    return Entity(name, "person", gender)


def test_a_name_the_lexicon_is_sure_of_tells_a_gender():
    assert sure_genders(NAME_DATA) == {"kisha": "f", "lotfi": "m"}


def test_a_name_given_to_both_tells_none():
    assert "taylor" not in sure_genders(NAME_DATA)


def test_a_name_seen_a_few_times_tells_none():
    assert "oklahoma" not in sure_genders(NAME_DATA)


def test_a_person_of_unknown_gender_gets_their_first_names():
    kisha = person("Kisha Rivera")

    learn_first_name_genders([kisha], sure_genders(NAME_DATA))

    assert kisha.gender == "f"


def test_the_gender_the_text_told_wins_over_the_first_name():
    kisha = person("Kisha Rivera", "m")

    learn_first_name_genders([kisha], sure_genders(NAME_DATA))

    assert kisha.gender == "m"


def test_a_single_name_may_be_a_surname_and_tells_none():
    kisha = person("Kisha")

    learn_first_name_genders([kisha], sure_genders(NAME_DATA))

    assert kisha.gender is None


def test_a_body_gets_no_gender():
    body = Entity("Lotfi Holdings", "organisation")

    learn_first_name_genders([body], sure_genders(NAME_DATA))

    assert body.gender is None
