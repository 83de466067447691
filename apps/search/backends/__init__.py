"""The database-specific half of search. `get_backend()` picks the one for the connection."""

from dataclasses import dataclass

from django.db import connection


@dataclass(frozen=True)
class RankedRow:
    pk: int
    score: float
    # Text with matched terms between \x02 and \x03; turned into safe HTML by highlight.py.
    snippet: str


def get_backend():
    from apps.search.backends import postgresql, sqlite

    if connection.vendor == "postgresql":
        return postgresql
    if connection.vendor == "sqlite":
        return sqlite
    raise NotImplementedError(f"Search supports PostgreSQL and SQLite, not {connection.vendor}.")
