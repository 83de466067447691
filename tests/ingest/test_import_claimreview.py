import io
import json
import sys
from io import StringIO

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import CommandError, call_command

from apps.accounts.roles import Role
from apps.accounts.services import user_join_role
from apps.claims.models import Citation, Claim
from apps.claims.workflow import claim_publish
from apps.ingest.claimreview.importer import ClaimReviewImporter
from apps.ingest.claimreview.writer import PLACEHOLDER_TEXT
from apps.ingest.models import ClaimReviewOrigin
from apps.sources.models import Publisher, Source
from apps.speakers.models import Speaker
from tests import factories
from tests.factories import arranged

pytestmark = pytest.mark.django_db


def make_review(number: int, **extra) -> dict:
    return {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": f"https://checker.example/review/{number}",
        "claimReviewed": f"Claim number {number} is true.",
        "datePublished": "2024-05-01",
        "author": {"@type": "Organization", "name": "Checker", "url": "https://checker.example/"},
        "reviewRating": {"@type": "Rating", "alternateName": "False"},
        "itemReviewed": {
            "@type": "Claim",
            "author": {"@type": "Person", "name": "Dana Novak"},
            "appearance": [
                {
                    "@type": "NewsArticle",
                    "url": f"https://news.example/{number}",
                    "headline": f"Story {number}",
                    "publisher": {"@type": "Organization", "name": "Oster Daily"},
                }
            ],
        },
        **extra,
    }


def import_json(data, *, name="feed.json", **options) -> tuple:
    skipped: list[str] = []
    importer = ClaimReviewImporter(on_skip=skipped.append, **options)
    raw = data if isinstance(data, bytes) else json.dumps(data).encode()
    report = importer.import_stream(io.BytesIO(raw), name=name, size=len(raw))
    return report, skipped


def state() -> dict[str, int]:
    return {
        model.__name__: model.objects.count()
        for model in (Claim, ClaimReviewOrigin, Citation, Source, Speaker, Publisher)
    }


def test_the_schema_org_examples_are_imported_as_claims_in_review(shared_dir):
    paths = sorted((shared_dir / "data" / "claimreview-examples").glob("*.jsonld"))
    importer = ClaimReviewImporter()

    reports = [importer.import_path(str(path)) for path in paths]

    assert [(r.read, r.imported, r.skipped) for r in reports] == [(1, 1, 0), (1, 1, 0)]
    perry = Claim.objects.get(claimreview_origin__review_url__contains="rick-perry")
    assert (
        perry.status,
        perry.rating.slug,
        perry.claimant.name,
        perry.claimant.status,
        perry.claimreview_origin.rating_label,
        perry.claimreview_origin.rating_value,
        perry.claimreview_origin.best_rating,
    ) == ("in_review", "true", "Rich Perry", "draft", "True", 1.0, 6.0)
    assert reports[0].notes["verdict name and number disagree (the name wins)"][0] == 1
    assert reports[0].notes["claimant named unlike the Wikipedia article it links to"][1] == [
        "draft speaker “Rich Perry” created; its sameAs is Wikipedia's “Rick Perry”: "
        "correct the name if that is who it is"
    ]
    obama = Claim.objects.get(claimreview_origin__review_url="http://danbri.org/2017/TODO")
    assert (obama.rating, obama.claimant.name, obama.claimant.wikidata_id) == (
        None,
        "Barack Obama",
        "Q76",
    )
    assert [(c.source.url, c.source.kind, c.relation) for c in obama.citations.all()] == [
        ("https://www.youtube.com/watch?v=B_889oBKkNU", "video", "states")
    ]


def test_every_shape_is_read():
    review = make_review(1)
    shapes = [
        review,
        [review],
        {"@type": "DataFeed", "dataFeedElement": [{"@type": "DataFeedItem", "item": [review]}]},
        {"@context": "https://schema.org", "@graph": [review]},
        {
            "claims": [
                {
                    "text": review["claimReviewed"],
                    "claimant": "Dana Novak",
                    "claimReview": [
                        {
                            "publisher": {"name": "Checker", "site": "checker.example"},
                            "url": review["url"],
                            "textualRating": "False",
                            "languageCode": "en",
                        }
                    ],
                }
            ],
            "nextPageToken": "abc",
        },
    ]

    results = []
    for shape in shapes:
        with arranged():  # each shape imports the same review into an instance without it
            Claim.objects.all().delete()
            ClaimReviewOrigin.objects.all().delete()
        report, _ = import_json(shape)
        claim = Claim.objects.get()
        results.append((report.imported, claim.statement, claim.rating.slug, claim.claimant.name))

    assert results == [(1, "Claim number 1 is true.", "false", "Dana Novak")] * len(shapes)


def test_importing_twice_changes_nothing():
    feed = [make_review(n) for n in range(3)]
    import_json(feed)
    before = state()

    report, _ = import_json(feed)

    assert (report.imported, report.unchanged, state()) == (0, 3, before)


def test_imported_claims_keep_their_origin():
    import_json([make_review(1)])

    origin = ClaimReviewOrigin.objects.get()
    assert (
        origin.review_url,
        origin.reviewer_name,
        origin.reviewer_url,
        str(origin.review_date),
        origin.rating_label,
        origin.rating_method,
    ) == (
        "https://checker.example/review/1",
        "Checker",
        "https://checker.example/",
        "2024-05-01",
        "False",
        "label",
    )


def test_imported_claims_are_the_importer_s_so_another_reviewer_must_publish_them():
    reviewer, _ = user_join_role(
        username="grace", role=Role.REVIEWER, password="a-long-newsroom-passphrase"
    )
    import_json([make_review(1)], actor=reviewer)
    claim = Claim.objects.get()

    with pytest.raises(PermissionDenied) as refused:
        claim_publish(claim=claim, actor=reviewer)

    assert (claim.created_by, claim.changed_by, claim.history.get().history_user) == (
        reviewer,
        reviewer,
        reviewer,
    )
    assert str(refused.value) == (
        "Four eyes: you wrote or last changed this claim, so another reviewer must publish it."
    )


def test_appearances_become_draft_sources_with_a_note_instead_of_text():
    import_json([make_review(1), make_review(2)])

    sources = list(Source.objects.order_by("url").values_list("url", "status", "text"))
    assert sources == [
        ("https://news.example/1", "draft", PLACEHOLDER_TEXT),
        ("https://news.example/2", "draft", PLACEHOLDER_TEXT),
    ]
    assert list(Publisher.objects.values_list("name", flat=True)) == ["Oster Daily"]
    assert Speaker.objects.count() == 1
    assert Citation.objects.filter(match="not_found").count() == 2


def test_known_claimants_and_sources_are_reused():
    novak = factories.SpeakerFactory(name="Dana Novak", slug="dana-novak")
    source = factories.SourceFactory(url="https://news.example/1", text="Claim number 1 is true.")

    import_json([make_review(1)])

    claim = Claim.objects.get()
    citation = claim.citations.get()
    assert (claim.claimant, citation.source, citation.match) == (novak, source, "exact")


def test_every_skipped_item_is_reported_with_why():
    feed = [
        make_review(1),
        {"@type": "ClaimReview", "url": "https://x.example/2"},
        7,
        {"@type": "Thing"},
        make_review(3),
    ]

    report, skipped = import_json(feed)

    assert (report.read, report.imported, report.skipped) == (5, 2, 3)
    assert skipped == [
        "feed.json, item 2 (item 2): skipped: no `claimReviewed`: the claim's words are missing",
        "feed.json, item 3 (item 3): skipped: not a JSON object",
        "feed.json, item 4 (item 4): skipped: not a ClaimReview (@type Thing)",
    ]


def test_an_item_the_database_refuses_is_skipped_alone(refuse_rows):
    refuse_rows("claims_claim", "statement", "number 2")

    report, skipped = import_json([make_review(n) for n in range(1, 4)])

    assert (report.imported, report.skipped) == (2, 1)
    assert skipped[0].startswith("feed.json, item 2 (item 2): skipped: the database refused it")
    assert sorted(Claim.objects.values_list("statement", flat=True)) == [
        "Claim number 1 is true.",
        "Claim number 3 is true.",
    ]


def test_a_truncated_file_writes_nothing_and_says_where_it_broke():
    raw = json.dumps([make_review(n) for n in range(1, 4)]).encode()[:-40]

    report, _ = import_json(raw, batch_size=1)

    assert report.failed.startswith(
        "the JSON ends before it is complete (truncated?) after item 2, at byte "
    )
    assert state() == {
        "Claim": 0,
        "ClaimReviewOrigin": 0,
        "Citation": 0,
        "Source": 0,
        "Speaker": 0,
        "Publisher": 0,
    }


def test_malformed_json_is_reported_with_the_last_good_item():
    raw = b'[{"@type": "ClaimReview", "url": "https://x.example/1", "claimReviewed": "x"}, {bad'

    report, _ = import_json(raw)

    assert report.failed.startswith("malformed JSON after item 1, near byte ")
    assert Claim.objects.count() == 0


def test_an_empty_file_is_reported():
    report, _ = import_json(b"")

    assert report.failed == "the file is empty"


def test_an_oversized_file_is_refused_before_it_is_read(settings, tmp_path):
    settings.INGEST_MAX_FEED_BYTES = 100
    path = tmp_path / "big.json"
    path.write_text(json.dumps([make_review(1)]))

    report = ClaimReviewImporter().import_path(str(path))

    assert report.failed == (
        f"it is {path.stat().st_size:,} bytes, over the limit of 100 bytes (INGEST_MAX_FEED_BYTES)"
    )


def test_an_oversized_stream_is_stopped_when_it_passes_the_limit(settings):
    settings.INGEST_MAX_FEED_BYTES = 100

    report, _ = import_json([make_review(1)])

    assert report.failed == "the file is over the limit of 100 bytes (INGEST_MAX_FEED_BYTES)"
    assert Claim.objects.count() == 0


def test_the_command_reports_each_file_and_goes_on(tmp_path):
    good = tmp_path / "good.json"
    good.write_text(json.dumps([make_review(1)]))
    bad = tmp_path / "bad.json"
    bad.write_text("[{")
    out = StringIO()

    with pytest.raises(CommandError) as error:
        call_command("import_claimreview", str(bad), str(good), "--no-progress", stdout=out)

    lines = out.getvalue().splitlines()
    assert lines[0].startswith(f"{bad}: FAILED, nothing imported: the JSON ends before it")
    assert lines[1].startswith(f"{good}: 1 items read, 1 imported, 0 already there, 0 skipped")
    assert str(error.value) == "1 of 2 files failed; nothing from them was imported."


def test_the_command_reads_standard_input(monkeypatch):
    raw = json.dumps(make_review(1)).encode()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(raw)))
    out = StringIO()

    call_command("import_claimreview", "-", "--no-progress", stdout=out)

    assert out.getvalue().startswith("<stdin>: 1 items read, 1 imported")
    assert Claim.objects.count() == 1


def test_imported_rows_have_their_first_history_version():
    import_json([make_review(1)])

    claim = Claim.objects.get()
    versions = list(claim.history.values_list("history_type", "history_change_reason", "status"))
    assert versions == [("+", "Imported from ClaimReview", "in_review")]
    assert [model.history.count() for model in (Citation, Source, Speaker, Publisher)] == [
        1,
        1,
        1,
        1,
    ]


def test_a_claimant_is_matched_through_the_wikipedia_article_it_links_to():
    perry = factories.SpeakerFactory(name="Rick Perry", slug="rick-perry")
    review = make_review(1)
    review["itemReviewed"]["author"] = {
        "@type": "Person",
        "name": "Rich Perry",
        "sameAs": ["https://en.wikipedia.org/wiki/Rick_Perry"],
    }

    import_json([review])

    assert (Claim.objects.get().claimant, Speaker.objects.count()) == (perry, 1)


def test_a_feed_whose_items_start_after_a_long_preamble_is_read():
    feed = {
        "@type": "DataFeed",
        "description": "x" * 70_000,  # past the first bytes the reader looks at
        "dataFeedElement": [make_review(1), make_review(2)],
    }

    report, _ = import_json(feed)

    assert (report.read, report.imported) == (2, 2)
