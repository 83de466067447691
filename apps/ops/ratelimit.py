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
import threading
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


# --- leases: one statement for many requests --------------------------------------------------

# A worker that counts a request for a client whose window has room takes a *lease*: it
# counts `lease_size(limit)` requests at once in the shared row, then answers that many
# requests of the client's from its own memory, without a statement. The shared count is
# never above `limit`, so however many workers hold leases, no more than `limit` requests
# are allowed per window; what a lease costs is that requests a worker counted but was not
# asked for are lost to the client until the window ends (at most `lease_size - 1` per
# worker that served it: 5% of the quota).
LEASE_SHARE = 20  # a lease is at most this fraction of the limit…
LEASE_MAX = 100  # …and at most this many requests
KEPT_LEASES = 10_000  # clients whose lease a worker remembers


@dataclass
class _Lease:
    window_ends: float
    count: int  # the shared count when the lease was taken, the lease included
    left: int  # requests of the lease not yet used


_leases: dict[str, _Lease] = {}
_leases_lock = threading.Lock()


def lease_size(limit: int) -> int:
    return max(1, min(LEASE_MAX, limit // LEASE_SHARE))


def forget_leases() -> None:
    """Drop this process's leases (their requests stay counted in the shared rows)."""
    with _leases_lock:
        _leases.clear()


def take_leased(key: str, *, limit: int, period: float, now: float | None = None) -> Decision:
    """`take()`, served from this process's lease on `key` when it has one.

    The decision is the one `take()` would give in a single worker: the count is the shared
    count less the lease's unused requests. No lease is taken inside a transaction (a count
    rolled back with it would leave the lease counted nowhere), nor when the limit is too
    small for a lease of more than one request."""
    now = time.time() if now is None else now
    size = lease_size(limit)
    if size == 1 or _in_transaction():
        return take(key, limit=limit, period=period, now=now)
    with _leases_lock:
        lease = _leases.get(key)
        if lease is not None and now < lease.window_ends:
            if lease.left > 0:
                lease.left -= 1
                return Decision(True, lease.count - lease.left, lease.window_ends - now)
            # Room for another lease, as far as this worker knows.
            roomy = lease.count + size <= limit
        else:
            # Unknown here: try a lease; a window that ended here: `take()` starts the next.
            roomy = lease is None
    counted = _count_lease(key, size=size, limit=limit, now=now) if roomy else None
    if counted is None:
        # A new window, or too little room left for a lease: one request, as `take()`.
        decision = take(key, limit=limit, period=period, now=now)
        _keep(key, _Lease(now + decision.wait, decision.count, 0), now)
        return decision
    count, window_ends = counted
    _keep(key, _Lease(window_ends, count, size - 1), now)
    return Decision(True, count - (size - 1), max(0.0, window_ends - now))


def _in_transaction() -> bool:
    return connection.in_atomic_block


def _keep(key: str, lease: _Lease, now: float) -> None:
    with _leases_lock:
        if len(_leases) >= KEPT_LEASES and key not in _leases:
            # Leases of ended windows are worth nothing: drop them all at once.
            ended = [k for k, kept in _leases.items() if kept.window_ends <= now]
            for k in ended or list(_leases)[: KEPT_LEASES // 2]:
                del _leases[k]
        _leases[key] = lease


def _count_lease(key: str, *, size: int, limit: int, now: float) -> tuple[int, float] | None:
    """Count `size` requests in `key`'s current window if it has room for them all: one
    UPDATE (None when it has not, or when there is no current window)."""
    table, key_column, count, ends = _names()
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {table} SET {count} = {count} + %s "
            f"WHERE {key_column} = %s AND {ends} > %s AND {count} + %s <= %s "
            f"RETURNING {count}, {ends}",
            [size, key, now, size, limit],
        )
        return cursor.fetchone()
