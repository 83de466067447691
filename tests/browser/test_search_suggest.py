"""A reader types the first letters of a name in the search box: suggestions appear as a
listbox (the ARIA 1.2 combobox pattern), the keyboard picks one and opens its page."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import axe_violations, screenshot

pytestmark = pytest.mark.browser

LABEL = "Search claims, quotes, speakers and sources"


def test_reader_types_a_name_and_picks_the_speaker_with_the_keyboard(demo_site, browser_page):
    page = browser_page
    page.goto(demo_site + "/search/")
    box = page.get_by_role("combobox", name=LABEL)
    expect(box).to_have_attribute("aria-expanded", "false")

    box.press_sequentially("Puti", delay=40)

    listbox = page.get_by_role("listbox", name="Suggestions")
    expect(listbox).to_be_visible()
    expect(box).to_have_attribute("aria-expanded", "true")
    first = listbox.get_by_role("option").first
    expect(first).to_have_text(re.compile(r"^Vladimir Putin,\s*Speaker$"))
    expect(page.get_by_role("status").filter(has_text="suggestion")).to_have_text(
        re.compile(r"^\d+ suggestions?: use the up and down arrow keys")
    )
    assert axe_violations(page) == []

    box.press("ArrowDown")
    expect(first).to_have_attribute("aria-selected", "true")
    expect(box).to_have_attribute("aria-activedescendant", first.get_attribute("id"))
    screenshot(page, "search-suggestions")

    box.press("Enter")
    expect(page).to_have_url(re.compile(r"/speakers/vladimir-putin/$"))
    expect(page.locator("h1")).to_have_text("Vladimir Putin")


def test_escape_closes_the_suggestions_and_enter_then_searches(demo_site, browser_page):
    page = browser_page
    page.goto(demo_site + "/search/")
    box = page.get_by_role("combobox", name=LABEL)

    box.press_sequentially("Putn", delay=40)
    expect(page.get_by_role("listbox", name="Suggestions")).to_be_visible()
    box.press("Escape")

    expect(page.get_by_role("listbox", name="Suggestions")).to_be_hidden()
    expect(box).to_have_attribute("aria-expanded", "false")
    expect(box).to_have_value("Putn")
    box.press("Enter")
    expect(page).to_have_url(re.compile(r"/search/\?q=Putn$"))


def test_the_header_box_suggests_too(demo_site, browser_page):
    page = browser_page
    page.goto(demo_site + "/claims/")
    box = page.get_by_role("combobox", name=LABEL)

    box.press_sequentially("Trum", delay=40)

    option = page.get_by_role("option", name=re.compile(r"^Donald Trump\W+Speaker$"))
    expect(option).to_be_visible()
    assert axe_violations(page) == []
    screenshot(page, "header-suggestions")
    option.click()
    expect(page).to_have_url(re.compile(r"/speakers/donald-trump/$"))


def test_without_javascript_the_box_is_a_plain_search_field(chromium, demo_site, width):
    context = chromium.new_context(
        java_script_enabled=False, viewport={"width": width, "height": 900}
    )
    page = context.new_page()
    page.goto(demo_site + "/search/")

    box = page.get_by_role("searchbox", name=LABEL)
    box.fill("Putin")
    box.press("Enter")

    expect(page).to_have_url(re.compile(r"/search/\?q=Putin$"))
    expect(page.locator(".search-results > li").first).to_contain_text("Putin")
    context.close()
