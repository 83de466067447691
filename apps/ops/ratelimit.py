"""Rate limits counted in the database, so that every worker and every host shares them.

Why not DRF's own throttles over a Django cache: they keep each client's request times in
the cache, read the list, append and write it back. In per-process memory (as before)
every gunicorn worker counted on its own, so 3 workers allowed 3× the rate; in a shared
cache the read and the write are apart, so requests that arrive together read the same
list and each write back one more: counts are lost exactly when a client sends fast.

Here each request is one statement, an upsert that counts it only if there is room:

    INSERT … VALUES (key, 1, now + period)
    ON CONFLICT (key) DO UPDATE SET count = count + 1 (or 1 once the window has ended)
    WHERE the window has ended OR count < limit
    RETURNING count

PostgreSQL and SQLite run it atomically, so however many workers ask at once, no more than
`limit` requests are counted per window. A window starts at a client's first request and
lasts `period`; a refused request is not counted (as in DRF), and the answer says how long
until the window ends (`Retry-After`). One row per client and limit (`RateCount`); rows of
ended windows are deleted now and then (`CLEAN_UP_EVERY`), so the table holds about as many
rows as there were clients in the last period.
"""

import random
import time
from dataclasses import dataclass

from django.db import connection

from apps.ops.models import RateCount

# About one request in this many also deletes the rows of ended windows (0: never; the
# tests set it so, since a statement one request in a thousand makes query counts flaky).
CLEAN_UP_EVERY = 1000


@dataclass(frozen=True)
class Decision:
    allowed: bool
    count: int  # requests counted in this window, this one included if allowed
    wait: float  # seconds until the window ends


def _names() -> tuple[str, str, str, str]:
    quote = connection.ops.quote_name
    return (
        quote(RateCount._meta.db_table),
        quote("key"),
        quote("count"),
        quote("window_ends"),
    )


def take(key: str, *, limit: int, period: float, now: float | None = None) -> Decision:
    """Count one request for `key` if fewer than `limit` were counted in its window of
    `period` seconds. One INSERT … ON CONFLICT statement; a refusal reads the window's end
    with one more SELECT."""
    now = time.time() if now is None else now
    table, key_column, count, ends = _names()
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} AS c ({key_column}, {count}, {ends}) VALUES (%s, 1, %s) "
            f"ON CONFLICT ({key_column}) DO UPDATE SET "
            f"{count} = CASE WHEN c.{ends} <= %s THEN 1 ELSE c.{count} + 1 END, "
            f"{ends} = CASE WHEN c.{ends} <= %s THEN %s ELSE c.{ends} END "
            f"WHERE c.{ends} <= %s OR c.{count} < %s "
            f"RETURNING {count}, {ends}",
            [key, now + period, now, now, now + period, now, limit],
        )
        counted = cursor.fetchone()
        if counted is None:
            cursor.execute(f"SELECT {count}, {ends} FROM {table} WHERE {key_column} = %s", [key])
            counted = cursor.fetchone() or (limit, now + period)
            decision = Decision(False, counted[0], max(0.0, counted[1] - now))
        else:
            decision = Decision(True, counted[0], max(0.0, counted[1] - now))
        if CLEAN_UP_EVERY and random.randrange(CLEAN_UP_EVERY) == 0:
            cursor.execute(f"DELETE FROM {table} WHERE {ends} <= %s", [now])
    return decision


def peek(key: str, *, limit: int, now: float | None = None) -> Decision:
    """Whether a request for `key` would still be counted, without counting it: one SELECT."""
    now = time.time() if now is None else now
    table, key_column, count, ends = _names()
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {count}, {ends} FROM {table} WHERE {key_column} = %s", [key])
        row = cursor.fetchone()
    if row is None or row[1] <= now:
        return Decision(True, 0, 0.0)
    return Decision(row[0] < limit, row[0], row[1] - now)
