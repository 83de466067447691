"""/sitemap.xml and /robots.txt: every public page for crawlers, and nothing else."""

import xml.etree.ElementTree as ET

import pytest
from django.test import override_settings

from apps.quotes.models import Quote
from tests import factories
from tests.factories import arranged

NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def _locations(response) -> list[str]:
    assert (response.status_code, response["Content-Type"]) == (200, "application/xml")
    return [loc.text for loc in ET.fromstring(response.content).iter(f"{NS}loc")]


def test_sitemap_lists_every_public_page(client, db):
    speaker = factories.SpeakerFactory(slug="ana")
    claim = factories.PublishedClaimFactory(slug="exports", claimant=speaker)
    topic = factories.TopicFactory(slug="trade")
    with arranged():
        claim.topics.set([topic])
    quote = factories.QuoteFactory(speaker=speaker)
    source = factories.SourceFactory(slug="report")

    locations = _locations(client.get("/sitemap.xml"))

    base = "http://testserver"
    assert locations == [
        f"{base}/",
        f"{base}/claims/",
        f"{base}/quotes/",
        f"{base}/speakers/",
        f"{base}/sources/",
        f"{base}/topics/",
        f"{base}/corrections/",
        f"{base}/claims/exports/",
        f"{base}/quotes/{quote.pk}/",
        f"{base}/speakers/ana/",
        f"{base}/sources/{source.slug}/",
        f"{base}/topics/trade/",
    ]


def test_sitemap_leaves_out_drafts(client, db):
    ana = factories.SpeakerFactory(slug="ana")
    factories.ClaimFactory(slug="draft-claim", claimant=ana)
    factories.QuoteFactory(status=Quote.Status.DRAFT, speaker=ana)
    factories.SpeakerFactory(slug="hidden", status="draft")
    factories.SourceFactory(slug="hidden-source", status="draft")

    locations = _locations(client.get("/sitemap.xml"))

    # The lists, /corrections/ and the published speaker: no draft claim, quote, speaker
    # or source.
    assert locations[7:] == ["http://testserver/speakers/ana/"]


@pytest.mark.parametrize("size", [1, 8])
def test_sitemap_runs_a_fixed_number_of_queries(client, db, django_assert_num_queries, size):
    for _ in range(size):
        with arranged():
            factories.PublishedClaimFactory().topics.set([factories.TopicFactory()])
        factories.AppearanceFactory()

    # A count and a page of items for each of the five kinds of page.
    with django_assert_num_queries(10):
        response = client.get("/sitemap.xml")

    # Per size: a claim, its claimant, its topic, a quote, its speaker and its source.
    assert len(_locations(response)) == 7 + 6 * size


def test_robots_txt_points_to_the_sitemap(client, db):
    response = client.get("/robots.txt")

    assert (response.status_code, response.content.decode()) == (
        200,
        "User-agent: *\nDisallow:\nSitemap: http://testserver/sitemap.xml\n",
    )


@override_settings(ADMIN_URL="desk-7f3a/")
def test_robots_txt_does_not_reveal_the_admin_address(client, db):
    response = client.get("/robots.txt")

    assert ("desk-7f3a" in response.content.decode(), "admin" in response.content.decode()) == (
        False,
        False,
    )
