import io
import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.test import RequestFactory

from apps.claims import claimreview, selectors
from apps.claims.models import Claim
from apps.ingest.claimreview.exporter import write_feed
from apps.ingest.claimreview.importer import ClaimReviewImporter
from tests.ingest.helpers import empty_instance, published_data_set

pytestmark = pytest.mark.django_db
BASE = "https://factbase.example"


def export() -> dict:
    out = StringIO()
    write_feed(out, BASE + "/")
    return json.loads(out.getvalue())


def test_the_feed_holds_the_page_markup_of_every_published_claim_with_a_verdict(settings):
    settings.ALLOWED_HOSTS = ["factbase.example"]
    data = published_data_set()
    request = RequestFactory().get("/", HTTP_HOST="factbase.example", secure=True)

    feed = export()

    expected = []
    for claim in selectors.claim_detail_queryset().order_by("published_at", "pk"):
        review = claimreview.claim_review(claim, request)
        expected.append({key: value for key, value in review.items() if key != "@context"})
    assert [element["item"][0] for element in feed["dataFeedElement"]] == expected
    assert (feed["@type"], len(expected)) == ("DataFeed", 3)
    assert data["drafts"]["claim"].statement not in json.dumps(feed)


def test_the_command_writes_the_feed_to_a_file(tmp_path):
    published_data_set()
    path = tmp_path / "feed.json"

    call_command("export_claimreview", "-o", str(path), "--base-url", BASE + "/")

    assert len(json.loads(path.read_text())["dataFeedElement"]) == 3


def snapshot(claims, *, public_only: bool) -> list[dict]:
    """What ClaimReview carries of each claim, comparable across instances: on the site
    that exports, only what is public; on the one that imports, what came in (drafts)."""
    rows = []
    for claim in claims:
        claimant = claim.claimant
        if public_only and claimant and claimant.status != "published":
            claimant = None
        citations = claim.citations.filter(relation="states")
        if public_only:
            citations = citations.filter(source__status="published")
        appearances = sorted(
            (
                citation.source.url or f"{BASE}{citation.source.get_absolute_url()}",
                citation.source.title,
                citation.source.published_on,
                citation.source.authors,
                citation.source.publisher.name if citation.source.publisher else "",
            )
            for citation in citations
        )
        rows.append(
            {
                "statement": claim.statement,
                "summary": claim.summary,
                "rating": claim.rating.slug,
                "claimant": (
                    claimant.name,
                    claimant.kind,
                    claimant.wikidata_id,
                    claimant.description,
                )
                if claimant
                else None,
                "appearances": appearances,
            }
        )
    return sorted(rows, key=lambda row: row["statement"])


def test_an_exported_feed_imported_into_an_empty_instance_gives_back_the_same_claims():
    published_data_set()
    before = snapshot(Claim.objects.filter(status="published"), public_only=True)
    raw = json.dumps(export()).encode()
    empty_instance()

    report = ClaimReviewImporter().import_stream(io.BytesIO(raw), name="feed.json")

    after = snapshot(Claim.objects.all(), public_only=False)
    assert (report.imported, report.skipped) == (3, 0)
    assert after == before
