"""Search on PostgreSQL: stored tsvector columns, websearch_to_tsquery, ts_rank, ts_headline,
and pg_trgm for claim and speaker candidates. The columns and indexes come from the
migration apps/search/migrations/0001_postgresql_search.py."""

from django.db import connection, transaction
from django.db.models import QuerySet
from django.db.models.expressions import RawSQL

from apps.search.backends import RankedRow
from apps.search.kinds import SearchKind

CONFIG = "english"
HEADLINE_OPTIONS = (
    'StartSel="\x02", StopSel="\x03", MaxWords=30, MinWords=12, '
    'MaxFragments=2, FragmentDelimiter=" … "'
)
# ts_rank normalisation 1 divides by 1 + log(document length), so long source texts do not
# outrank short claims just by repeating a word.
RANK = "ts_rank({vector}, websearch_to_tsquery('english', %s), 1)"
# Below this trigram similarity a statement is not even a candidate match.
TRIGRAM_THRESHOLD = "0.15"


def matching(kind: SearchKind, query: str) -> RawSQL:
    """The ids of `kind` rows matching `query`, for `pk__in=`."""
    return RawSQL(
        f"SELECT id FROM {kind.table} WHERE search_vector @@ websearch_to_tsquery('{CONFIG}', %s)",
        [query],
    )


def ranked(kind: SearchKind, query: str, visible: QuerySet, limit: int) -> list[RankedRow]:
    visible_sql, visible_params = visible.values("pk").query.sql_with_params()
    shown = " || ' — ' || ".join(f"coalesce({column}, '')" for column in kind.snippet_columns)
    sql = f"""
        SELECT hit.id, hit.score,
               ts_headline('{CONFIG}', {shown}, websearch_to_tsquery('{CONFIG}', %s), %s)
        FROM (
            SELECT id, {RANK.format(vector="search_vector")} AS score
            FROM {kind.table}
            WHERE search_vector @@ websearch_to_tsquery('{CONFIG}', %s)
              AND id IN ({visible_sql})
            ORDER BY score DESC, id
            LIMIT %s
        ) AS hit
        JOIN {kind.table} USING (id)
        ORDER BY hit.score DESC, hit.id
    """
    params = [query, HEADLINE_OPTIONS, query, query, *visible_params, limit]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [RankedRow(pk, float(score), snippet) for pk, score, snippet in cursor.fetchall()]


def claim_candidates(text: str, visible: QuerySet, limit: int) -> list[tuple[int, str]]:
    """(id, statement) of claims whose statement shares trigrams or words with `text`."""
    visible_sql, visible_params = visible.values("pk").query.sql_with_params()
    words = " or ".join(_words(text))
    sql = f"""
        (SELECT id, statement FROM claims_claim
         WHERE statement %% %s AND id IN ({visible_sql})
         ORDER BY similarity(statement, %s) DESC, id LIMIT %s)
        UNION
        (SELECT id, statement FROM claims_claim
         WHERE search_vector @@ websearch_to_tsquery('{CONFIG}', %s) AND id IN ({visible_sql})
         ORDER BY {RANK.format(vector="search_vector")} DESC, id LIMIT %s)
    """
    params = [text, *visible_params, text, limit, words, *visible_params, words, limit]
    with transaction.atomic(), connection.cursor() as cursor:
        # set_config(..., true) lasts until the end of this transaction only.
        cursor.execute(
            "SELECT set_config('pg_trgm.similarity_threshold', %s, true)", [TRIGRAM_THRESHOLD]
        )
        cursor.execute(sql, params)
        return cursor.fetchall()


def speaker_candidates(name: str, limit: int) -> list[tuple[int, str]]:
    """(speaker id, name or alias) pairs whose name is similar to `name`, typos and all."""
    sql = """
        (SELECT id, name FROM speakers_speaker WHERE name %% %s
         ORDER BY similarity(name, %s) DESC, id LIMIT %s)
        UNION
        (SELECT speaker_id, name FROM speakers_speakeralias WHERE name %% %s
         ORDER BY similarity(name, %s) DESC, id LIMIT %s)
    """
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SELECT set_config('pg_trgm.similarity_threshold', '0.3', true)")
        cursor.execute(sql, [name, name, limit, name, name, limit])
        return cursor.fetchall()


def _words(text: str) -> list[str]:
    import re

    return list(dict.fromkeys(re.findall(r"\w+", text.lower())))
