"""Search on SQLite: FTS5 indexes kept current by triggers (apps/search/sqlite_schema.py),
bm25 ranking and snippet(). Claim and speaker candidates come from FTS5 and plain scans;
the caller scores them with rapidfuzz."""

from django.db import connection
from django.db.models import QuerySet
from django.db.models.expressions import RawSQL

from apps.search.backends import RankedRow
from apps.search.kinds import SearchKind
from apps.search.query import any_words_fts5, to_fts5

# bm25 column weights, from the kinds' A–D weights.
BM25_WEIGHTS = {"A": 10.0, "B": 4.0, "C": 2.0, "D": 1.0}
# bm25 scores are not comparable between FTS tables (each has its own statistics); scaling
# by the kind's best weight keeps a source's body text from outranking a claim's statement.
KIND_SCALE = {"A": 1.0, "B": 0.4, "C": 0.2, "D": 0.1}


def matching(kind: SearchKind, query: str) -> RawSQL:
    return RawSQL(
        f"SELECT rowid FROM {kind.fts_table} WHERE {kind.fts_table} MATCH %s",
        [to_fts5(query) or '""'],
    )


def ranked(kind: SearchKind, query: str, visible: QuerySet, limit: int) -> list[RankedRow]:
    expression = to_fts5(query)
    if not expression:
        return []
    visible_sql, visible_params = visible.values("pk").query.sql_with_params()
    weights = ", ".join(str(BM25_WEIGHTS[weight]) for _, weight in kind.columns)
    fts = kind.fts_table
    sql = f"""
        SELECT rowid, bm25({fts}, {weights}) AS rank,
               snippet({fts}, -1, char(2), char(3), ' … ', 24)
        FROM {fts}
        WHERE {fts} MATCH %s AND rowid IN ({visible_sql})
        ORDER BY rank, rowid
        LIMIT %s
    """
    scale = max(KIND_SCALE[weight] for _, weight in kind.columns)
    with connection.cursor() as cursor:
        cursor.execute(sql, [expression, *visible_params, limit])
        return [
            RankedRow(pk, -float(rank) * scale, snippet) for pk, rank, snippet in cursor.fetchall()
        ]


def claim_candidates(text: str, visible: QuerySet, limit: int) -> list[tuple[int, str]]:
    expression = any_words_fts5(text)
    if not expression:
        return []
    visible_sql, visible_params = visible.values("pk").query.sql_with_params()
    sql = f"""
        SELECT claims_claim.id, claims_claim.statement
        FROM search_claim_fts JOIN claims_claim ON claims_claim.id = search_claim_fts.rowid
        WHERE search_claim_fts MATCH %s AND claims_claim.id IN ({visible_sql})
        ORDER BY bm25(search_claim_fts), claims_claim.id
        LIMIT %s
    """
    with connection.cursor() as cursor:
        cursor.execute(sql, [expression, *visible_params, limit])
        return cursor.fetchall()


def speaker_candidates(name: str, limit: int) -> list[tuple[int, str]]:
    """Every name and alias: SQLite has no trigram index, and rapidfuzz scans them fast."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT id, name FROM speakers_speaker "
            "UNION ALL SELECT speaker_id, name FROM speakers_speakeralias"
        )
        return cursor.fetchall()
