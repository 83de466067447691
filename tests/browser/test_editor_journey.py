"""The newsroom's way through the admin, in real Chromium: an editor archives a source by
pasting its text, records the quote it carries and writes a claim citing it; a reviewer
publishes the claim (four eyes: not the one who wrote it), readers see it with its
citation, and a later change of verdict is published as a correction, which the admin shows
but does not let anyone edit.

The database starts empty (no demo data), so nothing but what the editor adds is there
to match, and no near-duplicate claim can interrupt the journey.
"""

import re

import pytest
from playwright.sync_api import expect

from apps.accounts.roles import Role
from apps.accounts.services import user_join_role
from tests.browser.conftest import CHROMIUM, axe_violations, screenshot

pytestmark = pytest.mark.browser

PASSWORD = "a-long-newsroom-passphrase"
EDITOR, REVIEWER = "ada", "grace"

SOURCE_TITLE = "Why is Putin not helping ally Iran? His reply"
# The first paragraphs of the seed article (tests/ingest/labelled/), pasted as they stand.
SOURCE_TEXT = """\
Why is Putin not helping ally Iran? His reply
Russian President Vladimir Putin has clarified why his country is not intervening in the \
conflict between Iran and the United States. Speaking at the St. Petersburg International \
Economic Forum, he said that Moscow is trying to remain neutral due to a large \
Russian-speaking population in Israel. "I would like to draw your attention to the fact that \
almost two million people from the former Soviet Union and Russian Federation reside in \
Israel," he said.
Putin also dismissed critics who questioned Russia's loyalty to its allies, calling them \
"provocateurs." Moscow and Tehran have had close ties for decades. He stressed that Russia has \
had friendly relations with Arab and Islamic countries for a long time, pointing out that \
Muslims make up 15% of Russia's population.
Earlier, Putin had offered to mediate a ceasefire deal between Iran and Israel, but Trump \
rejected the offer. Trump stated that he told Putin to remain focused on resolving his own \
situation with Ukraine.
"""
QUOTE = (
    "I would like to draw your attention to the fact that almost two million people from "
    "the former Soviet Union and Russian Federation reside in Israel"
)
PASSAGE = "almost two million people from the former Soviet Union and Russian Federation"
STATEMENT = (
    "Almost two million people from the former Soviet Union and the Russian Federation "
    "live in Israel."
)
SUMMARY = "Putin's figure, reported by the article; it cites no census to check it against."
CORRECTION = (
    "The article only reports Putin's figure. Until census figures are checked, the claim "
    "is unproven."
)


@pytest.fixture
def site(django_db_serialized_rollback, live_server):
    """The live server's address, with one editor and one reviewer and nothing else.

    The accounts are made before Chromium starts: once Playwright's event loop runs, an ORM
    call in this thread opens a connection nothing closes (see tests/browser/conftest.py).
    """
    user_join_role(username=EDITOR, role=Role.EDITOR, password=PASSWORD)
    user_join_role(username=REVIEWER, role=Role.REVIEWER, password=PASSWORD)
    return live_server.url


@pytest.fixture
def chromium(site):
    from playwright.sync_api import sync_playwright

    # Two cores shared by several test runs: give the admin's pages time to answer.
    expect.set_options(timeout=20_000)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        yield browser
        browser.close()
    expect.set_options(timeout=5_000)


def signed_in(chromium, site, username):
    """A page in a browser context of its own, signed in to the admin as `username`."""
    context = chromium.new_context(base_url=site, viewport={"width": 1440, "height": 900})
    context.set_default_timeout(30_000)
    page = context.new_page()
    page.goto("/admin/login/?next=/admin/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("input[type=submit]").click()
    expect(page.locator("#user-tools")).to_contain_text(username)
    return page


def autocomplete(page, select_id: str, search: str, option: str) -> None:
    """Choose `option` in the admin's autocomplete (select2) widget for `select_id`."""
    page.locator(f"#{select_id} + .select2 .select2-selection").click()
    page.locator(".select2-container--open .select2-search__field").fill(search)
    page.locator(".select2-container--open .select2-results__option", has_text=option).click()
    expect(page.locator(f"#select2-{select_id}-container")).to_contain_text(option)


def admin_violations(page) -> list[dict]:
    """axe-core's serious violations in what this project adds to the admin's pages.

    Left out are Django's own widgets, which fail axe-core whatever a project does: select2
    autocompletes (a combobox with no name), tabular inlines (fields labelled only by their
    column header), the split date-time widget and the breadcrumbs (links told apart by
    colour alone).
    """
    return axe_violations(
        page, exclude=(".select2-container", ".tabular", ".datetime", ".breadcrumbs")
    )


def saved(page, message: str) -> None:
    expect(page.locator(".messagelist .success")).to_contain_text(message)


def test_editor_writes_a_claim_that_a_reviewer_publishes_and_corrects(chromium, site):
    accessibility = {}

    # --- the editor ---------------------------------------------------------------------
    editor = signed_in(chromium, site, EDITOR)

    # A source, by pasting its text; the slug is made from the title as it is typed.
    editor.goto("/admin/sources/source/add/")
    editor.locator("#id_title").press_sequentially(SOURCE_TITLE)
    editor.locator("#id_text").fill(SOURCE_TEXT)
    expect(editor.locator("#id_slug")).to_have_value("why-is-putin-not-helping-ally-iran-his-reply")
    accessibility["source-add"] = admin_violations(editor)
    editor.locator("input[name=_continue]").click()
    saved(editor, SOURCE_TITLE)
    expect(editor.locator(".field-text_sha256 .readonly")).to_have_text(
        re.compile("^[0-9a-f]{64}$")
    )
    screenshot(editor, "editor-journey-source")

    # The speaker, who is not in the database yet.
    editor.goto("/admin/speakers/speaker/add/")
    editor.locator("#id_name").press_sequentially("Vladimir Putin")
    editor.locator("#id_description").fill("President of Russia")
    editor.locator("#id_wikidata_id").fill("Q7747")
    expect(editor.locator("#id_slug")).to_have_value("vladimir-putin")
    editor.locator("input[name=_save]").click()
    saved(editor, "Vladimir Putin")

    # The quote, with an appearance in the source whose passage is left empty: the quote's
    # own words are looked for, and the admin shows where it found them.
    editor.goto("/admin/quotes/quote/add/")
    editor.locator("#id_text").fill(QUOTE)
    autocomplete(editor, "id_speaker", "Putin", "Vladimir Putin")
    editor.locator("#id_occasion").fill("St. Petersburg International Economic Forum")
    autocomplete(editor, "id_appearances-0-source", "helping ally", SOURCE_TITLE)
    accessibility["quote-add"] = admin_violations(editor)
    editor.locator("input[name=_continue]").click()
    saved(editor, "Vladimir Putin")
    appearance = editor.locator("#appearances-0")
    expect(appearance.locator("td.field-anchor_match")).to_have_text("Exact")
    expect(appearance.locator("td.field-found_passage")).to_have_text(QUOTE)
    expect(appearance.locator("td.field-anchor_similarity")).to_have_text("100%")
    # Its status is not a field of the form: only the list's actions confirm a quote.
    expect(editor.locator(".field-status .readonly")).to_have_text("Draft (awaiting confirmation)")
    screenshot(editor, "editor-journey-quote")

    # Found in its source, the quote can be confirmed from the list of quotes.
    editor.goto("/admin/quotes/quote/")
    editor.locator("#result_list tbody tr").filter(has_text="draw your attention").locator(
        "input.action-select"
    ).check()
    editor.locator("select[name=action]").select_option("confirm_quotes")
    editor.locator("button[name=index]").click()
    saved(editor, "1 quote confirmed.")

    # The claim, drawn from the quote, with its proposed verdict and a cited passage.
    editor.goto("/admin/claims/claim/add/")
    editor.locator("#id_statement").press_sequentially(STATEMENT)
    autocomplete(editor, "id_claimant", "Putin", "Vladimir Putin")
    autocomplete(editor, "id_quote", "two million", "draw your attention")
    editor.locator("#id_rating").select_option(label="Mostly true")
    editor.locator("#id_summary").fill(SUMMARY)
    autocomplete(editor, "id_citations-0-source", "helping ally", SOURCE_TITLE)
    editor.locator("#id_citations-0-relation").select_option(label="States the claim")
    editor.locator("#id_citations-0-exact").fill(PASSAGE)
    accessibility["claim-add"] = admin_violations(editor)
    editor.locator("input[name=_continue]").click()
    saved(editor, "Almost two million people")
    citation = editor.locator("#citations-0")
    expect(citation.locator("td.field-anchor_match")).to_have_text("Exact")
    expect(citation.locator("td.field-found_passage")).to_have_text(PASSAGE)
    claim_slug = editor.locator("#id_slug").input_value()
    claim_admin = editor.url

    # An editor submits the claim for review, and is never offered to publish it.
    workflow = editor.locator("#claim-workflow")
    expect(workflow.get_by_role("button", name="Publish")).to_have_count(0)
    workflow.get_by_role("button", name="Submit for review").click()
    saved(editor, "is now in review.")
    expect(editor.locator(".field-status .readonly")).to_have_text("In review")
    expect(editor.locator(".field-publication_problems")).to_contain_text(
        "a reviewer may publish it"
    )
    expect(workflow.get_by_role("button", name="Send back to draft")).to_be_visible()
    expect(editor.get_by_role("button", name="Publish")).to_have_count(0)
    accessibility["claim-in-review"] = admin_violations(editor)
    screenshot(editor, "editor-journey-claim-in-review")

    # Readers cannot see it yet.
    response = editor.goto(f"/claims/{claim_slug}/")
    assert response.status == 404
    editor.context.close()

    # --- the reviewer -------------------------------------------------------------------
    reviewer = signed_in(chromium, site, REVIEWER)
    reviewer.goto(claim_admin)
    reviewer.locator("#claim-workflow").get_by_role("button", name="Publish").click()
    saved(reviewer, "is now published.")
    expect(reviewer.locator(".field-status .readonly")).to_have_text("Published")
    expect(reviewer.locator(".field-reviewed_by .readonly")).to_have_text(REVIEWER)

    # The public claim page: the verdict, the quote, and the citation with its passage.
    reviewer.goto(f"/claims/{claim_slug}/")
    expect(reviewer.locator("h1")).to_have_text(STATEMENT)
    expect(reviewer.locator(".verdict-box .verdict")).to_have_text("Verdict: Mostly true")
    expect(reviewer.locator(".verdict-box__summary")).to_have_text(SUMMARY)
    expect(reviewer.locator(".quote-card__text")).to_have_text(f"“{QUOTE}”")
    cited = reviewer.locator("li.citation")
    expect(cited).to_have_count(1)
    expect(cited.locator(".relation")).to_have_text("States the claim")
    source_link = cited.locator("a.citation__source")
    expect(source_link).to_have_text(SOURCE_TITLE)
    expect(source_link).to_have_attribute(
        "href", "/sources/why-is-putin-not-helping-ally-iran-his-reply/"
    )
    expect(cited.locator("blockquote.excerpt mark")).to_have_text(PASSAGE)
    screenshot(reviewer, "editor-journey-published")

    # The citation leads to the passage, highlighted in the source's archived text.
    cited.get_by_role("link", name=re.compile("Show the passage")).click()
    expect(reviewer).to_have_url(
        re.compile(r"/sources/why-is-putin-not-helping-ally-iran-his-reply/#citation-\d+$")
    )
    target = reviewer.locator("mark:target")
    expect(target).to_have_text(PASSAGE)
    expect(target).to_be_in_viewport()

    # Changing the published verdict needs a correction note for readers...
    reviewer.goto(claim_admin)
    reviewer.locator("#id_rating").select_option(label="Unproven")
    reviewer.locator("input[name=_continue]").click()
    expect(reviewer.locator(".errornote")).to_be_visible()
    expect(reviewer.locator(".field-correction_note .errorlist")).to_contain_text(
        "needs a correction note"
    )
    accessibility["claim-refused-change"] = admin_violations(reviewer)

    # ...which, given, is published as a dated correction with the verdict before and after.
    expect(reviewer.locator("#id_rating option:checked")).to_have_text("Unproven")
    reviewer.locator("#id_correction_note").fill(CORRECTION)
    reviewer.locator("input[name=_continue]").click()
    saved(reviewer, "Almost two million people")
    reviewer.goto(f"/claims/{claim_slug}/")
    expect(reviewer.locator(".verdict-box .verdict")).to_have_text("Verdict: Unproven")
    corrections = reviewer.locator("ol.corrections li")
    expect(corrections).to_have_count(1)
    expect(corrections.locator("p").first).to_have_text(
        re.compile(
            r"^Correction, \d{1,2} \w+ \d{4}: verdict changed from Mostly true to Unproven\.$"
        )
    )
    expect(corrections.locator("p").nth(1)).to_have_text(CORRECTION)
    screenshot(reviewer, "editor-journey-corrected")

    # The correction is on the public record: the claim's admin shows it, never to be edited.
    reviewer.goto(claim_admin)
    record = reviewer.locator("#corrections-group")
    expect(record.locator(".field-note .readonly")).to_have_text(CORRECTION)
    expect(record.locator("input:visible, textarea, select")).to_have_count(0)
    expect(record.get_by_role("button", name="Add another Correction")).to_have_count(0)

    assert accessibility == {page: [] for page in accessibility}
