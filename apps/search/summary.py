"""A kind's matches summed up by the database, in one statement on both databases.

search() needs, of each kind's up to MATCH_CAP matches, only the best few (for the page),
how many there are, and the facet counts with their labels. Fetching every match to count
it in Python cost more than counting it: a common word brought 1,500 rows, a Counter per
facet and a query for the labels of every speaker and topic among them. Here the database
counts and labels them and only the counts come back: at a million quotes, a common-word
search took 12.9 ms of this process's CPU instead of 20.9 (its database work grew by
about 2 ms).

The backend gives the matches as SQL (its `matching()`); this wraps it in the statement
that sums them up, in SQL that PostgreSQL and SQLite both read.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.db import connection
from django.db.models import F, Model, QuerySet

from apps.search.kinds import SearchKind


@dataclass(frozen=True)
class Facet:
    """How a kind's matches count for one facet: by a column of theirs (`column`), or by
    their topics (no column: through the kind's topics table, once for each topic). A
    facet with a `model` is labelled with its rows' slug and `label` field; one without
    (the year) shows the value itself."""

    name: str
    column: str = ""
    model: type[Model] | None = None
    label: str = ""


@dataclass(frozen=True)
class Summary:
    # (pk, score) of the best `best` scored matches, best first (ties by pk).
    hits: list[tuple[int, float]]
    # The matches counted, at most `cap`; `capped` when there were more.
    total: int
    capped: bool
    # (facet, value, label, count); a value whose label its queryset hides is left out.
    facets: list[tuple[str, str, str, int]]


EMPTY = Summary(hits=[], total=0, capped=False, facets=[])
SEPARATOR = "\x1f"  # between a facet value's slug and its label in the summary's rows


def summarize(
    kind: SearchKind,
    matches: tuple[str, list] | None,
    facets: tuple[Facet, ...],
    *,
    cap: int,
    best: int,
    labels: Callable[[Facet], tuple[str, tuple]],
    run: Callable[[str, list], list[tuple]] | None = None,
) -> Summary:
    """Sum up `matches`, SQL selecting (pk, score, n, *the facets' columns) of up to
    cap + 1 matches, where n numbers them 1, 2, … in the order that decides which `cap`
    of them count, and a score may be NULL (counted, never shown). `labels(facet)`
    gives SQL for the rows the facet's values are labelled from, the visible ones only
    (see label_sql). One query, run by `run(sql, params)` when given (the backend's, which
    may send its settings with it); none without matches SQL (nothing to search for)."""
    if matches is None:
        return EMPTY
    matches_sql, params = matches
    columns = ", ".join(["pk", "score", "n", *(f'"{f.column}"' for f in facets if f.column)])
    parts = [
        "SELECT * FROM (SELECT 'hit' AS part, pk AS facet_value, score, "
        "CAST(NULL AS text) AS slug, CAST(NULL AS text) AS label, "
        "CAST(NULL AS bigint) AS facet_count FROM counted WHERE score IS NOT NULL "
        "ORDER BY score DESC, pk LIMIT %s) AS best",
        "SELECT 'total', NULL, NULL, NULL, NULL, count(*) FROM matched",
    ]
    params = [*params, cap, best]
    for facet in facets:
        sql, facet_params = _facet_sql(kind, facet, labels)
        parts.append(sql)
        params += facet_params
    sql = (
        f"WITH matched({columns}) AS MATERIALIZED ({matches_sql}), "
        "counted AS MATERIALIZED (SELECT * FROM matched WHERE n <= %s) " + " UNION ALL ".join(parts)
    )
    if run is not None:
        rows = run(sql, params)
    else:
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            rows = cursor.fetchall()
    hits, total, counted = [], 0, []
    for part, value, score, slug, label, count in rows:
        if part == "hit":
            hits.append((value, score))
        elif part == "total":
            total = count
        elif part == "year":
            if value:
                counted.append((part, str(value), str(value), count))
        elif slug is not None:
            value, label = slug.split(SEPARATOR, 1)
            counted.append((part, value, label, count))
    # A UNION ALL need not keep the order of one of its parts.
    hits.sort(key=lambda hit: (-hit[1], hit[0]))
    return Summary(hits=hits, total=min(total, cap), capped=total > cap, facets=counted)


def label_sql(facet: Facet, rows: QuerySet) -> tuple[str, tuple]:
    """SQL selecting (_key, _slug, _label) of these rows of the facet's model, for the
    `labels` argument of summarize()."""
    return (
        rows.values(_key=F("pk"), _slug=F("slug"), _label=F(facet.label))
        .order_by()
        .query.sql_with_params()
    )


def _facet_sql(
    kind: SearchKind, facet: Facet, labels: Callable[[Facet], tuple[str, tuple]]
) -> tuple[str, list]:
    """SQL for one facet's rows of the summary, with its parameters."""
    if not facet.column:
        through = kind.model.topics.through._meta.db_table
        owner = f"{kind.model._meta.model_name}_id"
        grouped = (
            "SELECT t.topic_id AS facet_key, count(*) AS facet_count FROM counted "
            f"JOIN {through} AS t ON t.{owner} = counted.pk GROUP BY t.topic_id"
        )
    else:
        column = f'"{facet.column}"'
        grouped = (
            f"SELECT {column} AS facet_key, count(*) AS facet_count FROM counted "
            f"WHERE {column} IS NOT NULL GROUP BY {column}"
        )
    if facet.model is None:
        return (
            f"SELECT '{facet.name}', CAST(g.facet_key AS bigint), NULL, NULL, NULL, "
            f"g.facet_count FROM ({grouped}) AS g",
            [],
        )
    label_sql, label_params = labels(facet)
    # A subquery per value rather than a join: PostgreSQL would hash the whole speakers
    # table for a join (2.6 ms of 10,000 rows) where a look-up per value takes microseconds.
    # One look-up gives both slug and label: a slug holds no SEPARATOR.
    labelled = (
        f"(SELECT l._slug || %s || l._label FROM ({label_sql}) AS l WHERE l._key = g.facet_key)"
    )
    return (
        f"SELECT '{facet.name}', g.facet_key, NULL, {labelled}, NULL, g.facet_count "
        f"FROM ({grouped}) AS g",
        [SEPARATOR, *label_params],
    )
