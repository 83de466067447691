"""Untrusted text in real Chromium: no stored or reflected payload runs on any page.

Every text field of every model (and every URL field, with a URL that Django's own
validator accepts) holds script, event-handler, attribute-breaking and `</script>`-breaking
payloads, and the source's text carries them inside the highlighted passages. Each public
page, feed, API page and admin page is then opened in Chromium twice:

- with the Content-Security-Policy bypassed, so that escaping alone must stop them: a policy
  that blocks inline script would otherwise hide an escaping bug;
- with the policy, as readers get the site.

On each page the payloads' `window.__xss` flag must be unset, no dialog may open, and no
element may carry the `data-xss` attribute every payload brings (an injected tag or
attribute shows up there even when it would not run). The page must also show the payload
as text, so that a page which leaves the field out does not pass for one that escapes it.
The raw JSON-LD block and the Atom feeds are checked as bytes too.
"""

import datetime
import json
import re
from urllib.parse import quote as urlquote

import lxml.html
import pytest
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.urls import reverse
from django.utils.html import escape
from lxml import etree

from apps.claims.models import Rating
from apps.ingest.models import ClaimReviewOrigin
from apps.quotes.models import Appearance, Quote
from apps.sources.models import Source
from apps.web import jsonld
from tests import factories
from tests.browser.conftest import CHROMIUM
from tests.factories import arranged

PASSWORD = "correct-horse-battery-staple"

# Each payload sets the flag if it runs and carries `data-xss` if it becomes markup.
SHORT = "<img src=x onerror=window.__xss=1 data-xss>'\""  # for 60-character fields
MEDIUM = (
    '<script>window.__xss=1</script><svg onload="window.__xss=1" data-xss>'
    '" onmouseover="window.__xss=1" data-xss="'
)
FULL = (
    "<script>alert(1)</script>"
    '<img src=x onerror="window.__xss=1;alert(1)" data-xss>'
    '" onmouseover="window.__xss=1" data-xss="'
    "' onmouseover='window.__xss=1' data-xss='"
    "</script><script data-xss>window.__xss=1</script>"
    "</title></textarea><svg onload=window.__xss=1 data-xss>"
    " javascript:alert(1)"
)
# No white space, so Django's URLValidator accepts it: the quotes must be escaped in href.
URL = 'https://example.org/a?b="onmouseover="window.__xss=1"data-xss="<img/src=x/onerror=alert(1)>'
QUOTED = (
    "we sold <img src=x onerror=window.__xss=1 data-xss> grain "
    "</script><script>window.__xss=1</script>"
)
CITED = (
    '" onmouseover="window.__xss=1" data-xss=" exports rose </textarea><img src=x onerror=alert(1)>'
)
TEXT = f"{FULL}\nThe minister said “{QUOTED}” on Monday.\nOfficials said {CITED} by 9%.\n{MEDIUM}"

PROBE = """() => {
  const root = document.body || document.documentElement;
  return {
    flag: typeof window.__xss,
    injected: document.querySelectorAll('[data-xss]').length,
    shown: [(root.innerText || root.textContent || ''),
            ...Array.from(document.querySelectorAll('input, textarea'), e => e.value)]
           .some(text => text.includes('data-xss')),
  };
}"""
SAFE = {"flag": "undefined", "injected": 0, "shown": True}


def store_payloads() -> dict:
    """Every curated model with payloads in every text field; returns what the pages need."""
    URLValidator()(URL)  # a URL the admin, the API and the imports accept
    assert (len(SHORT) <= 60, len(MEDIUM) <= 120, len(FULL) <= 300) == (True, True, True)
    topic = factories.TopicFactory(name=MEDIUM, description=FULL)
    speaker = factories.SpeakerFactory(name=MEDIUM, description=FULL)
    factories.SpeakerAliasFactory(speaker=speaker, name=MEDIUM)
    factories.SpeakerRoleFactory(
        speaker=speaker, title=MEDIUM, organisation=MEDIUM, start=datetime.date(2020, 1, 1)
    )
    publisher = factories.PublisherFactory(name=MEDIUM, home_page=URL)
    source = factories.SourceFactory(
        title=FULL,
        text=TEXT,
        url=URL,
        archive_url=URL + "&archived",
        authors=FULL,
        publisher=publisher,
        published_on=datetime.date(2025, 6, 1),
    )
    quote = factories.QuoteFactory(
        text=QUOTED,
        speaker=speaker,
        speaker_name=MEDIUM,
        occasion=FULL,
        original_text=FULL,
        said_on=datetime.date(2025, 6, 1),
    )
    appearance = factories.AppearanceFactory(quote=quote, source=source)
    unnamed = factories.QuoteFactory(text=FULL, speaker=None, speaker_name=MEDIUM)
    with arranged():  # a verdict outside the default scale
        verdict = Rating.objects.create(
            label=SHORT,
            slug="xss-verdict",
            description=FULL,
            colour="#123456",
            normalised_class=Rating.NormalisedClass.OTHER,
        )
    claim = factories.PublishedClaimFactory(
        statement=FULL, summary=FULL, analysis=FULL, claimant=speaker, quote=quote, rating=verdict
    )
    with arranged():  # the factories take no topics
        quote.topics.add(topic)
        claim.topics.add(topic)
    citation = factories.CitationFactory(claim=claim, source=source, exact=CITED, note=FULL)
    factories.CorrectionFactory(
        claim=claim, note=FULL, rating_before=factories.rating("false"), rating_after=verdict
    )
    factories.ClaimReviewOriginFactory(
        claim=claim,
        review_url=URL,
        reviewer_name=FULL,
        reviewer_url=URL,
        rating_label=FULL,
        rating_method=ClaimReviewOrigin.RatingMethod.LABEL,
    )
    # An import's proposal, for the review page: a draft quote by a draft speaker.
    proposed = factories.QuoteFactory(
        text=CITED,
        speaker=factories.SpeakerFactory(name=FULL[:200], status="draft"),
        status=Quote.Status.DRAFT,
    )
    factories.AppearanceFactory(quote=proposed, source=source)
    factories.QuoteProposalFactory(quote=proposed, source=source, mention=FULL)
    # An editor's proposed change, shown field by field to the reviewer who decides on it.
    factories.ClaimRevisionFactory(
        claim=claim,
        changes={"analysis": FULL, "summary": FULL},
        before={"analysis": FULL, "summary": FULL},
        correction_note=FULL,
    )
    # Anchored inside the text, so the source page highlights payloads inside payloads.
    assert (appearance.match, citation.match) == (Appearance.Match.EXACT, "exact")
    return {
        "claim": claim,
        "quote": quote,
        "unnamed": unnamed,
        "speaker": speaker,
        "source": source,
        "topic": topic,
    }


def public_paths(objects: dict) -> dict[str, int]:
    """Each public path with the status it answers: pages, feeds, the API, bad requests."""
    claim, speaker, topic = objects["claim"], objects["speaker"], objects["topic"]
    payload = urlquote(FULL)
    pages = [
        "/",
        "/claims/",
        claim.get_absolute_url(),
        f"/claims/?rating=xss-verdict&speaker={speaker.slug}&topic={topic.slug}",
        f"/claims/?rating={payload}",
        "/quotes/",
        objects["quote"].get_absolute_url(),
        objects["unnamed"].get_absolute_url(),
        "/speakers/",
        speaker.get_absolute_url(),
        "/sources/",
        objects["source"].get_absolute_url(),
        "/topics/",
        topic.get_absolute_url(),
        "/search/?q=grain",
        "/search/?q=onmouseover",
        f"/search/?q={payload}",
        f"/search/?q=grain&kind={payload}&year={payload}&speaker={payload}",
        "/feeds/claims/",
        f"/feeds/speakers/{speaker.slug}/",
        f"/feeds/topics/{topic.slug}/",
        "/api/v1/claims/",
        f"/api/v1/claims/{claim.pk}/",
        f"/api/v1/sources/{objects['source'].pk}/",
        "/api/v1/claimreview/",
    ]
    return {
        **dict.fromkeys(pages, 200),
        # A payload where a slug belongs: the page answers 404, the API 400 naming it.
        f"/claims/{payload}/": 404,
        f"/api/v1/quotes/?speaker={payload}": 400,
    }


def admin_paths(objects: dict) -> list[str]:
    paths = [
        reverse("admin:index"),
        reverse("admin:ingest_quoteproposal_review"),
        reverse("admin:ingest_quoteproposal_import"),
        reverse("admin:claims_claim_history", args=[objects["claim"].pk]),
        reverse("admin:speakers_speaker_delete", args=[objects["speaker"].pk]),
        reverse("admin:sources_source_delete", args=[objects["source"].pk]),
    ]
    for model, model_admin in admin.site._registry.items():
        opts = model._meta
        changelist = reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
        paths.append(changelist)
        if model_admin.search_fields:
            paths.append(f"{changelist}?q={urlquote(SHORT)}")
        newest = model._default_manager.order_by("pk").last()
        if newest is not None:
            paths.append(
                reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[newest.pk])
            )
    return paths


@pytest.fixture
def site(django_db_serialized_rollback, live_server):
    """The payloads, committed for the live server, and the paths to visit.

    Read before Chromium starts (see tests/browser/test_csp.py for why).
    """
    objects = store_payloads()
    get_user_model().objects.create_superuser("boss", "boss@example.org", PASSWORD)
    return {"public": public_paths(objects), "admin": admin_paths(objects)}


@pytest.fixture(params=["escaping alone", "with the policy"])
def browser_context(request, site, live_server):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        context = browser.new_context(
            base_url=live_server.url, bypass_csp=request.param == "escaping alone"
        )
        yield context
        browser.close()


def visit_all(page, paths: list[str]) -> tuple[dict, dict, list[str]]:
    """Each path's probe, the paths that do not show the payload, and every dialog."""
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    results, silent = {}, {}
    for path in paths:
        response = page.goto(path)
        page.wait_for_load_state("load")
        probe = page.evaluate(PROBE)
        silent[path] = not probe.pop("shown")
        results[path] = {**probe, "status": response.status}
    return results, silent, dialogs


@pytest.mark.browser
def test_no_payload_runs_on_any_public_page(browser_context, site):
    page = browser_context.new_page()

    results, silent, dialogs = visit_all(page, site["public"])

    assert results == {
        path: {"flag": "undefined", "injected": 0, "status": status}
        for path, status in site["public"].items()
    }
    # The 404 page does not repeat the path it was asked for.
    quiet = [path for path, is_quiet in silent.items() if is_quiet]
    assert (quiet, dialogs) == ([f"/claims/{urlquote(FULL)}/"], [])


@pytest.mark.browser
def test_no_payload_runs_on_any_admin_page(browser_context, site):
    page = browser_context.new_page()
    page.goto(f"/admin/login/?next={reverse('admin:index')}")
    page.fill("#id_username", "boss")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_url(f"**{reverse('admin:index')}")

    results, silent, dialogs = visit_all(page, site["admin"])

    assert results == {
        path: {"flag": "undefined", "injected": 0, "status": 200} for path in site["admin"]
    }
    # Pages that hold no editor text (the index, the import form, accounts, tokens, sign-in
    # attempts) have nothing to show, except the search term where there is a search box.
    quiet = [path for path, is_quiet in silent.items() if is_quiet]
    no_text = [
        p
        for p in site["admin"]
        if p in ("/admin/", "/admin/ingest/quoteproposal/import/")
        or (p.startswith(("/admin/auth/", "/admin/authtoken/", "/admin/axes/")) and "?q=" not in p)
    ]
    assert (quiet, dialogs) == (no_text, [])


@pytest.mark.parametrize(
    "scheme", ["javascript:window.__xss=1", "data:text/html,<script>x</script>"]
)
def test_a_link_with_a_script_scheme_cannot_be_stored(db, scheme):
    source = factories.SourceFactory.build(url=scheme)

    with pytest.raises(ValidationError) as refused:
        source.full_clean(exclude=["publisher", "slug"])

    assert refused.value.message_dict == {"url": ["Enter a valid URL."]}


def test_the_claim_page_json_ld_block_cannot_be_broken_out_of(client, db):
    claim = store_payloads()["claim"]

    html = client.get(claim.get_absolute_url()).content.decode()

    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    data = json.loads(blocks[0])
    assert (
        len(blocks),
        "<" in blocks[0] or ">" in blocks[0],
        data["claimReviewed"],
        data["reviewRating"]["alternateName"],
        data["itemReviewed"]["author"]["name"],
        data["itemReviewed"]["appearance"][0]["headline"],
    ) == (1, False, FULL, SHORT, MEDIUM, FULL)


def test_json_ld_escapes_every_character_that_could_end_the_block():
    rendered = jsonld.render({"a": "</script><!-- <script> & ]]>"})

    assert rendered == (
        '{"a": "\\u003C/script\\u003E\\u003C!-- \\u003Cscript\\u003E \\u0026 ]]\\u003E"}'
    )


@pytest.mark.parametrize("feed", ["claims", "speaker", "topic"])
def test_feeds_carry_the_payload_as_escaped_text(client, db, feed):
    objects = store_payloads()
    path = {
        "claims": "/feeds/claims/",
        "speaker": f"/feeds/speakers/{objects['speaker'].slug}/",
        "topic": f"/feeds/topics/{objects['topic'].slug}/",
    }[feed]

    response = client.get(path)

    atom = {"a": "http://www.w3.org/2005/Atom"}
    root = etree.fromstring(response.content)  # well-formed: nothing broke out of the XML
    entry = root.find("a:entry", atom)
    assert (
        entry.findtext("a:title", namespaces=atom),
        # Declared type="html": the payload is there escaped as HTML, so it stays text.
        escape(FULL) in entry.findtext("a:summary", namespaces=atom),
        root.xpath("//*[namespace-uri() != 'http://www.w3.org/2005/Atom']"),
    ) == (FULL, True, [])


@pytest.mark.parametrize("kind", ["source", "claim"])
def test_highlighted_passages_escape_the_text_around_and_inside_them(client, db, kind):
    objects = store_payloads()
    page = objects["source"] if kind == "source" else objects["claim"]

    html = client.get(page.get_absolute_url()).content.decode()

    # Parsed as a browser would: every payload is text, none became an element or attribute.
    tree = lxml.html.fromstring(html)
    assert (
        tree.xpath("//*[@data-xss] | //img | //svg//script | //iframe"),
        tree.xpath("//@*[starts-with(name(), 'on')]"),
        [s.get("type") for s in tree.xpath("//script")],
        "&lt;img src=x onerror=window.__xss=1 data-xss&gt;" in html,
    ) == (
        [],
        [],
        # Every page's search suggestions script from this site (no type); the claim page's
        # JSON-LD and its share panel's script from this site.
        [None, "application/ld+json", None] if kind == "claim" else [None],
        True,
    )


@pytest.fixture
def script_link(django_db_serialized_rollback, live_server):
    """A source whose URL is a script: the forms, the API and the imports refuse one, so it
    is written past them, as a raw SQL update or an old row would hold it."""
    source = factories.SourceFactory()
    with arranged():
        Source.objects.filter(pk=source.pk).update(url="javascript:window.__xss=1")
    return source.get_absolute_url()


@pytest.mark.browser
def test_a_script_link_that_slipped_past_validation_is_blocked_by_the_policy(
    script_link, live_server
):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        page = browser.new_context(base_url=live_server.url).new_page()
        page.add_init_script(
            "window.__blocked = [];"
            "document.addEventListener('securitypolicyviolation',"
            " e => window.__blocked.push(e.blockedURI));"
        )
        page.goto(script_link)
        link = page.locator("a[href^='javascript:']")
        count = link.count()
        link.click()
        page.wait_for_function("window.__blocked.length > 0")
        outcome = page.evaluate("[typeof window.__xss, window.__blocked]")
        browser.close()

    assert (count, outcome) == (1, ["undefined", ["inline"]])
