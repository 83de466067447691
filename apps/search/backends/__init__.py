"""The database-specific half of search. `get_backend()` picks the one for the connection;
each meets the contract in apps/search/backends/base.py."""

from django.db import connection

from apps.search.backends.base import SearchBackend


def get_backend() -> SearchBackend:
    from apps.search.backends import postgresql, sqlite

    if connection.vendor == "postgresql":
        return postgresql
    if connection.vendor == "sqlite":
        return sqlite
    raise NotImplementedError(f"Search supports PostgreSQL and SQLite, not {connection.vendor}.")
