"""GIN indexes that searches need not read a long pending list for
(apps/search/migrations/0008_gin_pending_lists.py)."""

import pytest
from django.db import connection

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="GIN is PostgreSQL's"),
]


def options(index: str) -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT reloptions FROM pg_class WHERE relname = %s", [index])
        return cursor.fetchone()[0] or []


@pytest.mark.parametrize(
    "index",
    ["claims_claim_search_vector", "claims_claim_statement_trgm", "claim_public_statement_words"],
)
def test_the_claims_indexes_take_their_entries_at_once(index):
    assert "fastupdate=off" in options(index)


@pytest.mark.parametrize(
    "index",
    [
        "quotes_quote_search_vector",
        "sources_source_search_vector",
        "speakers_speaker_name_trgm",
        "search_vocabularyword_word_trgm",
    ],
)
def test_the_indexes_written_in_bulk_keep_a_short_pending_list(index):
    assert "gin_pending_list_limit=64" in options(index)
