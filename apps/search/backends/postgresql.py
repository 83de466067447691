"""Search on PostgreSQL: stored tsvector columns, websearch_to_tsquery, ts_rank, ts_headline,
and pg_trgm for claim and speaker candidates. The columns and indexes come from the
migration apps/search/migrations/0001_postgresql_search.py."""

import time
from contextlib import contextmanager, suppress

from django.db import DatabaseError, connection, transaction
from django.db.models import BooleanField, FloatField, QuerySet
from django.db.models.expressions import RawSQL

from apps.search.kinds import SearchKind

CONFIG = "english"
HEADLINE_OPTIONS = (
    'StartSel="\x02", StopSel="\x03", MaxWords=30, MinWords=12, '
    'MaxFragments=2, FragmentDelimiter=" … "'
)

# Sources' vectors are large and stored out of line (TOAST): scoring one costs tens of
# microseconds, so of a source's matches only this many are scored (the first found);
# the rest still count. Claims, quotes and speakers score every match up to the cap.
SCORED = {"source": 200}


def matches(
    kind: SearchKind, query: str, visible: QuerySet, fields: tuple[str, ...], cap: int
) -> list[tuple]:
    """(pk, score, *fields) of up to cap + 1 visible rows of `kind` matching `query`.

    The rows are the first found, in no particular order: with LIMIT and no ORDER BY the
    scan stops after cap + 1 rows, so the cost of a common word is bounded. One query,
    but for sources: their matches first (through the index), then the scores of the
    first SCORED of them; a row beyond SCORED has score None (counted, never shown).
    """
    table = kind.table
    matching = visible.filter(
        RawSQL(
            f'"{table}"."search_vector" @@ websearch_to_tsquery(%s::regconfig, %s)',
            [CONFIG, query],
            output_field=BooleanField(),
        )
    ).order_by()
    scored = SCORED.get(kind.name, cap + 1)
    # ts_rank normalisation 1 divides by 1 + log(document length), so long source texts
    # do not outrank short claims just by repeating a word.
    rank = RawSQL(
        f"""ts_rank("{table}"."search_vector", websearch_to_tsquery(%s::regconfig, %s), 1)""",
        [CONFIG, query],
        output_field=FloatField(),
    )
    if scored > cap:
        return list(matching.annotate(_rank=rank).values_list("pk", "_rank", *fields)[: cap + 1])
    with _index_scans():
        rows = list(matching.values_list("pk", *fields)[: cap + 1])
    if not rows:
        return []
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT id, ts_rank(search_vector, websearch_to_tsquery(%s::regconfig, %s), 1) "
            f"FROM {table} WHERE id = ANY(%s)",
            [CONFIG, query, [row[0] for row in rows[:scored]]],
        )
        scores = dict(cursor.fetchall())
    return [(row[0], scores.get(row[0]), *row[1:]) for row in rows]


@contextmanager
def _index_scans():
    """Find sources through the GIN index, never by a sequential scan.

    With many matches the planner expects a sequential scan to reach cap + 1 rows soonest,
    but it does not cost reading each row's vector, which for a source means fetching and
    decompressing it from TOAST: the index answers without reading any vector at all.
    Set for the session and put back (not SET LOCAL: that would last to the end of an
    enclosing transaction, such as a request's).
    """
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT current_setting('enable_seqscan'), set_config('enable_seqscan', 'off', false)"
        )
        before = cursor.fetchone()[0]
        restore = "SELECT set_config('enable_seqscan', %s, false)"
        try:
            yield
        except BaseException:
            # In a failed transaction this cannot run, nor is it needed: the rollback
            # undoes the setting.
            with suppress(DatabaseError):
                cursor.execute(restore, [before])
            raise
        cursor.execute(restore, [before])


def snippets(kind: SearchKind, query: str, pks: list[int]) -> dict[int, str]:
    """The highlighted snippet of each of these rows (only the page's: ts_headline re-parses
    the whole text, which for a long source costs more than finding it)."""
    shown = " || ' — ' || ".join(f"coalesce({column}, '')" for column in kind.snippet_columns)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT id, ts_headline(%s::regconfig, {shown}, "
            f"websearch_to_tsquery(%s::regconfig, %s), %s) FROM {kind.table} WHERE id = ANY(%s)",
            [CONFIG, CONFIG, query, HEADLINE_OPTIONS, pks],
        )
        return dict(cursor.fetchall())


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
STATISTICS_TTL = 600.0
_statistics: dict[str, tuple[float, object]] = {}


def claim_candidates(text: str, visible: QuerySet, limit: int) -> list[tuple[int, str]]:
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


def _trigram_candidates(text: str, visible: QuerySet, limit: int) -> list[tuple[int, str]]:
    statement = '"claims_claim"."statement"'
    with transaction.atomic(), connection.cursor() as cursor:
        # set_config(..., true) lasts until the end of this transaction only.
        cursor.execute(
            "SELECT set_config('pg_trgm.similarity_threshold', %s, true)",
            [NEAR_DUPLICATE_TRIGRAMS],
        )
        return list(
            visible.filter(RawSQL(f"{statement} %% %s", [text], output_field=BooleanField()))
            .annotate(
                _similarity=RawSQL(
                    f"similarity({statement}, %s)", [text], output_field=FloatField()
                )
            )
            .order_by("-_similarity", "pk")
            .values_list("pk", "statement")[:limit]
        )


def _rare_word_candidates(text: str, visible: QuerySet, limit: int) -> list[tuple[int, str]]:
    """Claims sharing one of the text's rarest words, most of them first.

    A claim worth matching shares the text's distinctive words, not just "said" or
    "people"; the GIN index finds the few claims holding a rare word at once. How rare a
    word is comes from the planner's statistics (pg_stats.most_common_elems): a word not
    among the most common is rare. Words are added rarest first while the claims holding
    them stay about RARE_ENOUGH.
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
    tsquery = " | ".join("'" + lexeme.replace("'", "''") + "'" for lexeme in chosen)
    condition = '"claims_claim"."search_vector" @@ to_tsquery(\'simple\', %s)'
    rank = 'ts_rank("claims_claim"."search_vector", to_tsquery(\'simple\', %s))'
    return list(
        visible.filter(RawSQL(condition, [tsquery], output_field=BooleanField()))
        .annotate(_rank=RawSQL(rank, [tsquery], output_field=FloatField()))
        .order_by("-_rank", "pk")
        .values_list("pk", "statement")[:limit]
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
    key = f"{connection.alias}:{connection.settings_dict['NAME']}:{name}"
    now = time.monotonic()
    if key not in _statistics or now - _statistics[key][0] > STATISTICS_TTL:
        _statistics[key] = (now, read())
    return _statistics[key][1]


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


def one_of(column: str, pks: list[int]) -> RawSQL:
    """`column` is one of `pks`: a single array parameter, however many there are (an IN
    list of a thousand parameters costs more to build and send than to run)."""
    return RawSQL(f"{column} = ANY(%s)", [list(pks)], output_field=BooleanField())
