"""Statements prepared by PostgreSQL: parsed and planned once per connection, not on
every request.

A hot page's fixed reads are compiled into SQL once per process (apps/core/compiled.py,
apps/api/serializers/rows.py); PostgreSQL still parsed and planned each of them again on
every request, since Django's psycopg cursors bind the parameters on the client (each
statement's text differs with its ids) and Django turns psycopg's preparation off
(`prepare_threshold` None). That planning was the server's share of a claim read in the
API (bench/README.md, "Render cost").

`prepare_on_server(connection, cursor)` makes Django's `cursor` (its wrappers, which log
and count statements, kept) run its next statements as prepared statements, their
parameters bound by the server. The connection's threshold is set beyond reach, so that
psycopg still prepares nothing of its own accord, and this cursor asks for preparation.
psycopg names, keeps (its `prepared_max` latest) and forgets (on a rollback) the prepared
statements of its connection.

Only a statement whose best plan is the same whatever its values may be prepared: after
five runs PostgreSQL may keep a generic plan, made for no value in particular. A look-up
by primary key or unique slug, or of the rows related to given ids, is such a statement. A
statement filtered by a skewed column and cut by LIMIT is not: a speaker's latest quotes
(a prolific speaker's are best read down the date index, a rare one's through the speaker
index) ran into the statement timeout at a million quotes once a generic plan was kept
(bench/README.md, "Render cost"). Those are compiled once but not prepared (`prepare=False`
where they are read), so that each run is planned for its own values.
"""

from contextlib import ExitStack

# Off: every statement parsed and planned each time, as the ORM's (bench/profile_render.py
# `--without prepare` measures the difference).
ENABLED = True

_preparing = []


def sent_together(connection) -> bool:
    """Whether `fetched_together` sends its statements in one round trip: on PostgreSQL,
    when statements are prepared (ENABLED, read when asked: the benchmark's `--without
    prepare` turns it off)."""
    return connection.vendor == "postgresql" and ENABLED


def fetched_together(connection, statements: list[tuple[str, list, bool]]) -> list[list]:
    """The rows of each `(sql, params, prepare)` statement, in order, sent in one psycopg
    pipeline: no answer is awaited between them, so the worker and PostgreSQL each wake
    once for them all, not once a statement (`sent_together(connection)` must hold). Each
    statement goes by a cursor of Django's, so it is logged and counted as one; a failing
    one raises Django's error, as alone."""
    with ExitStack() as stack:
        cursors = []
        for _, _, prepare in statements:
            cursor = stack.enter_context(connection.cursor())
            prepare_on_server(connection, cursor, prepare=prepare)
            cursors.append(cursor)
        with connection.wrap_database_errors, connection.connection.pipeline():
            for cursor, (sql, params, _) in zip(cursors, statements, strict=True):
                cursor.execute(sql, params)
        return [cursor.fetchall() for cursor in cursors]


def prepare_on_server(connection, cursor, *, prepare: bool = True) -> None:
    """On PostgreSQL (and when ENABLED), `cursor`'s statements are prepared; elsewhere
    nothing changes. `prepare=False`: its parameters are bound by the server but nothing is
    prepared (each statement planned for its own values, as a skewed column needs), which
    a psycopg pipeline takes where Django's own client-binding cursor would not do."""
    if connection.vendor != "postgresql" or not ENABLED:
        return
    from django.db.backends.postgresql.base import ServerBindingCursor
    from django.db.backends.postgresql.psycopg_any import register_tzloader
    from psycopg.pq import Format

    raw = connection.connection
    if raw.prepare_threshold is None:
        raw.prepare_threshold = 2**31
    preparing = (_preparing_cursor_class() if prepare else ServerBindingCursor)(raw)
    # As Django's create_cursor: the connection's time zone for timestamps.
    loader = raw.adapters.get_loader(raw.adapters.types["timestamptz"].oid, Format.TEXT)
    if connection.timezone != loader.timezone:
        register_tzloader(connection.timezone, preparing)
    cursor.cursor.close()
    cursor.cursor = preparing


def _preparing_cursor_class():
    if not _preparing:
        from django.db.backends.postgresql.base import ServerBindingCursor

        class PreparingCursor(ServerBindingCursor):
            def execute(self, query, params=None, *, prepare=None, binary=None):
                return super().execute(query, params, prepare=True, binary=binary)

        _preparing.append(PreparingCursor)
    return _preparing[0]
