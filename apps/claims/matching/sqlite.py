"""Claim candidates on SQLite: claims holding any word of the text, best ranked first, from
the FTS5 table `search_claim_fts` that apps.search keeps current (apps/search/sqlite_schema.py).
"""

import re

from django.db import connection
from django.db.models import QuerySet

_WORD = re.compile(r"\w+", re.UNICODE)


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


def any_words_fts5(text: str) -> str:
    """An FTS5 expression matching any word of `text`: candidates for claim matching."""
    words = dict.fromkeys(word.lower() for word in _WORD.findall(text))
    return " OR ".join(f'"{word}"' for word in words)
