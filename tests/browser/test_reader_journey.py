"""A reader's way through the demo site: from the home page to a claim, along a citation to
the highlighted passage in its source, and on to the speaker."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import screenshot

pytestmark = pytest.mark.browser

CLAIM = "Almost two million people from the former Soviet Union and the Russian Federation"


def test_reader_follows_a_citation_to_its_passage_and_on_to_the_speaker(demo_site, browser_page):
    page = browser_page
    page.goto(demo_site + "/")
    expect(page.locator("h1")).to_have_text("Who said it, where was it said, and is it true?")
    screenshot(page, "home")

    page.get_by_role("link", name=re.compile(CLAIM)).first.click()
    expect(page.locator("h1")).to_contain_text(CLAIM)
    expect(page.locator(".verdict-box .verdict")).to_have_text("Verdict: Unproven")
    screenshot(page, "claim")

    # The citation to the article that quotes Putin verbatim.
    citation = page.locator("li.citation", has_text="Why is Putin not helping ally Iran?")
    citation.get_by_role("link", name=re.compile("Show the passage")).click()
    expect(page).to_have_url(
        re.compile(r"/sources/why-is-putin-not-helping-ally-iran-his-reply/#citation-\d+$")
    )
    target = page.locator("mark:target")
    expect(target).to_have_count(1)
    expect(target).to_be_in_viewport()
    expect(target).to_contain_text("almost two million people")
    assert target.evaluate("mark => getComputedStyle(mark).outlineStyle") == "solid"
    screenshot(page, "source")

    # The quote marked at the same words leads to the quote page, and on to its speaker.
    page.locator(".source-text a.passage-ref--quote", has_text="1").first.click()
    expect(page.locator("blockquote.quote__text")).to_contain_text(
        "I would like to draw your attention"
    )
    page.locator(".quote__speaker").get_by_role("link", name="Vladimir Putin").click()
    expect(page.locator("h1")).to_have_text("Vladimir Putin")
    expect(page.locator("figure.scorecard svg")).to_be_visible()
    screenshot(page, "speaker")


def test_reader_searches_from_the_header_and_narrows_by_a_facet(demo_site, browser_page):
    page = browser_page
    page.goto(demo_site + "/claims/")

    page.get_by_role("combobox", name="Search claims, quotes, speakers and sources").fill(
        "Midnight Hammer"
    )
    page.keyboard.press("Enter")
    expect(page).to_have_title(re.compile("^“Midnight Hammer”: search"))
    expect(page.locator(".search-hit h3").first).to_contain_text("Operation Midnight Hammer")
    expect(page.locator(".search-hit").first.locator("mark").first).to_have_text("Midnight")

    page.locator(".facets").get_by_role("link", name=re.compile("^Sources")).click()
    expect(page).to_have_url(re.compile(r"/search/\?q=Midnight\+Hammer&kind=source$"))
    expect(page.locator(".search-hit .kind-label")).to_have_text(["Source"])
    page.get_by_role("link", name=re.compile("Remove the filter Kind: Sources")).first.click()
    expect(page).to_have_url(re.compile(r"/search/\?q=Midnight\+Hammer$"))


def test_skip_link_is_the_first_stop_and_visible_when_focused(demo_site, browser_page):
    page = browser_page
    page.goto(demo_site + "/claims/")

    page.keyboard.press("Tab")

    focused = page.locator(":focus")
    expect(focused).to_have_text("Skip to content")
    expect(focused).to_be_in_viewport()
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/claims/#main$"))


def test_pages_are_complete_without_javascript(demo_site, chromium, width):
    context = chromium.new_context(
        java_script_enabled=False, viewport={"width": width, "height": 900}
    )
    page = context.new_page()

    page.goto(demo_site + "/sources/why-russia-is-not-assisting-iran-putins-perspective/")

    expect(page.locator(".source-text mark[id]")).to_have_count(9)
    context.close()


def test_layout_never_scrolls_sideways(demo_site, browser_page):
    page = browser_page
    overflowing = {}
    for path in (
        "/",
        "/claims/",
        "/claims/trump-rejected-putins-offer-to-mediate-an-iran-israel-ceasefire/",
        "/quotes/1/",
        "/speakers/vladimir-putin/",
        "/sources/why-russia-is-not-assisting-iran-putins-perspective/",
        "/search/?q=two+million+Israel",
    ):
        page.goto(demo_site + path)
        scroll, client = page.evaluate(
            "() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]"
        )
        if scroll > client:
            overflowing[path] = scroll - client

    assert overflowing == {}
