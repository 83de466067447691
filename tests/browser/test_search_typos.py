"""A reader misspells a name in the search box: the page shows the results for the name spelt
right, says so, and offers the words as typed."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import axe_violations, screenshot

pytestmark = pytest.mark.browser


def test_reader_who_misspells_putin_is_shown_putins_results_and_told_why(demo_site, browser_page):
    page = browser_page
    page.goto(demo_site + "/search/")
    page.get_by_role("combobox").first.fill("Putn")
    page.get_by_role("combobox").first.press("Enter")

    correction = page.locator(".search-correction")
    expect(correction).to_have_text("Showing results for Putin — search instead for Putn")
    expect(page.locator(".result-count")).to_contain_text("for “Putin”")
    expect(page.locator(".search-results > li").first).to_contain_text("Putin")
    assert axe_violations(page) == []
    screenshot(page, "search-corrected")

    correction.get_by_role("link", name="Putn").click()
    expect(page.locator(".result-count")).to_contain_text("No published claim")
    expect(page.locator(".search-correction")).to_have_count(0)
