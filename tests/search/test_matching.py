"""Claim matching and speaker look-up, run the same way on PostgreSQL and on SQLite."""

import pytest
from django.db import connection

from apps.claims.models import Claim
from apps.search.selectors import find_speakers, match_claims, search
from apps.search.sqlite_schema import ensure_sqlite_search_schema
from tests.factories import ClaimFactory, SpeakerAliasFactory, SpeakerFactory
from tests.search.record import israel_record


@pytest.fixture
def record(db):
    return israel_record()


def test_match_claims_puts_the_two_million_claim_first(record):
    matches = match_claims("Around 2 million ex-Soviet people live in Israel")

    assert matches[0].claim == record.two_million


def test_match_claims_scores_the_same_statement_as_a_near_duplicate(db):
    claim = ClaimFactory(
        statement="Wheat exports doubled in 2024.",
        status="published",
        published_at="2025-01-01T00:00Z",
    )

    matches = match_claims("wheat exports doubled in 2024")

    assert [(m.claim, m.score, m.is_near_duplicate) for m in matches] == [(claim, 1.0, True)]


def test_match_claims_ranks_by_similarity(db):
    close = ClaimFactory(
        statement="Wheat exports doubled last year.",
        status="published",
        published_at="2025-01-01T00:00Z",
    )
    far = ClaimFactory(
        statement="Wheat is a grass.", status="published", published_at="2025-01-01T00:00Z"
    )

    matches = match_claims("Wheat exports doubled in 2024")

    assert [m.claim for m in matches] == [close, far]


def test_match_claims_ignores_drafts_for_the_public(db):
    ClaimFactory(statement="Wheat exports doubled.", status=Claim.Status.DRAFT)

    assert match_claims("Wheat exports doubled") == []


def test_match_claims_can_leave_out_the_claim_being_edited(db):
    claim = ClaimFactory(statement="Wheat exports doubled.", status=Claim.Status.DRAFT)

    matches = match_claims("Wheat exports doubled", public=False, exclude_pk=claim.pk)

    assert matches == []


def test_match_claims_with_blank_text_matches_nothing(record):
    assert match_claims("  ") == []


def test_find_speakers_tolerates_typos(record):
    matches = find_speakers("Vladimr Putn")

    assert [m.speaker.slug for m in matches] == ["vladimir-putin"]


def test_find_speakers_matches_aliases(db):
    speaker = SpeakerFactory(name="Abbas Araqchi")
    SpeakerAliasFactory(speaker=speaker, name="Iran's Foreign Minister")

    matches = find_speakers("Iran's foreign minister")

    assert [(m.speaker, m.matched_name) for m in matches] == [(speaker, "Iran's Foreign Minister")]


def test_find_speakers_hides_draft_speakers_from_the_public(db):
    SpeakerFactory(name="Abbas Araqchi", status="draft")

    assert find_speakers("Abbas Araqchi") == []


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's FTS5 triggers")
def test_sqlite_index_is_rebuilt_when_its_triggers_went_missing(db):
    with connection.cursor() as cursor:
        cursor.execute("DROP TRIGGER search_claim_fts_ai")
    ClaimFactory(
        statement="Barley harvest failed.", status="published", published_at="2025-01-01T00:00Z"
    )

    ensure_sqlite_search_schema()

    assert search("barley").total == 1
