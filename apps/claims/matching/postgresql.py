"""Claim candidates on PostgreSQL: claims sharing the text's rarest words (the full-text
index), and near-duplicates by trigrams (pg_trgm) while the table is small.

The `search_vector` column and its GIN index, and the trigram index on the statement, are
created by apps.search's migrations (apps/search/migrations/0001_postgresql_search.py).
"""

import threading
import time
from itertools import combinations

from django.db import connection, transaction
from django.db.models import BooleanField, FloatField
from django.db.models.expressions import RawSQL

from apps.claims.matching.visibility import Visible
from apps.core import compiled

# The text search configuration the claims' `search_vector` is built with (apps.search's
# migration): the text's words must become the same lexemes.
CONFIG = "english"

# Claim-matching candidates share one of at most this many of the text's rarest words…
RARE_WORDS = 4
# …and more words are added only while the claims holding them stay about this few.
RARE_ENOUGH = 5_000
# Below this many claims, near-duplicates by trigram similarity (typos and all) are
# candidates too. A trigram index scan reads the posting list of every trigram of the
# text, and a sentence's common trigrams each point at a large share of all claims: the
# cost grows with the table (measured: about 45 ms at 2,000 claims, 200 ms at 200,000).
TRIGRAM_CLAIMS = 1_000
NEAR_DUPLICATE_TRIGRAMS = "0.5"
# Table statistics are read at most this often (seconds) per process.
STATISTICS_TTL = 600


class _Statistics:
    """Table statistics per database, each kept STATISTICS_TTL seconds in this process's
    memory as the value itself. Not a Django cache: LocMemCache pickles what it keeps, and
    unpickling the common lexemes (a dict of a thousand words) on every match was about
    1 ms of CPU, a twentieth of a claim page (bench/README.md, "Render cost")."""

    def __init__(self):
        self._kept: dict[str, tuple[float, object]] = {}
        self._lock = threading.Lock()

    def get(self, key: str, read):
        kept = self._kept.get(key)
        if kept is not None and time.monotonic() < kept[0]:
            return kept[1]
        value = read()
        with self._lock:
            self._kept[key] = (time.monotonic() + STATISTICS_TTL, value)
        return value

    def clear(self) -> None:
        with self._lock:
            self._kept.clear()


_statistics = _Statistics()


def claim_candidates(text: str, visible: Visible, limit: int) -> list[tuple[int, str]]:
    """(id, statement) of claims sharing the text's rarest words (through the full-text
    index), and, while there are fewer than TRIGRAM_CLAIMS claims, of claims whose
    statement is a near-duplicate of the text by trigrams."""
    candidates = _rare_word_candidates(text, visible, limit)
    if _claim_count() < TRIGRAM_CLAIMS:
        seen = {pk for pk, _ in candidates}
        candidates += [
            row for row in _trigram_candidates(text, visible, limit) if row[0] not in seen
        ]
    return candidates


def _trigram_candidates(text: str, visible: Visible, limit: int) -> list[tuple[int, str]]:
    statement = '"claims_claim"."statement"'
    with transaction.atomic(), connection.cursor() as cursor:
        # set_config(..., true) lasts until the end of this transaction only.
        cursor.execute(
            "SELECT set_config('pg_trgm.similarity_threshold', %s, true)",
            [NEAR_DUPLICATE_TRIGRAMS],
        )
        return list(
            visible.claims()
            .filter(RawSQL(f"{statement} %% %s", [text], output_field=BooleanField()))
            .annotate(
                _similarity=RawSQL(
                    f"similarity({statement}, %s)", [text], output_field=FloatField()
                )
            )
            .order_by("-_similarity", "pk")
            .values_list("pk", "statement")[:limit]
        )


def _rare_word_candidates(text: str, visible: Visible, limit: int) -> list[tuple[int, str]]:
    """Claims sharing the text's rarest words, those sharing the most of them first.

    A claim worth matching shares the text's distinctive words, not just "said" or
    "people"; the GIN index finds the few claims holding a rare word at once. How rare a
    word is comes from the planner's statistics (pg_stats.most_common_elems): a word not
    among the most common is rare. Words are added rarest first while the claims holding
    them stay about RARE_ENOUGH.

    The candidates come in tiers, `limit` at most of each, in one query: claims holding
    every chosen word, then any two of them (a retyped sentence may have changed one), then
    any one. Each tier is a LIMITed GIN match, in no order: ranking every claim that holds
    one of the words (ts_rank over thousands of rows, about 80 ms at 200,000 claims) to keep
    the best 50 cost more than everything else, and rapidfuzz scores the candidates anyway.
    The statement is compiled once per number of tiers, visibility and limit
    (`_tiers_statement`): building the ORM's union was a tenth of a match's CPU.
    """
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT DISTINCT lexeme FROM unnest(to_tsvector(%s::regconfig, %s))", [CONFIG, text]
        )
        lexemes = [row[0] for row in cursor.fetchall()]
    if not lexemes:
        return []
    frequency = _common_lexemes()
    claims = max(_claim_count(), 0)
    lexemes.sort(key=lambda lexeme: (frequency.get(lexeme, 0.0), -len(lexeme), lexeme))
    chosen, expected = [], 0.0
    for lexeme in lexemes[:RARE_WORDS]:
        share = frequency.get(lexeme, 0.0) * claims
        if chosen and expected + share > RARE_ENOUGH:
            break
        chosen.append(lexeme)
        expected += share
    quoted = ["'" + lexeme.replace("'", "''") + "'" for lexeme in chosen]
    tiers = [" | ".join(quoted)]
    if len(quoted) > 2:
        tiers.insert(0, " | ".join(f"({a} & {b})" for a, b in combinations(quoted, 2)))
    if len(quoted) > 1:
        tiers.insert(0, " & ".join(quoted))
    values = [value for tsquery in tiers for value in (visible.excluded, tsquery)]
    query = _tiers_statement(len(tiers), visible.public, limit)
    rows = query.rows(values) if query is not None else _tiers(visible, limit, *values)
    return list(dict.fromkeys(rows))


def _tiers(visible: Visible, limit: int, *values):
    """The union of the tiers' matches; `values` the excluded id and tsquery of each."""
    condition = '"claims_claim"."search_vector" @@ to_tsquery(\'simple\', %s)'
    querysets = [
        visible.claims(excluded)
        .filter(RawSQL(condition, [tsquery], output_field=BooleanField()))
        .order_by()
        .values_list("pk", "statement")[:limit]
        for excluded, tsquery in zip(values[::2], values[1::2], strict=True)
    ]
    return querysets[0].union(*querysets[1:], all=True) if len(querysets) > 1 else querysets[0]


def _tiers_statement(tiers: int, public: bool, limit: int):
    def build(*values):
        return _tiers(Visible(public=public), limit, *values)

    def stand_ins():
        return [
            value
            for _ in range(tiers)
            for value in (compiled.stand_in_id(), compiled.stand_in_text())
        ]

    return compiled.compiled(
        ("claim-candidates:rare-words", tiers, public, limit), build, stand_ins
    )


def _claim_count() -> int:
    """The planner's estimate of the number of claims (-1 before the first ANALYZE)."""

    def read():
        with connection.cursor() as cursor:
            cursor.execute("SELECT reltuples FROM pg_class WHERE oid = 'claims_claim'::regclass")
            return int(cursor.fetchone()[0])

    return _cached("claims", read)


def _common_lexemes() -> dict[str, float]:
    """The most common words of claims with the share of claims holding each."""

    def read():
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT most_common_elems::text::text[], most_common_elem_freqs FROM pg_stats "
                "WHERE schemaname = current_schema() AND tablename = 'claims_claim' "
                "AND attname = 'search_vector'"
            )
            row = cursor.fetchone()
        if not row or not row[0]:
            return {}
        return dict(zip(row[0], row[1], strict=False))

    return _cached("lexemes", read)


def _cached(name: str, read):
    """`read()`, kept STATISTICS_TTL seconds, per database. Callers must not change what
    it returns: every match of this process shares it."""
    return _statistics.get(f"{connection.alias}:{connection.settings_dict['NAME']}:{name}", read)
