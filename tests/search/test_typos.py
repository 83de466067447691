"""Correcting misspelt queries (apps/search/typos.py, selectors.search_forgiving), on the
record of tests/search/record.py, on SQLite and PostgreSQL alike."""

import pytest

from apps.search.models import VocabularyWord
from apps.search.selectors import SearchFilters, search, search_forgiving
from apps.search.typos import budget, choose
from apps.search.vocabulary import rebuild
from tests.factories import ClaimFactory, PublishedClaimFactory
from tests.search.record import israel_record


@pytest.fixture
def record(db):
    record = israel_record()
    rebuild()
    return record


def first(results):
    return (results.hits[0].kind, results.hits[0].object.pk)


# --- the rule ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "candidate", "edits"),
    [
        ("iran", "iraq", 0),  # four letters: no typo
        ("putn", "putin", 1),  # the longer word has five letters
        ("puttin", "putin", 1),
        ("immigrnts", "immigrants", 2),  # nine letters and more: two
    ],
)
def test_budget_grows_with_the_longer_word(typed, candidate, edits):
    assert budget(typed, candidate) == edits


def test_choose_prefers_fewer_edits_to_more_documents():
    assert choose("isreal", [("israeli", 50), ("israel", 3)]) == "israel"


def test_choose_prefers_the_word_more_objects_hold_among_equal_edits():
    assert choose("pution", [("putin", 7), ("option", 2)]) == "putin"


def test_choose_counts_a_transposition_as_one_edit():
    assert choose("isreal", [("israel", 1)]) == "israel"


def test_choose_refuses_a_word_beyond_the_budget():
    assert choose("iarn", [("iran", 9)]) is None


# --- search_forgiving ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "corrected", "intended"),
    [
        ("Putn", "Putin", "Putin"),
        ("Puttin", "Putin", "Putin"),
        ("Isreal", "Israel", "Israel"),
        ("immigrnts", "immigrants", "immigrants"),
        ("Vladimr Putin", "Vladimir Putin", "Vladimir Putin"),
    ],
)
def test_a_misspelt_query_finds_what_the_intended_words_find(record, typed, corrected, intended):
    exact = search(intended)

    results = search_forgiving(typed)

    assert (results.query, results.corrected_query) == (typed, corrected)
    assert (results.total, results.hits) == (exact.total, exact.hits)


@pytest.mark.parametrize(
    "query",
    ["Putin", "two million Israel", "Midnight Hammer", "Iran -Trump", "Iran OR Tehran"],
)
def test_a_query_that_matches_as_typed_gets_exactly_what_search_gives(record, query):
    exact = search(query)

    assert exact.total  # "ceasefire -Trump" matched nothing, and tested nothing
    assert search_forgiving(query) == exact


def test_a_query_that_matches_as_typed_is_never_corrected(record):
    assert search_forgiving("Putin").corrected_query == ""


def test_an_exact_match_ranks_above_any_correction(record):
    exact = PublishedClaimFactory(statement="Putn is what a hurried reader types.")
    rebuild()

    results = search_forgiving("Putn")

    assert (results.corrected_query, [hit.object for hit in results.hits]) == ("", [exact])


def test_a_word_found_only_in_a_draft_is_never_a_correction(record):
    ClaimFactory(statement="Zeppelins crossed the border.", status="draft")
    rebuild()

    results = search_forgiving("Zepelins")

    assert (results.corrected_query, results.total) == ("", 0)
    assert not VocabularyWord.objects.filter(word="zeppelins").exists()


def test_a_word_nothing_is_near_stays_as_typed(record):
    results = search_forgiving("Xylophonist")

    assert (results.corrected_query, results.total) == ("", 0)


@pytest.mark.parametrize("query", ["OR", "-", '"', "🙂", "a:b", "2025"])
def test_a_query_with_no_word_to_correct_finds_nothing_and_corrects_nothing(record, query):
    results = search_forgiving(query)

    assert (results.corrected_query, results.total) == ("", 0)


def test_an_excluded_word_is_never_corrected(record):
    results = search_forgiving("Putn -Isreal")

    assert results.corrected_query == "Putin -Isreal"


def test_a_correction_keeps_the_filters(record):
    results = search_forgiving("Isreal", filters=SearchFilters(kinds=("claim",)))

    assert results.corrected_query == "Israel"
    assert {hit.kind for hit in results.hits} == {"claim"}
    assert results.hits == search("Israel", filters=SearchFilters(kinds=("claim",))).hits


def test_first_hit_of_a_misspelt_name_is_the_speaker_as_spelt_right(record):
    assert first(search_forgiving("Puttin")) == first(search("Putin"))
