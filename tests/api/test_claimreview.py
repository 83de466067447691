import json
import re

import pytest

from tests.api.helpers import published_claim
from tests.factories import (
    CitationFactory,
    ClaimFactory,
    QuoteFactory,
    SourceFactory,
    SpeakerFactory,
    rating,
)

FEED = "/api/v1/claimreview/"
JSON_LD = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.DOTALL)


def results(response) -> list[dict]:
    """The ClaimReview items of one page of the feed (a DataFeed)."""
    assert response.status_code == 200, response.content
    return [element["item"][0] for element in response.json()["dataFeedElement"]]


def page_markup(client, claim) -> dict:
    """The ClaimReview JSON-LD block of the claim's public page."""
    html = client.get(claim.get_absolute_url()).content.decode()
    blocks = [json.loads(block) for block in JSON_LD.findall(html)]
    review = next(block for block in blocks if block.get("@type") == "ClaimReview")
    return {key: value for key, value in review.items() if key != "@context"}


def test_feed_item_is_the_same_markup_as_the_claim_page(anon):
    claim = published_claim(
        claimant=SpeakerFactory(name="Minister"), rating=rating("false"), summary="No."
    )
    CitationFactory(claim=claim, source=SourceFactory(published_on="2024-05-01"))

    listed = results(anon.get(FEED))

    assert listed == [page_markup(anon, claim)]
    assert (listed[0]["@type"], listed[0]["reviewRating"]["alternateName"]) == (
        "ClaimReview",
        rating("false").label,
    )


def test_feed_lists_published_claims_only(anon):
    ClaimFactory(rating=rating("true"))  # a draft
    published = published_claim(rating=rating("true"))

    listed = results(anon.get(FEED))

    assert [item["url"] for item in listed] == [f"http://testserver{published.get_absolute_url()}"]


def test_feed_rejects_an_unknown_parameter(anon):
    response = anon.get(FEED, {"rating": "true"})

    assert (response.status_code, response.json()["errors"][0]["attr"]) == (400, "rating")


@pytest.mark.parametrize("rows", [1, 8])
def test_feed_query_count_is_flat(anon, django_assert_num_queries, rows):
    for _ in range(rows):
        claim = published_claim(
            claimant=SpeakerFactory(), quote=QuoteFactory(), rating=rating("false")
        )
        CitationFactory(claim=claim)

    with django_assert_num_queries(7):
        listed = results(anon.get(FEED))

    assert len(listed) == rows


@pytest.mark.parametrize("client_name", ["anon", "outsider", "api_editor"])
def test_feed_is_the_same_published_list_for_everyone(db, request, client_name):
    ClaimFactory(rating=rating("true"), status="in_review")
    published = published_claim(rating=rating("true"))
    client = request.getfixturevalue(client_name)

    listed = results(client.get(FEED))

    assert [item["claimReviewed"] for item in listed] == [published.statement]
