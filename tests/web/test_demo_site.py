"""The demo data as a reader meets it: every public page reachable, every link sound."""

import lxml.html
import pytest

from apps.claims.demo import load_demo
from apps.claims.models import Citation, Claim
from apps.quotes.models import Appearance, Quote
from apps.sources.models import Source
from apps.speakers.models import Speaker
from tests.web.helpers import crawl


@pytest.fixture
def site(client, db):
    load_demo()
    return crawl(client, ["/", "/sitemap.xml", "/robots.txt"])


def test_demo_site_has_no_broken_link(site):
    broken = {url: r.status_code for url, r in site.responses.items() if r.status_code != 200}

    assert broken == {}


def test_demo_site_has_a_page_for_every_public_object(site):
    expected = {
        obj.get_absolute_url()
        for queryset in (
            Claim.objects.public(),
            Quote.objects.public(),
            Speaker.objects.public(),
            Source.objects.public(),
        )
        for obj in queryset
    }

    assert expected - set(site.responses) == set()
    assert len(expected) == 5 + 8 + 4 + 2


def test_demo_site_fragment_links_land_on_highlighted_passages(site):
    landing = {}
    for on_page, path, fragment in site.fragment_links:
        tree = lxml.html.fromstring(site.responses[path].content.decode())
        elements = tree.xpath(f"//*[@id='{fragment}']")
        landing[(on_page, path, fragment)] = elements[0].tag if elements else None

    missing = {link for link, tag in landing.items() if tag is None}
    to_passages = {
        link: tag
        for link, tag in landing.items()
        if link[1].startswith("/sources/") and link[2] != "main"
    }
    assert missing == set()
    assert len(to_passages) > 0
    assert set(to_passages.values()) == {"mark"}


def test_demo_site_links_every_public_citation_and_appearance_to_its_passage(site):
    linked = {(path, fragment) for _, path, fragment in site.fragment_links}
    passages = [
        *Citation.objects.filter(claim__in=Claim.objects.public()),
        *Appearance.objects.filter(quote__in=Quote.objects.public()),
    ]

    assert {(p.source.get_absolute_url(), p.html_id) for p in passages} <= linked
