"""The search endpoint corrects misspelt queries and says so (`corrected_query`)."""

import pytest
from django.db import connection
from django.test import Client

from apps.search.vocabulary import rebuild
from tests.search.record import israel_record, zeppelin_record

SEARCH = "/api/v1/search/"
# search()'s queries for a query nothing matches as typed (one per kind), one to look its
# words up in the vocabulary, one for the misspelt word's candidates, then search()'s for the
# corrected query with hits of every kind (see apps.search.selectors.search_forgiving). On
# PostgreSQL more: the trigram threshold, set in a savepoint, before the candidates (each
# one-word search's settings go with its statements).
CORRECTED_QUERIES = 18 if connection.vendor == "postgresql" else 15


@pytest.fixture
def anon():
    return Client()


@pytest.fixture
def record(db):
    record = israel_record()
    rebuild()
    return record


def answer(client, **params) -> dict:
    response = client.get(SEARCH, params)
    assert response.status_code == 200, response.content
    return response.json()


def test_search_answers_the_corrected_query_of_a_misspelt_one(anon, record):
    body = answer(anon, q="Putn")

    assert (body["query"], body["corrected_query"], body["total"]) == (
        "Putn",
        "Putin",
        answer(anon, q="Putin")["total"],
    )


def test_search_answers_the_same_results_as_the_corrected_query(anon, record):
    assert answer(anon, q="Vladimr Putin")["results"] == answer(anon, q="Vladimir Putin")["results"]


def test_search_corrects_nothing_in_a_query_that_matches(anon, record):
    assert answer(anon, q="Putin")["corrected_query"] is None


def test_search_with_exact_true_searches_the_words_as_typed(anon, record):
    body = answer(anon, q="Putn", exact="true")

    assert (body["corrected_query"], body["total"], body["results"]) == (None, 0, [])


def test_schema_documents_corrected_query_and_exact(openapi_document):
    document = openapi_document
    results = document["components"]["schemas"]["SearchResults"]
    parameters = [p["name"] for p in document["paths"]["/api/v1/search/"]["get"]["parameters"]]

    assert (results["properties"]["corrected_query"]["nullable"], "exact" in parameters) == (
        True,
        True,
    )


@pytest.mark.parametrize("size", [1, 4])
def test_search_of_a_misspelt_query_runs_a_fixed_number_of_queries(
    anon, db, django_assert_num_queries, size
):
    zeppelin_record(size)

    with django_assert_num_queries(CORRECTED_QUERIES):
        body = answer(anon, q="Zepelin")

    assert (body["corrected_query"], body["total"]) == ("Zeppelin", 4 * size)
