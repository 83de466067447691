"""The database-specific half of search. `get_backend()` picks the one for the connection."""

from django.db import connection


def get_backend():
    from apps.search.backends import postgresql, sqlite

    if connection.vendor == "postgresql":
        return postgresql
    if connection.vendor == "sqlite":
        return sqlite
    raise NotImplementedError(f"Search supports PostgreSQL and SQLite, not {connection.vendor}.")
