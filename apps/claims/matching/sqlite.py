"""Claim candidates on SQLite: claims holding the text's rarest words, best ranked first,
from the FTS5 table `search_claim_fts` that apps.search keeps current
(apps/search/sqlite_schema.py).

As on PostgreSQL (apps/claims/matching/postgresql.py), a claim worth matching shares the
text's distinctive words, not just "the" or "said": matching every word of the text ranked
nearly every claim by bm25 (about 5 s a match at 200,000 claims).
"""

import re

from django.db import connection
from django.db.models.expressions import RawSQL

from apps.claims.matching.visibility import Visible

_WORD = re.compile(r"\w+", re.UNICODE)

# Candidates hold one of at most this many of the text's rarest words (PostgreSQL keeps 4;
# on SQLite 8 did best on the tuned part of the paraphrase set: a paraphrase often changes
# a rare word or two, and bm25 still ranks the claims holding the most of them first)…
RARE_WORDS = 8
# …and more words are added only while the claims holding them stay about this few: bm25
# then ranks about this many claims, not the whole table (its cost grows with them; on the
# tuned paraphrases 500 to 5,000 score the same).
RARE_ENOUGH = 1_000
# The words counted: a statement is a TextField, and each counted word is one column of
# one query (SQLite allows 2,000). The first words of a very long text are enough to find
# its candidates.
COUNTED_WORDS = 200


def claim_candidates(text: str, visible: Visible, limit: int) -> list[tuple[int, str]]:
    """(id, statement) of claims of `visible` holding any of the text's rarest words
    (`rarest_words`: one query), best ranked by bm25 first (a second query)."""
    words = rarest_words(text)
    if not words:
        return []
    expression = " OR ".join(_phrase(word) for word in words)
    # Only the visible claims among those matching: `id IN (visible)` alone made SQLite
    # list every visible claim first (2.4 s of the 5 s a match took at 200,000 claims).
    matching = RawSQL(
        "SELECT rowid FROM search_claim_fts WHERE search_claim_fts MATCH %s", [expression]
    )
    visible_sql, visible_params = (
        visible.claims().filter(pk__in=matching).order_by().values("pk").query.sql_with_params()
    )
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


def rarest_words(text: str) -> list[str]:
    """The words of `text` that candidates must hold one of: the rarest first, at most
    RARE_WORDS, added while the claims holding them stay about RARE_ENOUGH (the rarest is
    always kept). A word no claim holds is left out: it finds nothing, and would take the
    place of one that does.

    How many claims hold each word is counted in the full-text index (one query), up to
    RARE_ENOUGH + 1 each: exact for the rare words, bounded for "the". FTS5 tokenizes and
    stems the word as it indexed the claims, so "exports" counts the claims holding
    "export". (An fts5vocab table holds the same counts, but by stem, and it counts a
    common word by reading its whole posting list.)
    """
    words = list(dict.fromkeys(word.lower() for word in _WORD.findall(text)))[:COUNTED_WORDS]
    if not words:
        return []
    count = (
        "(SELECT count(*) FROM (SELECT 1 FROM search_claim_fts "
        "WHERE search_claim_fts MATCH %s LIMIT %s))"
    )
    params = []
    for word in words:
        params += [_phrase(word), RARE_ENOUGH + 1]
    with connection.cursor() as cursor:
        cursor.execute("SELECT " + ", ".join([count] * len(words)), params)
        claims = cursor.fetchone()
    held = sorted(
        ((n, -len(word), word) for n, word in zip(claims, words, strict=True) if n),
    )
    chosen, expected = [], 0
    for n, _, word in held[:RARE_WORDS]:
        if chosen and expected + n > RARE_ENOUGH:
            break
        chosen.append(word)
        expected += n
    return chosen


def _phrase(word: str) -> str:
    # A word of \w characters, quoted: FTS5 reads it as a string, never as an operator
    # (AND, OR, NOT, NEAR) or a column name.
    return f'"{word}"'
