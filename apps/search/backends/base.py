"""The contract both search backends meet (apps/search/backends/postgresql.py, sqlite.py).

A backend is a module; `get_backend()` returns the one for the connection's database, and
apps.search.selectors is written against this protocol only, so that search() and
text_match() behave the same on both databases: the same query syntax (apps/search/query.py),
the same visibility (the caller's `visible` queryset, never the backend's), the same caps.
What may differ is said below: how matches are found and scored, and what is capped.
"""

from contextlib import AbstractContextManager
from typing import Any, Protocol

from django.db.models import Q, QuerySet
from django.db.models.expressions import RawSQL

from apps.search.highlight import Markers
from apps.search.kinds import SearchKind


class SearchBackend(Protocol):
    def searching(self, query: str, *, thin: bool = True) -> AbstractContextManager[Any]:
        """Around the search of every kind for `query`: yield `how`, an opaque value to pass
        to each matching() call inside the block, after setting what the database needs
        for the whole search. `thin` False (a filter narrows the matches) forbids any
        shortcut that would count a subset of a kind's matches as all of them."""
        ...

    def matching(
        self,
        kind: SearchKind,
        query: str,
        visible: QuerySet,
        fields: tuple[str, ...],
        cap: int,
        how: Any,
        key: tuple | None = None,
    ) -> AbstractContextManager[tuple[tuple[str, list] | None, bool]]:
        """Yield ((SQL, params), complete) for apps.search.summary: the SQL selects
        (pk, score, n, *fields) of at most cap + 1 rows of `visible` matching `query`, n
        numbering them from 1 in the order that decides which `cap` of them count (best
        first on SQLite, as found on PostgreSQL); score may be NULL
        for a row counted but never shown. `complete` is False when some candidates were
        not looked at (the caller then marks the results capped). (None, True) when the
        query has nothing to search for. Run the SQL inside the block. `key`, when given,
        names `visible`'s rows rule (the same key, the same rule): a backend may keep what
        it compiled from `visible` under it."""
        ...

    def run(self, how: Any, sql: str, params: list, *, last: bool) -> list[tuple]:
        """The rows of one of the search's statements (apps.search.summary's), run inside
        searching() with what it yielded: a backend may send what it set for the search
        with it. `last` when no other statement will be run() inside the block."""
        ...

    def match_condition(self, kind: SearchKind, query: str) -> Q | RawSQL:
        """A condition on `kind`'s table (for `.filter()`): its indexed text matches `query`,
        by the same rules as matching(), unranked and uncapped. Runs no query itself."""
        ...

    def matching_sql(self, kind: SearchKind, query: str, column: str) -> tuple[str, list] | None:
        """(SQL, params) selecting `column` of `kind`'s rows matching `query`, to use as a
        subquery; None when the query has nothing to search for."""
        ...

    def snippet_sql(
        self, kind: SearchKind, query: str, markers: Markers
    ) -> tuple[str, list] | None:
        """(SQL, params) of an expression on a row of `kind`'s table, its columns named with
        the table (for `.annotate()`): the row's snippet, its `snippet_columns` shortened
        with the query's matches between `markers` (plain text: the caller escapes it and
        turns the markers into <mark>), NULL for a row the query does not match. None when
        the query has nothing to search for. Runs no query itself."""
        ...

    def speaker_candidates(self, name: str, limit: int) -> list[tuple[int, str]]:
        """(speaker id, name or alias) pairs that may be `name` with typos, unscored (the
        caller scores them with rapidfuzz), whatever the speakers' status; at most a few
        times `limit`, or every one where the database has no index to narrow them."""
        ...
