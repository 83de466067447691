"""A public record of change: retracted claims keep their page, /corrections/ and its feed
list every correction and retraction, sources show every version of their text."""

import datetime
import hashlib
import json
import re
import xml.etree.ElementTree as ET

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone

from apps.accounts.roles import Role
from apps.claims import workflow
from apps.sources.models import Source
from apps.sources.services import source_update
from tests import factories
from tests.web.helpers import page, texts

ATOM = "{http://www.w3.org/2005/Atom}"
PREFIX = "Updated at 10:00. "


def _reviewer():
    user = factories.UserFactory(is_staff=True)
    user.groups.add(Group.objects.get(name=Role.REVIEWER))
    return user


def _retracted_claim(**fields):
    claim = factories.PublishedClaimFactory(
        statement="Exports rose by 12% last year.", slug="exports", summary="They did.", **fields
    )
    factories.CitationFactory(claim=claim)
    workflow.claim_retract(claim=claim, actor=_reviewer(), note="The figure was a forecast.")
    return claim


def _today() -> str:
    """Today as the pages write dates (in TIME_ZONE): “5 December 2026”."""
    today = timezone.localdate()
    return f"{today.day} {today:%B %Y}"


def _text(response) -> str:
    return " ".join(page(response).text_content().split())


# --- a retracted claim keeps its URL --------------------------------------------------------


def test_a_retracted_claims_page_answers_with_the_retraction_notice(client, db):
    _retracted_claim()

    tree = page(client.get("/claims/exports/"))

    assert texts(tree, '//div[@class="retraction-notice"]/p') == [
        f"Retracted on {_today()} by Factbase. Its verdict no longer stands.",
        "Why: The figure was a forecast.",
        "The verdict it had: True (They did.).",
        "All corrections and retractions",
    ]


def test_a_retracted_claims_page_is_kept_out_of_search_engines_and_carries_no_claimreview(
    client, db
):
    _retracted_claim()

    html = client.get("/claims/exports/").content.decode()

    assert ('<meta name="robots" content="noindex">' in html, "ClaimReview" in html) == (
        True,
        False,
    )


def test_a_retracted_claim_is_in_no_list_or_feed(client, db):
    _retracted_claim()

    assert ("/claims/exports/" in client.get("/claims/").content.decode()) is False
    assert ("/claims/exports/" in client.get("/feeds/claims/").content.decode()) is False


def test_a_draft_claim_still_answers_404(client, db):
    factories.ClaimFactory(slug="draft")

    assert client.get("/claims/draft/").status_code == 404


def test_a_published_claims_claimreview_carries_date_modified(client, db):
    claim = factories.PublishedClaimFactory(slug="exports", summary="They did.")
    factories.CitationFactory(claim=claim)

    html = client.get("/claims/exports/").content.decode()

    (block,) = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert json.loads(block)["dateModified"] == claim.updated_at.isoformat(timespec="seconds")


# --- /corrections/ ---------------------------------------------------------------------------


def _entries(response) -> list[tuple[str, str]]:
    assert (response.status_code, response["Content-Type"]) == (
        200,
        "application/atom+xml; charset=utf-8",
    )
    feed = ET.fromstring(response.content)
    return [
        (entry.findtext(f"{ATOM}title"), entry.find(f"{ATOM}link").get("href"))
        for entry in feed.findall(f"{ATOM}entry")
    ]


def test_the_corrections_page_lists_corrections_and_retractions_newest_first(client, db):
    corrected = factories.PublishedClaimFactory(statement="Farmers were paid.", slug="paid")
    older = factories.CorrectionFactory(
        claim=corrected, date=datetime.date(2026, 1, 5), note="The date was wrong."
    )
    _retracted_claim()
    factories.CorrectionFactory(claim=factories.ClaimFactory(), note="A draft's note.")

    tree = page(client.get("/corrections/"))

    assert texts(tree, '//ol[contains(@class, "corrections--all")]/li') == [
        f"Retraction, {_today()}: Exports rose by 12% last year. The verdict True was "
        "withdrawn. The figure was a forecast.",
        f"Correction, 5 January 2026: Farmers were paid. {older.note}",
    ]


def test_the_corrections_feed_links_each_entry_to_its_place_on_the_claim(client, db):
    claim = _retracted_claim()
    retraction = claim.corrections.get()

    assert _entries(client.get("/feeds/corrections/")) == [
        (
            "Retraction: Exports rose by 12% last year.",
            f"http://testserver/claims/exports/#correction-{retraction.pk}",
        )
    ]


@pytest.mark.parametrize("size", [1, 8])
def test_the_corrections_page_runs_a_fixed_number_of_queries(
    client, db, django_assert_num_queries, size
):
    for _ in range(size):
        factories.CorrectionFactory(claim=factories.PublishedClaimFactory())

    with django_assert_num_queries(2):  # the count and the page (claims, ratings joined)
        response = client.get("/corrections/")

    assert response.status_code == 200


@pytest.mark.parametrize("size", [1, 8])
def test_the_corrections_feed_runs_a_fixed_number_of_queries(
    client, db, django_assert_num_queries, size
):
    for _ in range(size):
        factories.CorrectionFactory(claim=factories.PublishedClaimFactory())

    # The entries (1) and when anything the feed shows last changed (Last-Modified).
    with django_assert_num_queries(2):
        response = client.get("/feeds/corrections/")

    assert len(_entries(response)) == size


# --- versions of a source's text -------------------------------------------------------------


@pytest.fixture
def updated_source(db):
    source = factories.SourceFactory(slug="exports-up")
    source_update(source=source, text=PREFIX + factories.ARTICLE_TEXT, text_change_note="Typo.")
    return source


def test_the_source_page_says_when_its_text_was_updated_and_links_the_versions(
    client, updated_source
):
    tree = page(client.get("/sources/exports-up/"))

    assert texts(tree, '//div[@class="facts__row"][dt="Text updated"]/dd') == [
        f"{_today()}: this is version 2 of the archived text. Earlier versions (1)"
    ]


def test_the_versions_page_lists_every_text_with_its_sha256(client, updated_source):
    text = _text(client.get("/sources/exports-up/versions/"))

    old = hashlib.sha256(factories.ARTICLE_TEXT.encode()).hexdigest()
    assert (updated_source.text_sha256 in text, old in text, "Typo." in text) == (
        True,
        True,
        True,
    )


def test_an_earlier_version_shows_its_text(client, updated_source):
    response = client.get("/sources/exports-up/versions/1/")

    assert (response.status_code, "Critics called the figure" in _text(response)) == (200, True)


def test_the_current_version_number_leads_to_the_source_page(client, updated_source):
    response = client.get("/sources/exports-up/versions/2/")

    assert (response.status_code, response["Location"]) == (302, "/sources/exports-up/")


@pytest.mark.parametrize(
    ("path", "text"),
    [
        ("/sources/exports-up/versions/1.txt", factories.ARTICLE_TEXT),
        ("/sources/exports-up/text.txt", PREFIX + factories.ARTICLE_TEXT),
    ],
)
def test_a_text_download_hashes_to_the_sha256_the_pages_show(client, updated_source, path, text):
    response = client.get(path)

    assert (
        response["Content-Type"],
        hashlib.sha256(response.content).hexdigest(),
    ) == ("text/plain; charset=utf-8", hashlib.sha256(text.encode()).hexdigest())


@pytest.mark.parametrize(
    "path",
    [
        "/sources/exports-up/versions/",
        "/sources/exports-up/versions/1/",
        "/sources/exports-up/versions/1.txt",
        "/sources/exports-up/text.txt",
    ],
)
def test_a_draft_sources_texts_are_not_public(client, updated_source, path):
    with factories.arranged():
        Source.objects.filter(pk=updated_source.pk).update(status=Source.Status.DRAFT)

    assert client.get(path).status_code == 404


@pytest.mark.parametrize("size", [1, 8])
def test_the_versions_page_runs_a_fixed_number_of_queries(
    client, db, django_assert_num_queries, size
):
    source = factories.SourceFactory(slug="exports-up")
    for number in range(size):
        source_update(source=source, text=f"{number}. {factories.ARTICLE_TEXT}")

    with django_assert_num_queries(2):  # the source, its versions
        response = client.get("/sources/exports-up/versions/")

    assert response.status_code == 200
