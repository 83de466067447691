"""Every kind of public page passes axe-core with no serious or critical violation."""

import pytest

from apps.accounts.roles import Role
from apps.accounts.services import user_join_role
from apps.claims.editing import claim_update
from apps.claims.models import Claim, Rating
from apps.claims.workflow import claim_retract
from apps.sources.models import Source
from apps.sources.services import source_update
from tests.browser.conftest import axe_violations, screenshot

pytestmark = pytest.mark.browser

PAGES = {
    "home": "/",
    "claim-list": "/claims/?rating=unproven",
    "claim": "/claims/donald-trump-was-a-former-us-president-when-he-rejected-putins-offer/",
    "quote-list": "/quotes/",
    "quote": "/quotes/2/",
    "quote-reworded": "/quotes/1/",
    "speaker-list": "/speakers/",
    "speaker": "/speakers/vladimir-putin/",
    "source-list": "/sources/",
    "source": "/sources/why-is-putin-not-helping-ally-iran-his-reply/",
    "source-versions": "/sources/why-russia-is-not-assisting-iran-putins-perspective/versions/",
    "source-version": "/sources/why-russia-is-not-assisting-iran-putins-perspective/versions/1/",
    "corrections": "/corrections/",
    "claim-retracted": "/claims/israel-is-almost-a-russian-speaking-country/",
    "topic-list": "/topics/",
    "topic": "/topics/iran-israel-conflict/",
    "search": "/search/?q=two+million+Israel",
    "search-filtered": "/search/?q=Israel&kind=claim&rating=false&year=abc",
    "search-empty": "/search/?q=zeppelin&rating=true",
    "not-found": "/no/such/page/",
}


@pytest.fixture
def site_with_changes_on_record(demo_site):
    """The demo site with what only a change puts on the public record: a corrected and a
    retracted fact-check, and a source whose archived text was replaced. Written through
    the services before Chromium starts (see tests/browser/conftest.py)."""
    reviewer, _ = user_join_role(
        username="grace", role=Role.REVIEWER, password="a-long-newsroom-passphrase"
    )
    claim_update(
        claim=Claim.objects.get(
            slug="trump-rejected-putins-offer-to-mediate-an-iran-israel-ceasefire"
        ),
        rating=Rating.objects.get(slug="half-true"),
        correction_note="Trump's own account of the call is all the article gives.",
        actor=reviewer,
    )
    claim_retract(
        claim=Claim.objects.get(slug="israel-is-almost-a-russian-speaking-country"),
        note="The verdict rested on a figure the article does not give.",
        actor=reviewer,
    )
    source = Source.objects.get(slug="why-russia-is-not-assisting-iran-putins-perspective")
    source_update(
        source=source,
        text=f"{source.text}\nThis article was updated with the forum's transcript.",
        text_change_note="The publisher added a line at the end.",
        actor=reviewer,
    )
    return demo_site


def test_pages_have_no_serious_accessibility_violation(site_with_changes_on_record, browser_page):
    # One browser visits every page (starting Chromium per page would triple the time);
    # the failure lists every page's violations at once. The statuses show that each page
    # is the one named, not the page for a missing one.
    violations, statuses = {}, {}
    for name, path in PAGES.items():
        statuses[name] = browser_page.goto(site_with_changes_on_record + path).status
        screenshot(browser_page, name)
        violations[name] = axe_violations(browser_page)

    assert statuses == {name: 404 if name == "not-found" else 200 for name in PAGES}
    assert violations == {name: [] for name in PAGES}
