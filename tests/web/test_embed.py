"""The verdict widget other sites frame, and the claim page's code to embed it: the one
page any site may frame; every other page refuses to be framed."""

from pathlib import Path
from urllib.parse import quote, urlencode

import lxml.html
import pytest
from django.conf import settings

from apps.claims.models import Claim, Correction
from apps.web.templatetags.sharing_tags import share_links
from tests import factories
from tests.web.helpers import page, texts


def _frame_ancestors(response) -> str:
    directives = [d.strip() for d in response["Content-Security-Policy"].split(";")]
    return next(d for d in directives if d.startswith("frame-ancestors"))


def test_embed_may_be_framed_by_any_site(client, db):
    factories.PublishedClaimFactory(slug="exports")

    response = client.get("/claims/exports/embed/")

    assert response.status_code == 200
    assert "X-Frame-Options" not in response
    assert _frame_ancestors(response) == "frame-ancestors *"


def test_embed_keeps_the_rest_of_the_sites_policy(client, db):
    factories.PublishedClaimFactory(slug="exports")

    response = client.get("/claims/exports/embed/")

    assert "script-src 'self'" in response["Content-Security-Policy"]
    assert "default-src 'self'" in response["Content-Security-Policy"]


def test_embed_may_be_framed_when_served_from_the_response_cache(anon, db, response_cache_on):
    factories.PublishedClaimFactory(slug="exports")

    first = anon.get("/claims/exports/embed/")
    second = anon.get("/claims/exports/embed/")

    assert (first["X-Cache"], second["X-Cache"]) == ("miss", "hit")
    assert _frame_ancestors(second) == "frame-ancestors *"
    assert "X-Frame-Options" not in second


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/claims/",
        "/claims/exports/",
        "/method/",
        "/speakers/",
        "/claims/exports/card.png",
        "/feeds/claims/",
    ],
)
def test_no_other_page_may_be_framed(client, db, path):
    factories.PublishedClaimFactory(slug="exports")

    response = client.get(path)

    assert response.status_code == 200
    assert response["X-Frame-Options"] == "DENY"
    assert _frame_ancestors(response) == "frame-ancestors 'none'"


def test_embed_shows_the_verdict_statement_and_claimant_linking_to_the_page(client, db):
    factories.PublishedClaimFactory(
        slug="exports",
        statement="Exports rose by 12%.",
        rating=factories.rating("false"),
        claimant=factories.SpeakerFactory(name="Ana Lima"),
    )

    tree = page(client.get("/claims/exports/embed/"))

    assert texts(tree, "//*[contains(@class, 'verdict ')]") == ["Verdict: False"]
    assert texts(tree, "//p[@class='embed__statement']") == ["“Exports rose by 12%.”"]
    assert texts(tree, "//p[@class='embed__claimant']") == ["Claimed by Ana Lima"]
    assert tree.xpath("//base/@target") == ["_blank"]
    assert "http://testserver/claims/exports/" in tree.xpath("//a/@href")
    assert tree.xpath("//link[@rel='canonical']/@href") == ["http://testserver/claims/exports/"]
    assert tree.xpath("//meta[@name='robots']/@content") == ["noindex"]


def test_embed_of_a_retracted_claim_says_it_was_retracted(client, db):
    factories.PublishedClaimFactory(
        slug="exports", rating=factories.rating("false"), status=Claim.Status.RETRACTED
    )

    tree = page(client.get("/claims/exports/embed/"))

    assert texts(tree, "//*[contains(@class, 'verdict ')]") == ["Retracted"]


def test_embed_of_a_draft_answers_404(client, db):
    factories.ClaimFactory(slug="draft")

    response = client.get("/claims/draft/embed/")

    assert response.status_code == 404
    assert response["X-Frame-Options"] == "DENY"


def test_claim_page_offers_the_embed_code(client, db):
    factories.PublishedClaimFactory(slug="exports", statement="Exports rose by 12%.")

    tree = page(client.get("/claims/exports/"))
    code = tree.xpath("string(//textarea[@id='share-embed'])")
    iframe = lxml.html.fragment_fromstring(code)

    assert (iframe.tag, iframe.get("src"), iframe.get("title")) == (
        "iframe",
        "http://testserver/claims/exports/embed/",
        "Fact-check by Factbase: Exports rose by 12%.",
    )


def test_claim_page_share_links_are_plain_links_without_third_party_script(client, db):
    factories.PublishedClaimFactory(slug="exports")

    tree = page(client.get("/claims/exports/"))

    # The search box's suggestions (every page) and the share panel's copy buttons.
    assert tree.xpath("//script/@src") == ["/static/js/suggest.js", "/static/js/share.js"]
    assert texts(tree, "//ul[contains(@class, 'share__networks')]/li/a") == [
        "Bluesky (opens in a new tab)",
        "X (opens in a new tab)",
        "Facebook (opens in a new tab)",
        "LinkedIn (opens in a new tab)",
        "WhatsApp (opens in a new tab)",
        "Email (opens in a new tab)",
        "Share image (PNG)",
    ]
    assert tree.xpath("//input[@id='share-link']/@value") == ["http://testserver/claims/exports/"]


def test_retracted_claim_page_offers_no_share_panel(client, db):
    claim = factories.PublishedClaimFactory(slug="exports", status=Claim.Status.RETRACTED)
    factories.CorrectionFactory(claim=claim, kind=Correction.Kind.RETRACTION)

    tree = page(client.get("/claims/exports/"))

    assert tree.xpath("//section[contains(@class, 'share')]") == []


@pytest.mark.parametrize("with_claimant", [False, True])
def test_embed_runs_at_most_two_queries(client, db, django_assert_max_num_queries, with_claimant):
    factories.PublishedClaimFactory(
        slug="exports", claimant=factories.SpeakerFactory() if with_claimant else None
    )

    with django_assert_max_num_queries(2):
        response = client.get("/claims/exports/embed/")

    assert response.status_code == 200


def test_retracted_claim_page_loads_no_share_script(client, db):
    claim = factories.PublishedClaimFactory(slug="exports", status=Claim.Status.RETRACTED)
    factories.CorrectionFactory(claim=claim, kind=Correction.Kind.RETRACTION)

    tree = page(client.get("/claims/exports/"))

    assert tree.xpath("//script/@src") == ["/static/js/suggest.js"]  # the search box's only


def test_claim_page_share_panel_markup_is_pinned(client, db):
    # Written by sharing_tags.share_panel, not a template: these are the bytes the template
    # it replaced wrote for this claim, every value escaped as it escaped them.
    factories.PublishedClaimFactory(
        slug="exports", statement='Exports <rose> by 12% & "more"', rating=factories.rating("false")
    )

    body = client.get("/claims/exports/").content.decode()

    pinned = (Path(__file__).parent / "share_panel.html").read_text()
    assert pinned in body


@pytest.mark.parametrize(
    "statement",
    [
        "Exports rose by 12%.",
        'Tax + "spend" / 2 & <more> 100%2F ~ ä€😀',
        "  spaces  at the ends  ",
        "a/b+c%20d\nnext line",
    ],
)
def test_share_links_quote_as_urlencode_and_quote_do(statement):
    url = "http://testserver/claims/a+b/c%2F/"
    text = f"Mostly false: “{statement}” — fact-check by {settings.FACTBASE_ORGANISATION_NAME}"

    assert share_links("Mostly false", statement, url) == [
        ("Bluesky", "https://bsky.app/intent/compose?" + urlencode({"text": f"{text} {url}"})),
        ("X", "https://x.com/intent/post?" + urlencode({"text": text, "url": url})),
        ("Facebook", "https://www.facebook.com/sharer/sharer.php?" + urlencode({"u": url})),
        ("LinkedIn", "https://www.linkedin.com/sharing/share-offsite/?" + urlencode({"url": url})),
        ("WhatsApp", "https://wa.me/?" + urlencode({"text": f"{text} {url}"})),
        (
            "Email",
            f"mailto:?subject={quote(f'Fact-check: {statement}')}"
            f"&body={quote(text + chr(10) + url)}",
        ),
    ]
