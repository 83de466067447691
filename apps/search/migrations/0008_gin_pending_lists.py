"""GIN indexes that searches do not have to read a long pending list for.

By default a GIN index puts new entries in a pending list, unsorted, and moves them into
the index only when the list passes `gin_pending_list_limit` (4 MB) or the table is
vacuumed; until then every search through the index reads the whole list. Autovacuum does
not come often to a large table that is mostly read, so the list grows with the site's
writes: at 1,000,000 quotes, with the benchmark's editors at work, the claims' full-text
index held 69 pending pages (1,878 entries) and the statements' trigram index 313, and
claim matching's rare-word candidates (three searches of the claims' index) took 8.4 ms
of wall time a statement, against 2.4 once the list was cleaned (bench/README.md, round 13).

- The claims' indexes (full text, statement trigrams, public statements' words) take
  their entries at once (`fastupdate = off`): claims are written by editors, one at a
  time, and read by every match, duplicate warning and search.
- The others (quotes, sources, speakers and their aliases, the search vocabulary) are
  written in bulk by imports and rebuilds, so they keep a pending list, of at most 64 kB
  (`gin_pending_list_limit`): a search reads at most 8 pages of it, and an import still
  moves its entries into the index 64 kB at a time.

Each index's pending list is cleaned once here. PostgreSQL only: SQLite's FTS5 indexes
have no pending list.
"""

from django.db import migrations

IMMEDIATE = [
    "claims_claim_search_vector",
    "claims_claim_statement_trgm",
    "claim_public_statement_words",
]
SMALL_PENDING_LIST = [
    "quotes_quote_search_vector",
    "sources_source_search_vector",
    "speakers_speaker_search_vector",
    "speakers_speaker_name_trgm",
    "speakers_speakeralias_search_vector",
    "speakers_speakeralias_name_trgm",
    "search_vocabularyword_word_trgm",
]
PENDING_LIST_KB = 64


def forward(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for index in IMMEDIATE:
        schema_editor.execute(f"ALTER INDEX IF EXISTS {index} SET (fastupdate = off)")
    for index in SMALL_PENDING_LIST:
        schema_editor.execute(
            f"ALTER INDEX IF EXISTS {index} SET (gin_pending_list_limit = {PENDING_LIST_KB})"
        )
    with schema_editor.connection.cursor() as cursor:
        for index in IMMEDIATE + SMALL_PENDING_LIST:
            cursor.execute(
                "SELECT gin_clean_pending_list(to_regclass(%s)) WHERE to_regclass(%s) IS NOT NULL",
                [index, index],
            )


def backward(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for index in IMMEDIATE:
        schema_editor.execute(f"ALTER INDEX IF EXISTS {index} RESET (fastupdate)")
    for index in SMALL_PENDING_LIST:
        schema_editor.execute(f"ALTER INDEX IF EXISTS {index} RESET (gin_pending_list_limit)")


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0007_quote_vector_translations"),
        ("claims", "0009_claim_statement_search_index"),
    ]

    operations = [migrations.RunPython(forward, backward)]
