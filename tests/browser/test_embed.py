"""The embed code a reader copies from a claim page, pasted into a page of another site:
the widget shows in its frame there, and the claim page itself refuses to be framed."""

import html
import threading
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from playwright.sync_api import expect

from apps.claims.models import Claim
from tests.browser.conftest import axe_violations, screenshot

pytestmark = pytest.mark.browser


@contextmanager
def other_site(body: str):
    """Another origin serving one page that holds `body`: a second server, on 127.0.0.1,
    where the site is at localhost. A real local server, not one of Playwright's routed
    pages, which Chromium counts as public and so keeps from framing a local page (Local
    Network Access)."""

    class HostPage(BaseHTTPRequestHandler):
        def do_GET(self):
            page = f"<!doctype html><html lang='en'><title>Elsewhere</title><body>{body}</body>"
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.end_headers()
            self.wfile.write(page.encode())

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), HostPage)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/story"
    finally:
        server.shutdown()
        server.server_close()


def test_embed_code_shows_the_verdict_on_another_site(demo_site, chromium):
    claim = Claim.objects.public().exclude(rating=None).select_related("rating").first()
    context = chromium.new_context(viewport={"width": 800, "height": 600})
    page = context.new_page()
    page.goto(demo_site + claim.get_absolute_url())
    code = page.locator("#share-embed").input_value()
    with other_site(f"<h1>Our story</h1>{code}") as story:
        page.goto(story)

        widget = page.frame_locator("iframe")
        expect(widget.locator(".verdict")).to_have_text(f"Verdict: {claim.rating.label}")
        expect(widget.locator(".embed__statement")).to_contain_text(claim.statement[:40])
        screenshot(page, "embed-on-another-site")
    context.close()


def test_claim_page_does_not_show_in_a_frame_on_another_site(demo_site, chromium):
    claim = Claim.objects.public().first()
    context = chromium.new_context()
    page = context.new_page()
    url = html.escape(demo_site + claim.get_absolute_url())
    with (
        other_site(f"<iframe src='{url}' title='framed'></iframe>") as story,
        page.expect_response(demo_site + claim.get_absolute_url()) as answer,
    ):
        page.goto(story)
        page.wait_for_load_state("load")

    # The page was sent (200), and the browser refused to show it in the frame.
    assert (answer.value.status, answer.value.headers["x-frame-options"]) == (200, "DENY")
    frame = page.frames[1]
    for _ in range(50):  # the frame commits the browser's error page soon after the answer
        if frame.url:
            break
        page.wait_for_timeout(100)
    assert frame.url == "chrome-error://chromewebdata/"
    expect(page.frame_locator("iframe").locator("#claim-heading")).to_have_count(0)
    context.close()


def test_sharing_pages_have_no_serious_accessibility_violation(demo_site, browser_page):
    claim = Claim.objects.public().first()
    paths = {
        "method": "/method/",
        "embed": f"/claims/{claim.slug}/embed/",
        "claim-share-open": claim.get_absolute_url(),
    }
    violations, statuses = {}, {}
    for name, path in paths.items():
        statuses[name] = browser_page.goto(demo_site + path).status
        if name == "claim-share-open":
            browser_page.locator(".share__embed summary").click()
            expect(browser_page.locator("#share-embed")).to_be_visible()
        screenshot(browser_page, name)
        violations[name] = axe_violations(browser_page)

    assert statuses == dict.fromkeys(paths, 200)
    assert violations == {name: [] for name in paths}
