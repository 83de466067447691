"""Leases (apps/ops/ratelimit.py, `take_leased`): a worker counts several requests of a
client in one statement and serves them from memory, never letting the shared count pass
the limit, and says to the client what one statement per request would have said.

A test's requests run inside its transaction, where no lease is taken; these tests stand
where a worker does, outside one, their writes still rolled back.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from apps.ops import ratelimit
from apps.ops.models import RateCount


@pytest.fixture
def worker(db, monkeypatch):
    monkeypatch.setattr(ratelimit, "_in_transaction", lambda: False)
    ratelimit.forget_leases()
    yield
    ratelimit.forget_leases()


def test_one_worker_counts_as_one_statement_per_request_would(worker):
    # 120 a minute: leases of 6.
    with CaptureQueriesContext(connection) as queries:
        decisions = [
            ratelimit.take_leased("k", limit=120, period=60, now=1000.0 + i) for i in range(14)
        ]

    assert [(d.allowed, d.count, d.wait) for d in decisions] == [
        (True, i + 1, 60.0 - i) for i in range(14)
    ]
    # The first request starts the window (a lease is tried first: 2 statements), then one
    # statement per lease of 6.
    assert len(queries.captured_queries) == 2 + 3
    assert RateCount.objects.get(key="k").count == 1 + 3 * 6


def test_workers_with_leases_never_allow_more_than_the_limit(worker, monkeypatch):
    # Three workers (each its own leases) share one client's limit of 40 (leases of 2).
    memories = [{}, {}, {}]
    allowed = 0
    for i in range(60):
        monkeypatch.setattr(ratelimit, "_leases", memories[i % 3])
        allowed += ratelimit.take_leased("k", limit=40, period=60, now=1000.0).allowed

    assert allowed <= 40
    assert allowed >= 40 - 3 * (ratelimit.lease_size(40) - 1)
    assert RateCount.objects.get(key="k").count == 40


def test_a_refusal_after_the_lease_is_used_says_when_to_come_back(worker):
    decisions = [ratelimit.take_leased("k", limit=40, period=60, now=1000.0) for _ in range(41)]

    assert [d.allowed for d in decisions] == [True] * 40 + [False]
    assert (decisions[-1].count, decisions[-1].wait) == (40, 60.0)


def test_a_new_window_starts_afresh(worker):
    for _ in range(5):
        ratelimit.take_leased("k", limit=40, period=60, now=1000.0)

    after = ratelimit.take_leased("k", limit=40, period=60, now=1060.0)

    assert (after.allowed, after.count, after.wait) == (True, 1, 60.0)


def test_inside_a_transaction_each_request_is_one_statement(db):
    ratelimit.forget_leases()
    with CaptureQueriesContext(connection) as queries:
        for i in range(3):
            ratelimit.take_leased("k", limit=120, period=60, now=1000.0 + i)

    assert len(queries.captured_queries) == 3
    assert RateCount.objects.get(key="k").count == 3


def test_api_answers_count_down_with_leases(worker, client, settings):
    settings.API_THROTTLE_ANON = "120/min"

    responses = [client.get("/api/v1/topics/", REMOTE_ADDR="203.0.113.50") for _ in range(8)]

    assert [r["RateLimit"].split(";")[1] for r in responses] == [f"r={119 - i}" for i in range(8)]
