"""Search on PostgreSQL: stored tsvector columns, websearch_to_tsquery, ts_rank, ts_headline,
and pg_trgm for speaker candidates. The columns and indexes come from the migration
apps/search/migrations/0001_postgresql_search.py. (Claim candidates, which read the same
columns, are the claims app's: apps/claims/matching/postgresql.py.)"""

from contextlib import contextmanager, nullcontext, suppress
from itertools import pairwise

import psycopg
from django.db import DatabaseError, connection, transaction
from django.db.models import BooleanField, FloatField, QuerySet
from django.db.models.expressions import RawSQL

from apps.core.prepared import prepare_on_server
from apps.search.highlight import Markers
from apps.search.kinds import SearchKind
from apps.search.query import Term, parse

CONFIG = "english"
HEADLINE_OPTIONS = 'MaxWords=30, MinWords=12, MaxFragments=2, FragmentDelimiter=" … "'

# Sources' vectors are large and stored out of line (TOAST): scoring one costs tens of
# microseconds, so of a source's matches only this many are scored (the first found);
# the rest still count. Claims, quotes and speakers score every match up to the cap.
# Sources rank below claims and quotes for the same words (their text is long), so a
# page seldom shows more than a few: 100 scored serve it, for 2-4 ms less than 200.
SCORED = {"source": 100}


@contextmanager
def searching(query: str, *, thin: bool = True):
    """Yield how to find `query` (see _how_to_find; pass it to matching() and run()), with
    the settings for finding every kind's matches: for one word (or a phrase that
    PostgreSQL reads as one, "a back of"), through the GIN index with a bounded bitmap (see
    _index_scans). Claims and quotes holding a word that 1-2% of them hold were found
    through a bitmap of all of them (15,000 rows for "million": 2-4 ms of a claims query's
    8-13) before the first of the cap + 1 came back (the benchmark's twenty common words,
    claims and quotes: 26.5 ms a word without, 19.8 with, alternating under the same load).
    Any other query changes nothing here (sources set their own, see matching()).

    The settings travel with the search's own statements (see _OneWordSettings): set in
    the first one run(), put back in the one run() says is the last, or on leaving the
    block when none was.

    Not when the caller says not `thin`, as it does when a filter narrows the matches (a
    year, a speaker, a topic, a rating): the index's subset of a common word's matches,
    narrowed again by the filter, would be counted as all of them (at a million quotes,
    91 quotes of 2012 holding "one" of 870, not marked capped)."""
    fuzzy, words = _how_to_find(query)
    if not (fuzzy and thin):
        yield _How(False, words)
        return
    settings = _OneWordSettings()
    try:
        yield _How(True, None, settings)
    except BaseException:
        # In a failed transaction this cannot run, nor is it needed: the rollback undoes
        # the settings.
        with suppress(DatabaseError):
            settings.put_back()
        raise
    settings.put_back()


class _How:
    """How to find a query (what searching() yields): whether the index may thin one word's
    matches, the words to narrow a source's candidates by, and the one-word settings that
    the search's statements carry (None: nothing to set)."""

    def __init__(self, fuzzy: bool, words: str | None, settings=None):
        self.fuzzy = fuzzy
        self.words = words
        self.settings = settings


def run(how: _How, sql: str, params: list, *, last: bool) -> list[tuple]:
    """The rows of one of the search's statements (apps.search.summary's), run inside
    searching() with what it yielded; `last` when no other will be run inside it."""
    if how.settings is not None:
        return how.settings.run(sql, params, last=last)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


# A one-word search's settings (see _index_scans), as statements that go before and after
# the search's own in the same round trip (one psycopg pipeline: no answer is awaited
# between them) and in one implicit transaction, so that a failing statement takes the
# settings back with it. The values found are kept in the session's own placeholders for
# putting them back.
#
# The search's statement is prepared by the server (apps/core/prepared.py) and run with the
# plan made once for any word (plan_cache_mode): planning it was 0.7 ms of PostgreSQL's
# 1.2 ms for a rare word at a million quotes, and the plan is the same for every word, as
# enable_seqscan = off leaves the planner the GIN index alone to find the matches by
# (bench/README.md, round 15).
_SET = (
    "SELECT set_config('factbase.enable_seqscan', current_setting('enable_seqscan'), false),"
    " set_config('factbase.gin_fuzzy_search_limit',"
    " current_setting('gin_fuzzy_search_limit'), false),"
    " set_config('factbase.plan_cache_mode', current_setting('plan_cache_mode'), false),"
    " set_config('enable_seqscan', 'off', false),"
    " set_config('gin_fuzzy_search_limit', %s, false),"
    " set_config('plan_cache_mode', 'force_generic_plan', false)"
)
_PUT_BACK = (
    "SELECT set_config('enable_seqscan', current_setting('factbase.enable_seqscan'), false),"
    " set_config('gin_fuzzy_search_limit',"
    " current_setting('factbase.gin_fuzzy_search_limit'), false),"
    " set_config('plan_cache_mode', current_setting('factbase.plan_cache_mode'), false)"
)


class _OneWordSettings:
    """_index_scans(fuzzy=True) for the statements run() runs: set with the first, put back
    with the last, in their round trip (two fewer than a statement each: 0.25 ms of CPU and
    a wake-up of each process a search). The settings' statements go by psycopg's own
    cursor, so Django counts and logs the search's statements only."""

    def __init__(self):
        self.set = False

    def run(self, sql: str, params: list, *, last: bool) -> list[tuple]:
        with connection.cursor() as cursor:
            prepare_on_server(connection, cursor)
            raw = connection.connection
            # psycopg's own cursor binds on the server, so its statements may be prepared.
            with (
                psycopg.Cursor(raw) as settings,
                connection.wrap_database_errors,
                raw.pipeline(),
            ):
                if not self.set:
                    settings.execute(_SET, [str(GIN_FUZZY_LIMIT)], prepare=True)
                cursor.execute(sql, params)
                if last:
                    settings.execute(_PUT_BACK, prepare=True)
            rows = cursor.fetchall()
        self.set = not last
        return rows

    def put_back(self) -> None:
        if self.set:
            self.set = False
            with connection.cursor() as cursor:
                cursor.execute(_PUT_BACK)


@contextmanager
def matching(
    kind: SearchKind,
    query: str,
    visible: QuerySet,
    fields: tuple[str, ...],
    cap: int,
    how: _How,
    key: tuple | None = None,
):
    """Yield (SQL, params) selecting (pk, score, n, *fields) of up to cap + 1 visible rows of
    `kind` matching `query`, for apps.search.summary, and whether every candidate was
    looked at (see CHECKED below; else the rows are some). Call it inside searching(),
    with what that yields (`how`), and run the SQL inside the block: for sources it needs
    the block's settings (see _index_scans).

    The rows are the first found (for one word, of the index's random subset: see
    searching()), in no particular order, numbered (n) in the order found: with LIMIT and
    no ORDER BY the scan stops after cap + 1 rows, so the cost of a common word is bounded.
    A source is scored only if among the first SCORED found (score NULL: counted, never
    shown). Sources may take a few queries more (see _index_scans, CHECKED).

    `key`, when given, names `visible`'s rows for the caller (the same key, the same rows
    rule): the SQL of a kind scored whole is then compiled once per key and process, the
    query put in as a parameter (see _compiled).
    """
    table = kind.table
    scored = SCORED.get(kind.name, cap + 1)
    if scored > cap:
        sql, params = _compiled(
            (key, kind.name, fields, cap, connection.alias),
            lambda text: _scored_whole(kind, text, visible, fields, cap),
            query,
        )
        yield (sql, params), True
        return
    matches = _matches(kind, visible, query)
    fuzzy, words = how.fuzzy, how.words
    complete = True
    # One word: searching() has set the index scans for every kind already.
    with nullcontext() if fuzzy else _index_scans(fuzzy=False):
        if kind.name in CHECKED and words is not None:
            candidates = _candidates(kind, words, CHECKED[kind.name] + 1)
            complete = len(candidates) <= CHECKED[kind.name]
            matches = matches.filter(
                RawSQL(
                    f'"{table}"."id" = ANY(%s)',
                    [candidates[: CHECKED[kind.name]]],
                    output_field=BooleanField(),
                )
            )
        sql, params = matches.values_list("pk", *fields)[: cap + 1].query.sql_with_params()
        picked = "".join(f', numbered."{field}"' for field in fields)
        # A subquery per scored row: its vector is read (from TOAST) only for those.
        score = (
            "CASE WHEN numbered.n <= %s THEN (SELECT ts_rank(scored.search_vector, "
            f"websearch_to_tsquery(%s::regconfig, %s), 1) FROM {table} AS scored "
            'WHERE scored.id = numbered."pk") END'
        )
        yield (
            (
                f'SELECT numbered."pk", {score}, numbered.n{picked} FROM (SELECT found.*, '
                f"row_number() OVER () AS n FROM ({sql}) AS found) AS numbered",
                [scored, CONFIG, query, *params],
            ),
            complete,
        )


def _matches(kind: SearchKind, visible: QuerySet, query: str) -> QuerySet:
    """The visible rows of `kind` whose search vector matches `query`, unordered."""
    return visible.filter(
        RawSQL(
            f'"{kind.table}"."search_vector" @@ websearch_to_tsquery(%s::regconfig, %s)',
            [CONFIG, query],
            output_field=BooleanField(),
        )
    ).order_by()


def _scored_whole(
    kind: SearchKind, query: str, visible: QuerySet, fields: tuple[str, ...], cap: int
) -> tuple[str, list]:
    """matching()'s SQL for a kind whose every match is scored (all but sources)."""
    table = kind.table
    matches = _matches(kind, visible, query)
    # ts_rank normalisation 1 divides by 1 + log(document length), so long source texts
    # do not outrank short claims just by repeating a word.
    rank = RawSQL(
        f"""ts_rank("{table}"."search_vector", websearch_to_tsquery(%s::regconfig, %s), 1)""",
        [CONFIG, query],
        output_field=FloatField(),
    )
    rows = matches.annotate(_rank=rank).values_list("pk", "_rank", *fields)[: cap + 1]
    sql, params = rows.query.sql_with_params()
    picked = "".join(f', found."{field}"' for field in fields)
    return (
        f'SELECT found."pk", found."_rank", row_number() OVER (){picked} FROM ({sql}) AS found',
        list(params),
    )


# Stands for the query while a kind's SQL is compiled for _compiled: no query can be it
# (a query is stripped of surrounding white space, and this starts with a control character).
_STAND_IN = "\x00factbase search query\x00"
_COMPILED: dict[tuple, tuple[str, list, list[int]]] = {}


def _compiled(key: tuple, build, query: str) -> tuple[str, list]:
    """build(query), whose SQL depends on `query` through its parameters only, compiled
    once per `key` (when key[0], the caller's name for the visible rows, is given) with a
    stand-in for the query: Django compiling the visible rows' filters, the match and the
    rank was a tenth of a rare word's search request (bench/README.md)."""
    if key[0] is None:
        return build(query)
    compiled = _COMPILED.get(key)
    if compiled is None:
        sql, params = build(_STAND_IN)
        slots = [index for index, value in enumerate(params) if value == _STAND_IN]
        compiled = _COMPILED[key] = (sql, params, slots)
    sql, params, slots = compiled
    params = list(params)
    for index in slots:
        params[index] = query
    return sql, params


# A phrase or an exclusion is checked against each candidate's vector (GIN finds the rows
# holding the words, not whether they stand together): for a source that means fetching
# its vector from TOAST, 25 µs a row. "in two prices" has 15,809 sources holding both
# words, 41 with them together: 396 ms (EXPLAIN ANALYZE). So of the rows holding the
# words only this many are checked; when there are more, the kind's matches are marked
# incomplete (SearchResults.capped) rather than counted.
CHECKED = {"source": 500}


def _how_to_find(query: str) -> tuple[bool, str | None]:
    """(whether the index may thin the matches, the words to narrow a source's candidates
    by or None) for a query: see _index_scans and CHECKED.

    A phrase or an exclusion may come to a single word once PostgreSQL drops its stop words
    ("a back of" is 'back'): then it needs no check, and is thinned as a word. Only for
    such queries does this ask PostgreSQL how it reads the query (one more query).
    """
    if _one_word(query):
        return True, None
    words = _words_only(query)
    if words is None:
        return False, None
    with connection.cursor() as cursor:
        cursor.execute("SELECT websearch_to_tsquery(%s::regconfig, %s)::text", [CONFIG, query])
        parsed = cursor.fetchone()[0]
    # Lexemes are quoted and hold none of these: "<->" or "<N>" is a phrase, "!" a NOT.
    if "<" in parsed or "!" in parsed:
        return False, words
    return bool(parsed) and "&" not in parsed and "|" not in parsed, None


def _words_only(query: str) -> str | None:
    """`query` without its phrases' quotes and its exclusions (words and OR, which the GIN
    index answers without reading any vector), or None when it has neither."""
    terms = parse(query)
    if not any(isinstance(t, Term) and (t.excluded or len(t.words) > 1) for t in terms):
        return None
    for before, after in pairwise(terms):
        if "OR" in (before, after) and any(
            isinstance(t, Term) and t.excluded for t in (before, after)
        ):
            return None  # "-a OR b" matches rows without a: the words are no superset
    kept: list[str] = []
    for term in terms:
        if term == "OR":
            if kept and kept[-1] != "OR":
                kept.append("OR")
        elif isinstance(term, Term) and not term.excluded:
            kept.append(" ".join(term.words))
    while kept and kept[-1] == "OR":
        kept.pop()
    return " ".join(kept)


def _candidates(kind: SearchKind, words: str, limit: int) -> list[int]:
    """The ids of up to `limit` rows holding `words` (found by the index alone)."""
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT id FROM {kind.table} "
            "WHERE search_vector @@ websearch_to_tsquery(%s::regconfig, %s) LIMIT %s",
            [CONFIG, words, limit],
        )
        return [row[0] for row in cursor.fetchall()]


def match_condition(kind: SearchKind, query: str) -> RawSQL:
    """A condition on `kind`'s table: its search_vector matches `query`. It runs inside the
    caller's query, whose planner picks between the GIN index and the caller's order."""
    return RawSQL(
        f'"{kind.table}"."search_vector" @@ websearch_to_tsquery(%s::regconfig, %s)',
        [CONFIG, query],
        output_field=BooleanField(),
    )


def matching_sql(kind: SearchKind, query: str, column: str) -> tuple[str, list]:
    """SQL selecting `column` of `kind`'s rows that match `query`, with its parameters."""
    return (
        f"SELECT {column} FROM {kind.table} "
        "WHERE search_vector @@ websearch_to_tsquery(%s::regconfig, %s)",
        [CONFIG, query],
    )


# A single word's GIN look-up stops collecting matches at about this many (a random
# subset of them; see _index_scans): ten times what matches() reads, so that a subset
# still holds cap + 1 visible rows when most rows are hidden.
GIN_FUZZY_LIMIT = 5_000


def _one_word(query: str) -> bool:
    """Whether `query` is one word to find, with no phrase, exclusion or OR."""
    terms = parse(query)
    return (
        len(terms) == 1
        and isinstance(terms[0], Term)
        and len(terms[0].words) == 1
        and not terms[0].excluded
    )


@contextmanager
def _index_scans(*, fuzzy: bool):
    """Find sources (and for one word, every kind: see searching()) through the GIN index,
    never by a sequential scan; for one word, let the index stop after about
    GIN_FUZZY_LIMIT matches (gin_fuzzy_search_limit).

    With many matches the planner expects a sequential scan to reach cap + 1 rows soonest,
    but it does not cost reading each row's vector, which for a source means fetching and
    decompressing it from TOAST: the index answers without reading any vector at all.

    A common word still makes the index build a bitmap of every source holding it before
    the first row comes back (69,639 of 100,000 for "one": 25-31 ms of the query's 40-48,
    EXPLAIN ANALYZE under load); matches() keeps only the first cap + 1 of them anyway, so
    a random subset serves as well (1-3 ms). Only for a single word: GIN thins each word's
    matches on its own, so for two common words the intersection of two subsets would
    lose most of the rows that hold both.

    Set for the session and put back (not SET LOCAL: that would last to the end of an
    enclosing transaction, such as a request's).
    """
    limit = str(GIN_FUZZY_LIMIT if fuzzy else 0)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT current_setting('enable_seqscan'), current_setting('gin_fuzzy_search_limit'),"
            " set_config('enable_seqscan', 'off', false),"
            " set_config('gin_fuzzy_search_limit', %s, false)",
            [limit],
        )
        before = cursor.fetchone()[:2]
        restore = (
            "SELECT set_config('enable_seqscan', %s, false), "
            "set_config('gin_fuzzy_search_limit', %s, false)"
        )
        try:
            yield
        except BaseException:
            # In a failed transaction this cannot run, nor is it needed: the rollback
            # undoes the setting.
            with suppress(DatabaseError):
                cursor.execute(restore, list(before))
            raise
        cursor.execute(restore, list(before))


# ts_headline parses all the text it is given: a source's few KB cost about a millisecond
# each (2 ms under load; 57-73 ms for 29 sources), so a page of sources cost more than
# finding them. It gets this many characters of a source's text, around the first place
# a query word starts, instead.
EXCERPT = 1_500
LONG_COLUMNS = {"source": "text"}


def snippet_sql(kind: SearchKind, query: str, markers: Markers) -> tuple[str, list]:
    """An SQL expression on a row of `kind`'s table (its columns named with the table, as
    the ORM names them) for its snippet, its matches between `markers`: read with the
    page's rows themselves (ts_headline re-parses the text, so only the page's)."""
    options = f'StartSel="{markers.start}", StopSel="{markers.stop}", {HEADLINE_OPTIONS}'
    parts, params = [], []
    for column in kind.snippet_columns:
        named = f'"{kind.table}"."{column}"'
        if LONG_COLUMNS.get(kind.name) == column:
            sql, excerpt_params = _excerpt(named, query)
            parts.append(f"coalesce({sql}, '')")
            params += excerpt_params
        else:
            parts.append(f"coalesce({named}, '')")
    shown = " || ' — ' || ".join(parts)
    return (
        f"ts_headline(%s::regconfig, {shown}, websearch_to_tsquery(%s::regconfig, %s), %s)",
        [CONFIG, *params, CONFIG, query, options],
    )


def _excerpt(column: str, query: str) -> tuple[str, list]:
    """SQL for EXCERPT characters of `column` starting a little before the first place
    where one of the query's words begins (found by the word's first letters, so that
    "denied" finds "denies" too), or from the start when none is found."""
    words = {
        word.lower()[: max(4, len(word) - 2)]
        for term in parse(query)
        if isinstance(term, Term) and not term.excluded
        for word in term.words
    }
    if not words:
        return f"left({column}, {EXCERPT})", []
    found = ", ".join(f"nullif(strpos(lower({column}), %s), 0)" for _ in words)
    start = f"greatest(1, coalesce(least({found}), 1) - {EXCERPT // 5})"
    return f"substr({column}, {start}, {EXCERPT})", sorted(words)


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
