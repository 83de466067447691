"""Round trips to PostgreSQL, counted from libpq's own trace of the protocol messages.

A statement sent alone is one round trip; statements sent together in a psycopg pipeline
end with one Sync between them, so they are one. The trace is the client library's record
of what went over the wire, not a count the code under test keeps.
"""

import tempfile
from contextlib import contextmanager

from django.db import connection


@contextmanager
def counted_round_trips():
    """Yields a list that holds, after the block, the number of round trips the default
    connection made in it: the messages that ask the server for its answers (Sync after
    extended-protocol statements, Query for a simple one)."""
    connection.ensure_connection()
    from psycopg import pq

    pgconn = connection.connection.pgconn
    counted = []
    with tempfile.TemporaryFile() as trace:
        pgconn.trace(trace.fileno())
        pgconn.set_trace_flags(pq.Trace.SUPPRESS_TIMESTAMPS | pq.Trace.REGRESS_MODE)
        try:
            yield counted
        finally:
            pgconn.untrace()
        trace.seek(0)
        sent = [line.split("\t") for line in trace.read().decode(errors="replace").splitlines()]
    asking = [parts for parts in sent if len(parts) > 2 and parts[0] == "F"]
    counted.append(sum(1 for parts in asking if parts[2].split()[0] in {"Sync", "Query"}))
