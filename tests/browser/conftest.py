"""Browser tests: the demo site in real Chromium (Debian's package), driven by Playwright.

They need `chromium` on PATH and axe-core in node_modules (`npm ci`); without either they
skip, saying what to install, so that `make test` passes on a machine without them. CI
installs both and sets FACTBASE_BROWSER_TESTS=required, which turns that skip into an
error. Screenshots go to tests/browser/output/ for CI to keep.
"""

import os
import shutil
from pathlib import Path

import pytest

from apps.claims.demo import load_demo

# Playwright's sync API runs an asyncio event loop in this thread, and Django refuses ORM
# calls from a thread with a running loop. The tests do not share connections across
# threads, so the documented escape hatch is safe here.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
OUTPUT = Path(__file__).resolve().parent / "output"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
WIDTHS = {"phone": 375, "desktop": 1440}


def pytest_collection_modifyitems(config, items):
    reason = None
    try:
        import playwright  # noqa: F401
    except ImportError:
        reason = "the playwright package is not installed (make install)"
    if CHROMIUM is None:
        reason = "Chromium is not installed: apt-get install chromium"
    elif not AXE.exists():
        reason = "axe-core is not installed: npm ci"
    if reason is None:
        return
    if os.environ.get("FACTBASE_BROWSER_TESTS") == "required":  # CI sets it: never skip there
        raise pytest.UsageError(f"The browser tests are required but cannot run: {reason}")
    for item in items:
        if "browser" in item.keywords:
            item.add_marker(pytest.mark.skip(reason=reason))


@pytest.fixture
def demo_site(django_db_serialized_rollback, live_server):
    """The live server's address, with the demo data loaded.

    The live server reads committed data, so these tests commit, and the database is
    emptied after each; the serialized rollback puts back what migrations wrote (the
    rating scale) before the next.
    """
    load_demo()
    return live_server.url


@pytest.fixture
def chromium(demo_site):
    """Chromium, started for each test once its data is in place.

    Not once per session: while Playwright's event loop runs, Django's context-local
    database connections are new objects in the test's context, and the serialized
    rollback that restores the rating scale would not find its rows on them.
    """
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        yield browser
        browser.close()


@pytest.fixture(params=list(WIDTHS), ids=list(WIDTHS))
def width(request):
    return WIDTHS[request.param]


@pytest.fixture
def browser_page(chromium, width):
    context = chromium.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    yield page
    context.close()


def screenshot(page, name: str) -> Path:
    """Save a full-page screenshot as a CI artefact, named by page and viewport width."""
    OUTPUT.mkdir(exist_ok=True)
    path = OUTPUT / f"{name}-{page.viewport_size['width']}.png"
    page.screenshot(path=path, full_page=True)
    return path


def axe_violations(page, impacts=("serious", "critical"), exclude=()) -> list[dict]:
    """axe-core's violations of the page at these impacts, summarised for a readable failure.

    `exclude` lists CSS selectors of parts of the page axe-core should leave out.
    """
    # Evaluated through the DevTools protocol: the site's Content-Security-Policy rightly
    # blocks the inline <script> that add_script_tag would insert.
    page.evaluate(AXE.read_text(encoding="utf-8"))
    # resultTypes: the nodes of passing and incomplete checks are summarised by one each
    # (every rule still runs on every node): making a selector for each passing node was
    # most of a minute on the API reference's long page.
    results = page.evaluate(
        "async exclude => await axe.run(exclude.length ? {exclude: exclude} : document,"
        " {resultTypes: ['violations']})",
        [[selector] for selector in exclude],
    )
    assert results["passes"], "axe-core checked nothing: is the page empty?"
    return [
        {
            "id": violation["id"],
            "impact": violation["impact"],
            "help": violation["help"],
            "nodes": [node["target"] for node in violation["nodes"]][:5],
        }
        for violation in results["violations"]
        if violation["impact"] in impacts
    ]
