"""Every kind of public page passes axe-core with no serious or critical violation."""

import pytest

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
    "topic-list": "/topics/",
    "topic": "/topics/iran-israel-conflict/",
    "search": "/search/?q=two+million+Israel",
    "search-filtered": "/search/?q=Israel&kind=claim&rating=false&year=abc",
    "search-empty": "/search/?q=zeppelin&rating=true",
    "not-found": "/no/such/page/",
}


def test_pages_have_no_serious_accessibility_violation(demo_site, browser_page):
    # One browser visits every page (starting Chromium per page would triple the time);
    # the failure lists every page's violations at once.
    violations = {}
    for name, path in PAGES.items():
        browser_page.goto(demo_site + path)
        screenshot(browser_page, name)
        violations[name] = axe_violations(browser_page)

    assert violations == {name: [] for name in PAGES}
