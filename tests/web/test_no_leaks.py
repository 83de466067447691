"""Drafts, quotes awaiting confirmation, claims in review and retracted claims leak nowhere.

Each test first creates what could leak, next to published content that links to it from
every side, then reads every page, feed and sitemap a crawler reaches from the home page.
"""

import pytest

from apps.claims.models import Citation, Claim
from apps.quotes.models import Quote
from apps.sources.models import Source
from apps.speakers.models import Speaker
from tests import factories
from tests.web.helpers import crawl

LEAK = "LEAK"  # every private text below contains it; no public text does
# Every private text contains "leak", so searching for it (in lower case, which the check
# below ignores) would find any of them; the crawl follows each result and facet link.
START = ["/", "/sitemap.xml", "/feeds/claims/", "/robots.txt", "/search/?q=leak"]


@pytest.fixture
def world(db):
    """Published content, and private content tied to it in every way the model allows."""
    speaker = factories.SpeakerFactory(name="Ana Minister", slug="ana")
    topic = factories.TopicFactory(name="Trade", slug="trade")
    source = factories.SourceFactory(title="Public report", slug="report")
    quote = factories.QuoteFactory(speaker=speaker)
    quote.topics.set([topic])
    factories.AppearanceFactory(quote=quote, source=source)
    claim = factories.PublishedClaimFactory(claimant=speaker, quote=quote, slug="public")
    claim.topics.set([topic])
    factories.CitationFactory(claim=claim, source=source)
    return {"speaker": speaker, "topic": topic, "source": source, "quote": quote, "claim": claim}


def _private_claim(world, status, label):
    claim = factories.PublishedClaimFactory(
        statement=f"{LEAK} {label} statement",
        slug=f"leak-{label}",
        summary=f"{LEAK} {label} summary",
        claimant=world["speaker"],
        quote=world["quote"],
        status=status,
        rating=factories.rating("false"),
    )
    claim.topics.set([world["topic"]])
    factories.CitationFactory(claim=claim, source=world["source"], note=f"{LEAK} {label} note")
    return claim


def _assert_nothing_private(pages):
    leaks = {
        url: response.status_code
        for url, response in pages.responses.items()
        if LEAK.encode() in response.content or b"leak-" in response.content
    }
    assert leaks == {}


@pytest.mark.parametrize(
    "status", [Claim.Status.DRAFT, Claim.Status.IN_REVIEW, Claim.Status.RETRACTED]
)
def test_unpublished_claim_leaks_nowhere(client, world, status):
    claim = _private_claim(world, status, status)

    pages = crawl(client, [*START, "/feeds/speakers/ana/", "/feeds/topics/trade/"])

    _assert_nothing_private(pages)
    assert client.get(claim.get_absolute_url()).status_code == 404
    assert "/claims/public/" in pages.responses  # the crawl did reach the public claim


@pytest.mark.parametrize("status", [Quote.Status.DRAFT, Quote.Status.REJECTED])
def test_unconfirmed_quote_leaks_nowhere(client, world, status):
    quote = factories.QuoteFactory(
        text=f"{LEAK} words awaiting confirmation", speaker=world["speaker"], status=status
    )
    quote.topics.set([world["topic"]])
    factories.AppearanceFactory(
        quote=quote, source=world["source"], exact="exports rose by 12% last year"
    )
    world["claim"].quote = quote
    world["claim"].save()

    pages = crawl(client, START)

    _assert_nothing_private(pages)
    assert client.get(quote.get_absolute_url()).status_code == 404


def test_draft_speaker_leaks_nowhere(client, world):
    hidden = factories.SpeakerFactory(
        name=f"{LEAK} Draft Speaker", slug="leak-speaker", status=Speaker.Status.DRAFT
    )
    factories.SpeakerAliasFactory(speaker=hidden, name=f"{LEAK} alias")
    quote = factories.QuoteFactory(text=f"{LEAK} words of a draft speaker", speaker=hidden)
    factories.AppearanceFactory(quote=quote, source=world["source"])
    claim = factories.PublishedClaimFactory(
        claimant=hidden, statement="Public claim, draft claimant."
    )
    factories.CitationFactory(claim=claim, source=world["source"])

    pages = crawl(
        client,
        [
            *START,
            "/claims/?speaker=leak-speaker",
            "/quotes/?speaker=leak-speaker",
            "/search/?q=claim",
        ],
    )

    _assert_nothing_private(pages)
    assert [
        client.get(url).status_code
        for url in (
            "/speakers/leak-speaker/",
            "/feeds/speakers/leak-speaker/",
            f"/quotes/{quote.pk}/",
        )
    ] == [404, 404, 404]


def test_draft_source_leaks_nowhere(client, world):
    hidden = factories.SourceFactory(
        title=f"{LEAK} Draft Source",
        slug="leak-source",
        status=Source.Status.DRAFT,
        text=f"Exports rose by 12% last year, says the {LEAK} draft source text.",
    )
    factories.AppearanceFactory(
        quote=world["quote"], source=hidden, exact="Exports rose by 12% last year"
    )
    factories.CitationFactory(
        claim=world["claim"], source=hidden, relation=Citation.Relation.STATES
    )

    pages = crawl(client, [*START, "/claims/?source=leak-source"])

    _assert_nothing_private(pages)
    assert client.get("/sources/leak-source/").status_code == 404
