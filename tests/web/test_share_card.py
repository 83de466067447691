"""The share card: a PNG drawn on the server, named by the claim page's og:image."""

import io

import pytest
from django.core.cache import caches
from PIL import Image

from apps.claims.models import Claim
from apps.web import share_card
from tests import factories
from tests.factories import arranged
from tests.web.helpers import page


@pytest.fixture(autouse=True)
def _empty_card_cache():
    caches[share_card.CACHE_ALIAS].clear()
    yield
    caches[share_card.CACHE_ALIAS].clear()


def _image(response) -> Image.Image:
    assert (response.status_code, response["Content-Type"]) == (200, "image/png")
    return Image.open(io.BytesIO(response.content))


def test_card_is_a_png_of_the_size_the_page_states(client, db):
    factories.PublishedClaimFactory(slug="exports", rating=factories.rating("false"))

    image = _image(client.get("/claims/exports/card.png"))
    tree = page(client.get("/claims/exports/"))

    assert (image.format, image.size) == ("PNG", (1200, 630))
    assert [
        tree.xpath(f"string(//meta[@property='og:image:{name}']/@content)")
        for name in ("width", "height", "type")
    ] == ["1200", "630", "image/png"]


def test_claim_page_names_the_card_as_its_large_share_image(client, db):
    factories.PublishedClaimFactory(
        slug="exports",
        statement="Exports rose by 12%.",
        rating=factories.rating("false"),
        claimant=factories.SpeakerFactory(name="Ana Lima"),
    )

    tree = page(client.get("/claims/exports/"))

    assert {
        key: tree.xpath(f"string(//meta[@property='{key}' or @name='{key}']/@content)")
        for key in ("og:image", "og:image:alt", "twitter:card", "twitter:image")
    } == {
        "og:image": "http://testserver/claims/exports/card.png",
        "og:image:alt": "False: “Exports rose by 12%.” Claimed by Ana Lima. "
        "Fact-check by Factbase.",
        "twitter:card": "summary_large_image",
        "twitter:image": "http://testserver/claims/exports/card.png",
    }


def test_other_pages_keep_the_small_twitter_card(client, db):
    tree = page(client.get("/claims/"))

    assert tree.xpath("//meta[@name='twitter:card']/@content") == ["summary"]
    assert tree.xpath("//meta[@property='og:image']") == []


def test_card_is_drawn_once_and_then_served_from_its_cache(client, db):
    claim = factories.PublishedClaimFactory(slug="exports")
    key = f"share-card:{share_card.CardText.of(claim).digest}"

    first = client.get("/claims/exports/card.png")
    cached = caches[share_card.CACHE_ALIAS].get(key)
    second = client.get("/claims/exports/card.png")

    assert cached == first.content == second.content


def test_card_changes_with_the_verdict(client, db):
    claim = factories.PublishedClaimFactory(slug="exports", rating=factories.rating("true"))
    before = client.get("/claims/exports/card.png")

    claim.rating = factories.rating("false")
    with arranged():
        claim.save()
    after = client.get("/claims/exports/card.png")

    assert before["ETag"] != after["ETag"]
    assert before.content != after.content


def test_card_answers_304_to_its_etag(client, db):
    factories.PublishedClaimFactory(slug="exports")
    etag = client.get("/claims/exports/card.png")["ETag"]

    response = client.get("/claims/exports/card.png", HTTP_IF_NONE_MATCH=etag)

    assert (response.status_code, response.content, response["ETag"]) == (304, b"", etag)


def test_card_of_a_draft_answers_404(client, db):
    factories.ClaimFactory(slug="draft")

    assert client.get("/claims/draft/card.png").status_code == 404


def test_card_of_a_retracted_claim_says_retracted(db):
    claim = factories.PublishedClaimFactory(
        rating=factories.rating("false"), status=Claim.Status.RETRACTED
    )

    assert share_card.CardText.of(claim).verdict == "Retracted"


def test_card_of_a_former_slug_redirects_to_the_current_one(client, db):
    claim = factories.PublishedClaimFactory(slug="old-slug")
    claim.slug = "new-slug"
    with arranged():
        claim.save()

    response = client.get("/claims/old-slug/card.png")

    assert (response.status_code, response["Location"]) == (301, "/claims/new-slug/card.png")


def test_card_fits_a_statement_too_long_for_it(client, db):
    factories.PublishedClaimFactory(slug="long", statement="word " * 2000 + "x" * 500)

    image = _image(client.get("/claims/long/card.png"))

    assert image.size == (1200, 630)


def test_card_uses_no_more_than_two_queries(client, db, django_assert_max_num_queries):
    factories.PublishedClaimFactory(slug="exports")

    with django_assert_max_num_queries(2):
        response = client.get("/claims/exports/card.png")

    assert response.status_code == 200


def test_card_answers_head_without_a_body(client, db):
    factories.PublishedClaimFactory(slug="exports")

    response = client.head("/claims/exports/card.png")

    assert (response.status_code, response["Content-Type"], response.content) == (
        200,
        "image/png",
        b"",
    )
