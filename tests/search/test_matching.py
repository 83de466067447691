"""Claim matching and speaker look-up, run the same way on PostgreSQL and on SQLite."""

import pytest
from django.db import connection

from apps.claims.matching import semantic
from apps.claims.models import Claim
from apps.claims.services import claim_create
from apps.search.selectors import find_speakers, match_claims, search
from apps.search.sqlite_schema import ensure_sqlite_search_schema
from tests.factories import ClaimFactory, SpeakerAliasFactory, SpeakerFactory, arranged
from tests.search.record import israel_record

PUBLISHED = "2025-01-01T00:00Z"
# A match: the lexical candidates (on SQLite how many claims hold each word, then the
# claims holding the rarest; on PostgreSQL the text's lexemes, then one query of tiers, the
# table's statistics being cached; and, while the table is small, near-duplicates by
# trigrams: four statements with their savepoint), the embeddings written since the last
# match, the visible claims among those found by meaning, and the best claims with their
# claimants and ratings.
QUERIES = {"sqlite": 5, "postgresql": 9}


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


# --- meaning ---------------------------------------------------------------------------

MOSCOW = "Moscow refuses to aid Tehran"


def _published(statement: str) -> Claim:
    """A published claim, embedded as the services embed the claims they write."""
    with arranged():
        claim = ClaimFactory(statement=statement, status="published", published_at=PUBLISHED)
    semantic.claims_embed([claim])
    return claim


def test_match_claims_finds_a_paraphrase_by_meaning(db):
    claim = _published(MOSCOW)
    _published("Wheat exports doubled in 2024.")

    matches = match_claims("Russia won't help Iran")

    assert [m.claim for m in matches] == [claim]


def test_match_claims_by_words_alone_misses_the_paraphrase(db, settings):
    settings.CLAIM_MATCHING_SEMANTIC_WEIGHT = 0
    _published(MOSCOW)

    assert match_claims("Russia won't help Iran") == []


@pytest.mark.parametrize("weight", [0, 0.5, 1])
def test_match_claims_scores_the_same_sentence_1_at_any_weight(db, settings, weight):
    settings.CLAIM_MATCHING_SEMANTIC_WEIGHT = weight
    claim = _published("Wheat exports doubled in 2024.")

    matches = match_claims("wheat exports doubled in 2024")

    assert [(m.claim, m.score) for m in matches] == [(claim, 1.0)]


def test_match_claims_makes_a_close_paraphrase_a_near_duplicate(db):
    _published("Wheat exports doubled last year.")

    matches = match_claims("Wheat exports doubled in 2024")

    assert [m.is_near_duplicate for m in matches] == [True]


def test_match_claims_hides_drafts_found_by_meaning_from_the_public(db):
    draft = claim_create(statement=MOSCOW)

    found = (
        match_claims("Russia won't help Iran"),
        match_claims("Russia won't help Iran", public=False),
    )

    assert ([m.claim for m in found[0]], [m.claim for m in found[1]]) == ([], [draft])


@pytest.mark.parametrize("claims", [2, 20])
def test_match_claims_makes_the_same_queries_however_many_claims_match(
    db, claims, django_assert_num_queries
):
    for n in range(claims):
        _published(f"Moscow refuses to aid Tehran, round {n}.")
        _published(f"Russia won't help Iran, round {n}.")
    match_claims("Russia won't help Iran")  # reads the table's statistics, loads the index

    with django_assert_num_queries(QUERIES[connection.vendor]):
        match_claims("Russia won't help Iran")
