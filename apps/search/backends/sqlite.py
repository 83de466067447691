"""Search on SQLite: FTS5 indexes kept current by triggers (apps/search/sqlite_schema.py),
bm25 ranking and snippet(). Speaker candidates come from a plain scan; the caller scores
them with rapidfuzz. (Claim candidates, which read the claims' FTS5 table, are the claims
app's: apps/claims/matching/sqlite.py.)"""

from contextlib import contextmanager

from django.db import connection
from django.db.models import BooleanField, Q, QuerySet
from django.db.models.expressions import RawSQL

from apps.search.highlight import Markers
from apps.search.kinds import SearchKind
from apps.search.query import to_fts5

# bm25 column weights, from the kinds' A–D weights.
BM25_WEIGHTS = {"A": 10.0, "B": 4.0, "C": 2.0, "D": 1.0}
# bm25 scores are not comparable between FTS tables (each has its own statistics); scaling
# by the kind's best weight keeps a source's body text from outranking a claim's statement.
KIND_SCALE = {"A": 1.0, "B": 0.4, "C": 0.2, "D": 0.1}


@contextmanager
def searching(query: str, *, thin: bool = True):
    """Nothing to set or to know beforehand on SQLite for finding the matches of `query`
    (FTS5 finds every match: there is nothing to thin)."""
    yield None


@contextmanager
def matching(
    kind: SearchKind,
    query: str,
    visible: QuerySet,
    fields: tuple[str, ...],
    cap: int,
    how: None = None,
    key: tuple | None = None,
):
    """Yield (SQL, params) selecting (pk, score, n, *fields) of the cap + 1 best ranked
    visible rows matching `query`, numbered (n) best first, for apps.search.summary, and
    True (every match was looked at); None instead of the SQL when there is nothing to
    search for. (`key` is not used: the SQL is compiled each time.)"""
    expression = to_fts5(query)
    if not expression:
        yield None, True
        return
    visible_sql, visible_params = visible.order_by().values("pk").query.sql_with_params()
    values_sql, values_params = (
        visible.order_by().values_list("pk", *fields).query.sql_with_params()
    )
    weights = ", ".join(str(BM25_WEIGHTS[weight]) for _, weight in kind.columns)
    scale = max(KIND_SCALE[weight] for _, weight in kind.columns)
    fts = kind.fts_table
    picked = "".join(f', shown."{field}"' for field in fields)
    sql = f"""
        SELECT found.rowid, found.score,
            row_number() OVER (ORDER BY found.score DESC, found.rowid){picked}
        FROM (
            SELECT rowid, -bm25({fts}, {weights}) * {scale} AS score
            FROM {fts}
            WHERE {fts} MATCH %s AND rowid IN ({visible_sql})
            ORDER BY bm25({fts}, {weights}), rowid
            LIMIT %s
        ) AS found
        JOIN ({values_sql}) AS shown ON shown."pk" = found.rowid
    """
    yield (sql, [expression, *visible_params, cap + 1, *values_params]), True


def run(how: None, sql: str, params: list, *, last: bool) -> list[tuple]:
    """The rows of one of the search's statements: nothing goes with it on SQLite."""
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def match_condition(kind: SearchKind, query: str) -> Q | RawSQL:
    """A condition on `kind`'s table: its FTS5 index matches `query` (a subquery inside the
    caller's query); nothing matches a query with no words to search for."""
    expression = to_fts5(query)
    if not expression:
        return Q(pk__in=[])
    fts = kind.fts_table
    return RawSQL(
        f'"{kind.table}"."id" IN (SELECT rowid FROM {fts} WHERE {fts} MATCH %s)',
        [expression],
        output_field=BooleanField(),
    )


def matching_sql(kind: SearchKind, query: str, column: str) -> tuple[str, list] | None:
    """SQL selecting `column` of `kind`'s rows that match `query`, with its parameters;
    None when the query has no words to search for."""
    expression = to_fts5(query)
    if not expression:
        return None
    fts = kind.fts_table
    return (
        f"SELECT {column} FROM {kind.table} "
        f"WHERE id IN (SELECT rowid FROM {fts} WHERE {fts} MATCH %s)",
        [expression],
    )


def snippet_sql(kind: SearchKind, query: str, markers: Markers) -> tuple[str, list] | None:
    """An SQL expression on a row of `kind`'s table for its snippet (FTS5's snippet(), its
    matches between `markers`), NULL for a row the query does not match; None when the
    query has no words to search for."""
    expression = to_fts5(query)
    if not expression:
        return None
    fts = kind.fts_table
    return (
        f"(SELECT snippet({fts}, -1, %s, %s, ' … ', 24) FROM {fts} "
        f'WHERE {fts} MATCH %s AND {fts}.rowid = "{kind.table}"."id")',
        [markers.start, markers.stop, expression],
    )


def speaker_candidates(name: str, limit: int) -> list[tuple[int, str]]:
    """Every name and alias: SQLite has no trigram index, and rapidfuzz scans them fast."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT id, name FROM speakers_speaker "
            "UNION ALL SELECT speaker_id, name FROM speakers_speakeralias"
        )
        return cursor.fetchall()
