"""The search and claim-matching answers built directly (represent_results,
represent_matches) are the serializers', key for key."""

import json

import pytest
from rest_framework.request import Request
from rest_framework.test import APIRequestFactory

from apps.api.serializers.search import (
    ClaimMatchSerializer,
    SearchResultsSerializer,
    represent_matches,
    represent_results,
)
from apps.claims.matching import match_claims
from apps.search.selectors import SearchFilters, search, search_forgiving
from apps.search.vocabulary import rebuild
from tests.factories import PublishedClaimFactory
from tests.search.record import israel_record


@pytest.fixture
def record(db):
    record = israel_record()
    rebuild()
    return record


def request(query: str = "") -> Request:
    return Request(APIRequestFactory().get(f"/api/v1/search/{query}"))


def both(results, query: str = "") -> tuple[str, str]:
    """Each answer as the JSON renderer sees it (key order included)."""
    direct = represent_results(results, request(query))
    drf = SearchResultsSerializer(results, context={"request": request(query)}).data
    return json.dumps(direct), json.dumps(drf)


@pytest.mark.parametrize(
    "query",
    ["Israel", "two million Israel", "Putin", "Midnight Hammer", "Russia OR Iran", "nothingness"],
)
def test_every_kind_with_its_facets_is_represented_as_the_serializer_does(record, query):
    results = search(query)

    direct, drf = both(results)

    assert direct == drf


def test_a_filtered_page_is_represented_as_the_serializer_does(record):
    results = search("Israel", filters=SearchFilters(kinds=("claim",)), limit=2, offset=1)

    direct, drf = both(results)

    assert direct == drf


def test_a_corrected_query_is_represented_as_the_serializer_does(record):
    results = search_forgiving("Putn")
    assert results.corrected_query  # the case this test is about

    direct, drf = both(results)

    assert direct == drf


def test_an_empty_query_is_represented_as_the_serializer_does(db):
    direct, drf = both(search(""))

    assert direct == drf


def test_links_with_format_in_the_query_are_the_serializers(record):
    results = search("Israel")

    direct, drf = both(results, "?format=json")

    assert direct == drf
    assert "format=json" in direct


def both_matches(matches, query: str = "") -> tuple[str, str]:
    """Each claim-matching answer as the JSON renderer sees it (key order included)."""
    direct = represent_matches(matches, request(query))
    drf = ClaimMatchSerializer(matches, many=True, context={"request": request(query)}).data
    return json.dumps(direct), json.dumps(drf)


@pytest.mark.parametrize("text", ["two million Israel", "Iran nuclear", "nothingness"])
def test_matched_claims_are_represented_as_the_serializer_does(record, text):
    matches = match_claims(text, public=True, limit=10)

    direct, drf = both_matches(matches)

    assert direct == drf


def test_a_matched_claim_without_a_verdict_is_represented_as_the_serializer_does(db):
    PublishedClaimFactory(statement="Exports of tomatoes doubled in May.", rating=None)
    matches = match_claims("Exports of tomatoes doubled in May", public=True, limit=5)
    assert [match.claim.rating for match in matches] == [None]  # the case this test is about

    direct, drf = both_matches(matches)

    assert direct == drf


def test_match_links_with_format_in_the_query_are_the_serializers(record):
    matches = match_claims("two million Israel", public=True, limit=5)

    direct, drf = both_matches(matches, "?format=json")

    assert direct == drf
    assert "format=json" in direct
