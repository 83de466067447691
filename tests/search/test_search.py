"""The search service, run the same way on PostgreSQL and on SQLite."""

import pytest

from apps.claims.editing import claim_update
from apps.claims.models import Claim
from apps.claims.services import claim_delete
from apps.search.selectors import SearchFilters, search
from tests.factories import ClaimFactory, QuoteFactory, SourceFactory, SpeakerFactory, rating
from tests.search.record import israel_record


@pytest.fixture
def record(db):
    return israel_record()


def top(results, count=2):
    return [(hit.kind, hit.object.pk) for hit in results.hits[:count]]


def test_search_two_million_israel_finds_putins_quote_and_its_claim_first(record):
    results = search("two million Israel")

    assert sorted(top(results)) == [
        ("claim", record.two_million.pk),
        ("quote", record.putins_quote.pk),
    ]


def test_search_midnight_hammer_finds_the_strike_claim_first(record):
    results = search("Midnight Hammer")

    assert top(results, 1) == [("claim", record.midnight_hammer.pk)]


def test_search_snippet_marks_the_matched_words(record):
    results = search("Midnight Hammer")

    assert "<mark>Midnight</mark> <mark>Hammer</mark>" in results.hits[0].snippet


def test_search_phrase_must_stand_together(db):
    ClaimFactory(
        statement="The hammer fell at midnight.",
        status="published",
        published_at="2025-01-01T00:00Z",
    )
    wanted = ClaimFactory(
        statement="Operation Midnight Hammer began.",
        status="published",
        published_at="2025-01-01T00:00Z",
    )

    results = search('"midnight hammer"')

    assert [hit.object.pk for hit in results.hits] == [wanted.pk]


def test_search_excludes_words_after_a_minus(db):
    kept = ClaimFactory(
        statement="Grain exports rose.", status="published", published_at="2025-01-01T00:00Z"
    )
    ClaimFactory(
        statement="Grain exports fell sharply.",
        status="published",
        published_at="2025-01-01T00:00Z",
    )

    results = search("grain -sharply")

    assert [hit.object.pk for hit in results.hits] == [kept.pk]


def test_search_or_finds_either_word(db):
    first = ClaimFactory(
        statement="Wheat prices rose.", status="published", published_at="2025-01-01T00:00Z"
    )
    second = ClaimFactory(
        statement="Barley prices rose.", status="published", published_at="2025-01-01T00:00Z"
    )

    results = search("wheat OR barley")

    assert sorted(hit.object.pk for hit in results.hits) == sorted([first.pk, second.pk])


def test_search_never_finds_drafts_for_the_public(db):
    ClaimFactory(statement="A secret zeppelin claim.", status=Claim.Status.DRAFT)
    ClaimFactory(statement="Another zeppelin claim.", status=Claim.Status.IN_REVIEW)
    QuoteFactory(text="zeppelin words", status="draft")

    results = search("zeppelin")

    assert (results.total, results.hits) == (0, [])


def test_search_finds_drafts_for_editors(db):
    draft = ClaimFactory(statement="A secret zeppelin claim.", status=Claim.Status.DRAFT)

    results = search("zeppelin", public=False)

    assert [hit.object for hit in results.hits] == [draft]


def test_search_follows_edits_to_the_text(db):
    # A draft, which an editor changes directly (a published claim's change is reviewed).
    claim = ClaimFactory(statement="Exports rose.", status=Claim.Status.DRAFT)

    claim_update(claim=claim, statement="Imports collapsed.")

    assert (
        search("exports", public=False).total,
        search("imports", public=False).total,
    ) == (0, 1)


def test_search_forgets_deleted_rows(db):
    # A draft: a published claim is retracted, never deleted.
    claim = ClaimFactory(statement="Exports rose.", status=Claim.Status.DRAFT)

    claim_delete(claim=claim)

    assert search("exports", public=False).total == 0


def test_search_escapes_html_in_snippets(db):
    ClaimFactory(
        statement='<script>alert("x")</script> exports rose',
        status="published",
        published_at="2025-01-01T00:00Z",
    )

    snippet = search("exports").hits[0].snippet

    markup = snippet.replace("<mark>", "").replace("</mark>", "")
    assert ("<" in markup, "exports" in markup) == (False, True)


def test_search_counts_facets_by_kind_and_rating(record):
    results = search("Israel")

    facets = {name: [(f.value, f.count) for f in values] for name, values in results.facets.items()}
    assert (facets["kind"], facets["rating"]) == (
        [("claim", 4), ("quote", 1), ("source", 2)],
        [("unproven", 2), ("false", 1), ("true", 1)],
    )


def test_search_filters_by_rating(record):
    results = search("Israel", filters=SearchFilters(rating="false"))

    assert [(hit.kind, hit.object.pk) for hit in results.hits] == [
        ("claim", record.trump_a_former_president.pk)
    ]


def test_search_filters_by_speaker(db):
    speaker = SpeakerFactory(slug="ada")
    said = QuoteFactory(text="grain harvest", speaker=speaker)
    QuoteFactory(text="grain harvest too")

    results = search("grain", filters=SearchFilters(speaker="ada"))

    assert [hit.object for hit in results.hits] == [said]


def test_search_with_an_empty_query_finds_nothing(record):
    assert search("   ").hits == []


@pytest.mark.parametrize(
    "typed", ['"', "-", "AND", "NOT", "(", "*", "a:b", "NEAR(x", "' OR 1=1 --"]
)
def test_search_survives_query_syntax_errors(record, typed):
    results = search(typed)

    assert results.total >= 0


def test_search_ranks_a_claim_statement_above_a_source_mentioning_it(db):
    claim = ClaimFactory(
        statement="Wheat output doubled.",
        status="published",
        published_at="2025-01-01T00:00Z",
        rating=rating("false"),
    )
    SourceFactory(
        text="Long report. " * 50 + "Wheat output doubled, officials said. " + "More text. " * 50
    )

    results = search("wheat output")

    assert (results.hits[0].kind, results.hits[0].object) == ("claim", claim)


def test_search_speaker_facet_never_counts_a_draft_claimant_for_the_public(db):
    draft = SpeakerFactory(slug="hidden", status="draft")
    shown = SpeakerFactory(slug="shown")
    ClaimFactory(
        statement="A zeppelin claim.",
        claimant=draft,
        status="published",
        published_at="2025-01-01T00:00Z",
    )
    ClaimFactory(
        statement="Another zeppelin claim.",
        claimant=shown,
        status="published",
        published_at="2025-01-01T00:00Z",
    )

    public = search("zeppelin").facets["speaker"]
    editors = search("zeppelin", public=False).facets["speaker"]

    assert [facet.value for facet in public] == ["shown"]
    assert sorted(facet.value for facet in editors) == ["hidden", "shown"]


def test_search_filter_by_a_draft_speaker_finds_nothing_for_the_public(db):
    draft = SpeakerFactory(slug="hidden", status="draft")
    claim = ClaimFactory(
        statement="A zeppelin claim.",
        claimant=draft,
        status="published",
        published_at="2025-01-01T00:00Z",
    )
    filters = SearchFilters(speaker="hidden")

    public = search("zeppelin", filters=filters)
    editors = search("zeppelin", filters=filters, public=False)

    assert (public.total, public.hits, public.facets.get("speaker", [])) == (0, [], [])
    assert [hit.object for hit in editors.hits] == [claim]
