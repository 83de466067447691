"""GET /api/v1/search/ and GET /api/v1/claims/similar/, on both databases."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from apps.claims.models import Claim
from tests.api.helpers import api, error, page, published_claim
from tests.factories import ClaimFactory
from tests.search.record import israel_record

SEARCH = "/api/v1/search/"
SIMILAR = "/api/v1/claims/similar/"


@pytest.fixture
def record(db):
    return israel_record()


def draft():
    return ClaimFactory(statement="Zanzibar cloves outsell saffron.", status=Claim.Status.DRAFT)


def hits(response) -> list[tuple[str, int]]:
    assert response.status_code == 200, response.content
    return [(hit["kind"], hit["object"]["id"]) for hit in response.json()["results"]]


def test_search_two_million_israel_lists_the_quote_and_its_claim_first(anon, record):
    response = anon.get(SEARCH, {"q": "two million Israel"})

    assert sorted(hits(response)[:2]) == [
        ("claim", record.two_million.pk),
        ("quote", record.putins_quote.pk),
    ]
    body = response.json()
    assert body["query"] == "two million Israel"
    assert body["total"] >= 2
    assert {"value": "quote", "label": "Quotes", "count": 1} in body["facets"]["kind"]


def test_search_midnight_hammer_finds_the_strike_claim_first(anon, record):
    claim = record.midnight_hammer

    response = anon.get(SEARCH, {"q": "Midnight Hammer"})

    assert hits(response)[0] == ("claim", claim.pk)
    first = response.json()["results"][0]
    assert "<mark>Midnight</mark> <mark>Hammer</mark>" in first["snippet"]
    assert first["object"] == {
        "id": claim.pk,
        "api_url": api(f"claims/{claim.pk}/"),
        "page_url": page(f"claims/{claim.slug}/"),
        "title": claim.statement,
    }
    assert isinstance(first["score"], float)


def test_search_filters_by_kind(anon, record):
    response = anon.get(SEARCH, {"q": "two million Israel", "kind": "quote"})

    assert hits(response) == [("quote", record.putins_quote.pk)]


def test_search_snippet_escapes_the_text(anon, db):
    published_claim(statement="Tariffs <script>alert(1)</script> doubled.")

    snippet = anon.get(SEARCH, {"q": "tariffs"}).json()["results"][0]["snippet"]

    # Escaped (SQLite), or left out with the other markup (PostgreSQL's ts_headline).
    assert "<script>" not in snippet
    assert "<mark>Tariffs</mark>" in snippet


def test_a_draft_is_found_only_by_those_who_may_view_claims(anon, outsider, api_editor, db):
    claim = draft()

    assert hits(anon.get(SEARCH, {"q": "Zanzibar cloves"})) == []
    assert hits(outsider.get(SEARCH, {"q": "Zanzibar cloves"})) == []
    assert hits(api_editor.get(SEARCH, {"q": "Zanzibar cloves"})) == [("claim", claim.pk)]
    assert anon.get(SIMILAR, {"text": "Zanzibar cloves outsell saffron"}).json() == []
    matched = api_editor.get(SIMILAR, {"text": "Zanzibar cloves outsell saffron"}).json()
    assert [match["claim"]["id"] for match in matched] == [claim.pk]


@pytest.mark.parametrize(
    ("parameters", "attr", "code"),
    [
        ({}, "q", "required"),
        ({"q": ""}, "q", "blank"),
        ({"q": "x" * 301}, "q", "max_length"),
        ({"q": "tax", "colour": "red"}, "colour", "unknown_parameter"),
        ({"q": "tax", "year": "twenty"}, "year", "invalid"),
        ({"q": "tax", "year": ""}, "year", "blank"),
        ({"q": "tax", "rating": ""}, "rating", "blank"),
        ({"q": "tax", "kind": "topic"}, "kind", "invalid_choice"),
        ({"q": "tax", "limit": "0"}, "limit", "min_value"),
        ({"q": "tax", "limit": "101"}, "limit", "max_value"),
        ({"q": "tax", "offset": "-1"}, "offset", "min_value"),
        ({"q": "tax", "offset": "1001"}, "offset", "max_value"),
        ({"q": "tax", "rating": "no such/slug"}, "rating", "invalid"),
    ],
)
def test_search_refuses_bad_parameters(anon, parameters, attr, code):
    status, errors = error(anon.get(SEARCH, parameters))

    assert status == 400
    assert (attr, code) in errors


def test_similar_finds_the_two_million_claim_first(anon, record):
    claim = record.two_million

    response = anon.get(SIMILAR, {"text": "Around 2 million ex-Soviet people live in Israel"})

    assert response.status_code == 200, response.content
    top = response.json()[0]
    assert top["claim"]["id"] == claim.pk
    assert top["claim"]["api_url"] == api(f"claims/{claim.pk}/")
    assert top["claim"]["page_url"] == page(f"claims/{claim.slug}/")
    assert top["claim"]["statement"] == claim.statement
    assert top["claim"]["rating"]["slug"] == claim.rating.slug
    assert 0 < top["score"] <= 1


def test_similar_answers_at_most_limit(anon, record):
    response = anon.get(SIMILAR, {"text": "Israel", "limit": 1})

    assert len(response.json()) <= 1


def test_similar_is_not_read_as_a_claim_id(anon, db):
    assert anon.get(SIMILAR).status_code == 400


@pytest.mark.parametrize(
    ("parameters", "attr", "code"),
    [
        ({}, "text", "required"),
        ({"text": "   "}, "text", "blank"),
        ({"text": "x" * 301}, "text", "max_length"),
        ({"text": "tax", "limit": "0"}, "limit", "min_value"),
        ({"text": "tax", "limit": ""}, "limit", "blank"),
        ({"text": "tax", "q": "tax"}, "q", "unknown_parameter"),
    ],
)
def test_similar_refuses_bad_parameters(anon, parameters, attr, code):
    status, errors = error(anon.get(SIMILAR, parameters))

    assert status == 400
    assert (attr, code) in errors


def queries(client, url, parameters) -> int:
    with CaptureQueriesContext(connection) as context:
        response = client.get(url, parameters)
    assert response.status_code == 200, response.content
    return len(context.captured_queries)


def test_search_queries_do_not_grow_with_the_matches(anon, db):
    for number in range(3):
        published_claim(statement=f"Grain exports rose {number}.")
    few = queries(anon, SEARCH, {"q": "grain exports"})
    for number in range(3, 15):
        published_claim(statement=f"Grain exports rose {number}.")

    assert queries(anon, SEARCH, {"q": "grain exports"}) == few


def test_similar_queries_do_not_grow_with_the_matches(anon, db):
    for number in range(2):
        published_claim(statement=f"Grain exports rose by {number} percent.")
    queries(anon, SIMILAR, {"text": "Grain"})  # matching's per-process statistics and index
    few = queries(anon, SIMILAR, {"text": "Grain exports rose by a lot"})
    for number in range(2, 12):
        published_claim(statement=f"Grain exports rose by {number} percent.")

    assert queries(anon, SIMILAR, {"text": "Grain exports rose by a lot"}) == few
