"""Drafts, quotes awaiting confirmation and claims in review leak nowhere; a retracted
claim shows only on its own page and on the public record of corrections.

Each test first creates what could leak, next to published content that links to it from
every side, then reads every page, feed, sitemap and text download a crawler reaches from
the home page and the public record of corrections.
"""

import pytest

from apps.claims.editing import claim_update
from apps.claims.models import Citation, Claim
from apps.claims.workflow import claim_retract
from apps.quotes.models import Quote
from apps.sources.models import Source
from apps.sources.services import source_update
from apps.speakers.models import Speaker
from tests import factories
from tests.factories import arranged
from tests.web.helpers import crawl, page, texts

LEAK = "LEAK"  # every private text below contains it; no public text does
# Every private text contains "leak", so searching for it (in lower case, which the check
# below ignores) would find any of them; the crawl follows each result and facet link.
START = [
    "/",
    "/sitemap.xml",
    "/feeds/claims/",
    "/corrections/",
    "/feeds/corrections/",
    "/robots.txt",
    "/search/?q=leak",
]
# Every kind of public page a crawl must read, or it proves nothing about that kind: the
# public claim, the record of corrections, and a published source's earlier text.
WALKED = [
    "/claims/public/",
    "/corrections/",
    "/feeds/corrections/",
    "/sources/report/text.txt",
    "/sources/report/versions/",
    "/sources/report/versions/1/",
    "/sources/report/versions/1.txt",
]


@pytest.fixture
def world(db):
    """Published content, and private content tied to it in every way the model allows."""
    speaker = factories.SpeakerFactory(name="Ana Minister", slug="ana")
    topic = factories.TopicFactory(name="Trade", slug="trade")
    source = factories.SourceFactory(title="Public report", slug="report")
    quote = factories.QuoteFactory(speaker=speaker)
    factories.AppearanceFactory(quote=quote, source=source)
    claim = factories.PublishedClaimFactory(claimant=speaker, quote=quote, slug="public")
    factories.CitationFactory(claim=claim, source=source)
    factories.CorrectionFactory(claim=claim, note="The ministry revised its figure.")
    with arranged():
        quote.topics.set([topic])
        claim.topics.set([topic])
    # Its text corrected once, the public source has an earlier version to read.
    source_update(
        source=source, text=f"{factories.ARTICLE_TEXT} Updated.", text_change_note="A line added."
    )
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
    with arranged():
        claim.topics.set([world["topic"]])
    factories.CitationFactory(claim=claim, source=world["source"], note=f"{LEAK} {label} note")
    return claim


def _private(pages) -> dict[str, int]:
    """The pages that say something private, with their status codes."""
    return {
        url: response.status_code
        for url, response in pages.responses.items()
        if LEAK.encode() in response.content or b"leak-" in response.content
    }


def _assert_nothing_private(pages):
    assert _private(pages) == {}
    assert {url: pages.responses[url].status_code for url in WALKED if url in pages.responses} == (
        dict.fromkeys(WALKED, 200)
    )


@pytest.mark.parametrize("status", [Claim.Status.DRAFT, Claim.Status.IN_REVIEW])
def test_unpublished_claim_leaks_nowhere(client, world, status):
    claim = _private_claim(world, status, status)
    # No door corrects an unpublished claim; were one corrected, the record would not say so.
    factories.CorrectionFactory(claim=claim, note=f"{LEAK} {status} correction")

    pages = crawl(client, [*START, "/feeds/speakers/ana/", "/feeds/topics/trade/"])

    _assert_nothing_private(pages)
    assert client.get(claim.get_absolute_url()).status_code == 404


def test_retracted_claim_shows_only_on_its_page_and_the_record_of_corrections(
    client, world, superuser
):
    claim = _private_claim(world, Claim.Status.PUBLISHED, "retracted")
    claim_retract(claim=claim, actor=superuser, note="The report it relied on was a forgery.")

    pages = crawl(client, [*START, "/feeds/speakers/ana/", "/feeds/topics/trade/"])

    assert _private(pages) == {
        "/claims/leak-retracted/": 200,
        "/corrections/": 200,
        "/feeds/corrections/": 200,
    }
    retracted = pages.responses["/claims/leak-retracted/"]
    assert (
        texts(page(retracted), "//div[@class='retraction-notice']/h2"),
        page(retracted).xpath("//meta[@name='robots']/@content"),
        b"ClaimReview" in retracted.content,
    ) == (["This fact-check was retracted"], ["noindex"], False)


@pytest.mark.parametrize("status", [Quote.Status.DRAFT, Quote.Status.REJECTED])
def test_unconfirmed_quote_leaks_nowhere(client, world, superuser, status):
    quote = factories.QuoteFactory(
        text=f"{LEAK} words awaiting confirmation", speaker=world["speaker"], status=status
    )
    with arranged():
        quote.topics.set([world["topic"]])
    factories.AppearanceFactory(
        quote=quote, source=world["source"], exact="exports rose by 12% last year"
    )
    claim_update(claim=world["claim"], actor=superuser, quote=quote)

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
        text=f"Exports rose by 12% last year, says the {LEAK} first text.",
    )
    factories.AppearanceFactory(
        quote=world["quote"], source=hidden, exact="Exports rose by 12% last year"
    )
    factories.CitationFactory(
        claim=world["claim"], source=hidden, relation=Citation.Relation.STATES
    )
    # Published once, its text corrected (the first text kept as version 1), then made draft.
    source_update(
        source=hidden,
        text=f"Exports rose by 12% last year, says the {LEAK} draft source text.",
        text_change_note=f"{LEAK} why the text changed",
    )
    source_update(source=hidden, status=Source.Status.DRAFT)
    hidden_pages = [
        "/sources/leak-source/",
        "/sources/leak-source/text.txt",
        "/sources/leak-source/versions/",
        "/sources/leak-source/versions/1/",
        "/sources/leak-source/versions/1.txt",
        "/sources/leak-source/versions/2/",
        "/sources/leak-source/versions/2.txt",
    ]

    pages = crawl(client, [*START, "/claims/?source=leak-source"])

    _assert_nothing_private(pages)
    # Asked for by its address, each answers "not found" (which repeats the address only).
    answers = {url: client.get(url) for url in hidden_pages}
    assert {url: (r.status_code, LEAK.encode() in r.content) for url, r in answers.items()} == (
        dict.fromkeys(hidden_pages, (404, False))
    )
