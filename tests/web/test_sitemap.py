"""/sitemap.xml and /robots.txt: every public page for crawlers, and nothing else.

/sitemap.xml is an index of one file per kind of page, each paged at 50,000 addresses.
"""

import xml.etree.ElementTree as ET
from urllib.parse import urlsplit

import pytest
from django.test import override_settings

from apps.quotes.models import Quote
from apps.web.sitemaps import QuoteSitemap
from tests import factories
from tests.factories import arranged

NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def _locations(response) -> list[str]:
    assert (response.status_code, response["Content-Type"]) == (200, "application/xml")
    return [loc.text for loc in ET.fromstring(response.content).iter(f"{NS}loc")]


def _path(url: str) -> str:
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


def _all_locations(client) -> list[str]:
    """Every address of every file the index lists, in the index's order."""
    return [
        location
        for sitemap in _locations(client.get("/sitemap.xml"))
        for location in _locations(client.get(_path(sitemap)))
    ]


def test_sitemap_lists_every_public_page(client, db):
    speaker = factories.SpeakerFactory(slug="ana")
    claim = factories.PublishedClaimFactory(slug="exports", claimant=speaker)
    topic = factories.TopicFactory(slug="trade")
    with arranged():
        claim.topics.set([topic])
    quote = factories.QuoteFactory(speaker=speaker)
    source = factories.SourceFactory(slug="report")

    locations = _all_locations(client)

    base = "http://testserver"
    assert locations == [
        f"{base}/",
        f"{base}/claims/",
        f"{base}/quotes/",
        f"{base}/speakers/",
        f"{base}/sources/",
        f"{base}/topics/",
        f"{base}/corrections/",
        f"{base}/method/",
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

    locations = _all_locations(client)

    # The lists, /corrections/, /method/ and the published speaker: no draft claim, quote,
    # speaker or source.
    assert locations[8:] == ["http://testserver/speakers/ana/"]


def test_the_index_lists_one_file_per_kind_of_page(client, db):
    factories.PublishedClaimFactory()

    assert _locations(client.get("/sitemap.xml")) == [
        f"http://testserver/sitemap-{kind}.xml"
        for kind in ("pages", "claims", "quotes", "speakers", "sources", "topics")
    ]


def test_the_index_gives_each_kind_its_newest_change(client, db):
    older, newer = factories.PublishedClaimFactory(), factories.PublishedClaimFactory()

    index = ET.fromstring(client.get("/sitemap.xml").content)
    lastmod = {
        entry.find(f"{NS}loc").text: entry.find(f"{NS}lastmod").text
        for entry in index.iter(f"{NS}sitemap")
        if entry.find(f"{NS}lastmod") is not None
    }

    assert older.updated_at < newer.updated_at
    assert lastmod["http://testserver/sitemap-claims.xml"] == newer.updated_at.isoformat()


def test_a_kind_with_more_addresses_than_a_file_holds_is_paged(client, db, monkeypatch):
    monkeypatch.setattr(QuoteSitemap, "limit", 2)
    quotes = [factories.QuoteFactory() for _ in range(3)]

    listed = _locations(client.get("/sitemap.xml"))
    second = _locations(client.get("/sitemap-quotes.xml?p=2"))

    assert [url for url in listed if "quotes" in url] == [
        "http://testserver/sitemap-quotes.xml",
        "http://testserver/sitemap-quotes.xml?p=2",
    ]
    assert second == [f"http://testserver/quotes/{quotes[2].pk}/"]


@pytest.mark.parametrize("path", ["/sitemap-quotes.xml?p=3", "/sitemap-nothing.xml"])
def test_a_sitemap_file_that_is_not_there_answers_404(client, db, monkeypatch, path):
    monkeypatch.setattr(QuoteSitemap, "limit", 2)
    for _ in range(3):
        factories.QuoteFactory()

    assert client.get(path).status_code == 404


def _arrange(size: int) -> None:
    for _ in range(size):
        with arranged():
            factories.PublishedClaimFactory().topics.set([factories.TopicFactory()])
        factories.AppearanceFactory()


@pytest.mark.parametrize("size", [1, 8])
def test_the_index_runs_a_fixed_number_of_queries(client, db, django_assert_num_queries, size):
    _arrange(size)

    # A count and the newest change for each of the five kinds of page.
    with django_assert_num_queries(10):
        client.get("/sitemap.xml")


@pytest.mark.parametrize("size", [1, 8])
@pytest.mark.parametrize("kind", ["claims", "quotes", "speakers", "sources", "topics"])
def test_a_sitemap_file_runs_a_fixed_number_of_queries(
    client, db, django_assert_num_queries, size, kind
):
    _arrange(size)

    # A count and a page of items.
    with django_assert_num_queries(2):
        response = client.get(f"/sitemap-{kind}.xml")

    # Per size, one of each: a claim, its claimant, its topic, a quote, its speaker, its
    # source (two speakers: the claimant and the quote's).
    assert len(_locations(response)) == size * (2 if kind == "speakers" else 1)


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
