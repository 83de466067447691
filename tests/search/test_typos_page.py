"""The search page says when it corrected a misspelt query, and links to the words as typed."""

import pytest
from django.db import connection

from apps.search.vocabulary import rebuild
from tests.search.record import israel_record, zeppelin_record
from tests.web.helpers import page

# search_forgiving()'s queries (see tests/search/test_typos_api.py) and the page's own
# (see tests/web/test_search_page.py).
CORRECTED_QUERIES = 18 if connection.vendor == "postgresql" else 15
HITS = "//ol[@class='search-results']/li"


@pytest.fixture
def record(db):
    record = israel_record()
    rebuild()
    return record


def correction(response) -> list[str]:
    return [
        " ".join(" ".join(p.itertext()).split())
        for p in page(response).xpath("//p[@class='search-correction']")
    ]


def test_search_page_says_which_words_it_searched_for_instead(client, record):
    response = client.get("/search/", {"q": "Putn"})

    assert correction(response) == ["Showing results for Putin — search instead for Putn"]


def test_search_page_links_to_the_words_as_typed(client, record):
    response = client.get("/search/", {"q": "Vladimr Putin"})

    assert page(response).xpath("//p[@class='search-correction']/a/@href") == [
        "/search/?q=Vladimr+Putin&exact=1"
    ]


def test_search_page_shows_the_corrected_querys_results(client, record):
    corrected = page(client.get("/search/", {"q": "Isreal"})).xpath(f"{HITS}//h3//a/@href")

    assert corrected == page(client.get("/search/", {"q": "Israel"})).xpath(f"{HITS}//h3//a/@href")


def test_search_page_with_exact_searches_the_words_as_typed(client, record):
    response = client.get("/search/", {"q": "Putn", "exact": "1"})

    assert (correction(response), page(response).xpath(HITS)) == ([], [])


def test_search_page_says_nothing_of_a_correction_when_the_words_match(client, record):
    assert correction(client.get("/search/", {"q": "Putin"})) == []


@pytest.mark.parametrize("size", [1, 4])
def test_search_page_of_a_misspelt_query_runs_a_fixed_number_of_queries(
    client, db, django_assert_num_queries, size
):
    zeppelin_record(size)

    with django_assert_num_queries(CORRECTED_QUERIES):
        response = client.get("/search/", {"q": "Zepelin"})

    assert len(page(response).xpath(HITS)) == 4 * size
