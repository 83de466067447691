"""The ClaimReview JSON-LD of claim pages, read back by a real structured-data extractor."""

import datetime

import extruct
import pytest

from apps.claims.demo import load_demo
from apps.claims.editing import claim_update
from apps.claims.models import Citation, Claim
from apps.claims.workflow import claim_retract
from apps.sources.models import Source
from apps.sources.services import source_update
from apps.speakers.models import Speaker
from apps.speakers.services import speaker_update
from tests import factories
from tests.factories import arranged

BASE = "http://testserver"


def _claim_reviews(response) -> list[dict]:
    assert response.status_code == 200
    data = extruct.extract(
        response.content.decode(), base_url=BASE, syntaxes=["json-ld"], uniform=True
    )
    return [item for item in data["json-ld"] if item.get("@type") == "ClaimReview"]


@pytest.fixture
def claim(db, settings):
    settings.FACTBASE_ORGANISATION_NAME = "Fact Desk"
    settings.FACTBASE_ORGANISATION_URL = "https://factdesk.example/"
    speaker = factories.SpeakerFactory(
        name="Ana Minister", slug="ana", wikidata_id="Q42", description="Minister of Trade"
    )
    claim = factories.PublishedClaimFactory(
        statement="Exports rose by 12% last year.",
        slug="exports-rose",
        claimant=speaker,
        rating=factories.rating("mostly-false"),
        summary="The ministry later said 9%.",
        published_at=datetime.datetime(2026, 5, 6, 7, 8, tzinfo=datetime.UTC),
    )
    later = factories.SourceFactory(
        title="Later report",
        slug="later",
        url="https://news.example/later",
        published_on=datetime.date(2026, 4, 2),
        publisher__name="Daily News",
        publisher__home_page="https://news.example/",
        authors="Jo Writer, Al Editor",
    )
    earlier = factories.SourceFactory(
        title="Earlier report",
        slug="earlier",
        published_on=datetime.date(2026, 3, 1),
        publisher=None,
    )
    factories.CitationFactory(claim=claim, source=later)
    factories.CitationFactory(claim=claim, source=earlier)
    factories.CitationFactory(
        claim=claim, source__slug="evidence", relation=Citation.Relation.CONTRADICTS
    )
    return claim


def test_claim_page_carries_a_complete_claim_review(client, claim):
    with arranged():  # a last change at a known moment (updated_at is otherwise "now")
        Claim.objects.filter(pk=claim.pk).update(
            updated_at=datetime.datetime(2026, 5, 7, 8, 9, 10, 123456, tzinfo=datetime.UTC)
        )

    [review] = _claim_reviews(client.get("/claims/exports-rose/"))

    earlier = {
        "@type": "CreativeWork",
        "url": f"{BASE}/sources/earlier/",
        "headline": "Earlier report",
        "datePublished": "2026-03-01",
    }
    assert review == {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": f"{BASE}/claims/exports-rose/",
        "claimReviewed": "Exports rose by 12% last year.",
        "datePublished": "2026-05-06",
        "dateModified": "2026-05-07T08:09:10+00:00",
        "author": {
            "@type": "Organization",
            "name": "Fact Desk",
            "url": "https://factdesk.example/",
        },
        "reviewRating": {
            "@type": "Rating",
            "ratingValue": 2,
            "bestRating": 5,
            "worstRating": 1,
            "alternateName": "Mostly false",
            "name": "Mostly false",
        },
        "description": "The ministry later said 9%.",
        "itemReviewed": {
            "@type": "Claim",
            "author": {
                "@type": "Person",
                "name": "Ana Minister",
                "sameAs": "https://www.wikidata.org/wiki/Q42",
                "jobTitle": "Minister of Trade",
            },
            "datePublished": "2026-03-01",
            "firstAppearance": earlier,
            "appearance": [
                earlier,
                {
                    "@type": "CreativeWork",
                    "url": "https://news.example/later",
                    "headline": "Later report",
                    "datePublished": "2026-04-02",
                    "author": [
                        {"@type": "Person", "name": "Jo Writer"},
                        {"@type": "Person", "name": "Al Editor"},
                    ],
                    "publisher": {
                        "@type": "Organization",
                        "name": "Daily News",
                        "url": "https://news.example/",
                    },
                },
            ],
        },
    }


def test_claim_review_of_an_unproven_claim_names_the_verdict_without_a_number(
    client, claim, superuser
):
    claim_update(
        claim=claim,
        actor=superuser,
        rating=factories.rating("unproven"),
        correction_note="The ministry withdrew both figures.",
    )

    [review] = _claim_reviews(client.get("/claims/exports-rose/"))

    assert review["reviewRating"] == {
        "@type": "Rating",
        "alternateName": "Unproven",
        "name": "Unproven",
    }


def test_claim_review_leaves_out_sources_that_are_drafts(client, claim):
    source_update(source=Source.objects.get(slug="earlier"), status=Source.Status.DRAFT)

    [review] = _claim_reviews(client.get("/claims/exports-rose/"))

    appearances = review["itemReviewed"]["appearance"]
    assert [work["headline"] for work in appearances] == ["Later report"]
    assert review["itemReviewed"]["firstAppearance"]["headline"] == "Later report"


def test_claim_review_without_claimant_is_attributed_to_the_stating_publisher(client, claim):
    speaker_update(speaker=claim.claimant, status=Speaker.Status.DRAFT)
    source_update(source=Source.objects.get(slug="earlier"), status=Source.Status.DRAFT)

    [review] = _claim_reviews(client.get("/claims/exports-rose/"))

    assert review["itemReviewed"]["author"] == {
        "@type": "Organization",
        "name": "Daily News",
        "url": "https://news.example/",
    }
    assert "Ana Minister" not in client.get("/claims/exports-rose/").content.decode()


def test_claim_review_text_cannot_close_its_script_block(client, claim, superuser):
    claim_update(
        claim=claim,
        actor=superuser,
        statement='Exports </script><script>alert("x")</script> rose & fell.',
        correction_note="The statement now quotes the minister in full.",
    )

    response = client.get("/claims/exports-rose/")
    [review] = _claim_reviews(response)

    assert review["claimReviewed"] == claim.statement
    assert '<script>alert("x")' not in response.content.decode()


def test_claim_page_without_a_verdict_carries_no_claim_review(client, claim):
    with arranged():  # however a published claim comes to lack a verdict
        Claim.objects.filter(pk=claim.pk).update(rating=None)

    assert _claim_reviews(client.get("/claims/exports-rose/")) == []


def test_retracted_claim_page_carries_no_claim_review(client, claim, superuser):
    claim_retract(claim=claim, actor=superuser, note="The report it relied on was a forgery.")

    assert _claim_reviews(client.get("/claims/exports-rose/")) == []


def test_every_published_demo_claim_page_carries_a_claim_review(client, db):
    load_demo()
    required = {"claimReviewed", "reviewRating", "author", "datePublished", "url", "itemReviewed"}

    reviews = {}
    for claim in Claim.objects.public():
        [review] = _claim_reviews(client.get(claim.get_absolute_url()))
        reviews[claim.slug] = (
            required <= review.keys(),
            "alternateName" in review["reviewRating"],
            review["itemReviewed"]["@type"],
            bool(review["itemReviewed"].get("appearance")),
            bool(review["itemReviewed"].get("firstAppearance")),
        )

    assert reviews == {
        claim.slug: (True, True, "Claim", True, True) for claim in Claim.objects.public()
    }
