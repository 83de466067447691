"""The load driver: its statistics, and a short run against a real HTTP server."""

import asyncio
import json
import os

import pytest

from bench.harness import percentile
from bench.loadgen import Timings, drive, main


def test_percentile_is_the_nearest_rank():
    values = [float(v) for v in range(1, 101)]

    assert [percentile(values, p) for p in (50, 95, 99, 100)] == [50.0, 95.0, 99.0, 100.0]


def test_percentile_of_few_values_is_one_of_them():
    assert [percentile([3.0], 99), percentile([1.0, 2.0], 50), percentile([], 50)] == [
        3.0,
        1.0,
        0.0,
    ]


def test_summary_counts_answers_per_second_and_failures_apart():
    timings = Timings(latencies=[0.010, 0.020, 0.030, 0.040])
    timings.fail("HTTP 500")
    timings.fail("HTTP 500")

    summary = timings.summary(elapsed=2.0)

    assert summary == {
        "requests": 4,
        "errors": {"HTTP 500": 2},
        "seconds": 2.0,
        "rps": 2.0,
        "p50_ms": 20.0,
        "p95_ms": 40.0,
        "p99_ms": 40.0,
        "mean_ms": 25.0,
        "max_ms": 40.0,
        "cache": {"hit": 0, "miss": 0},
        "hit_rate": None,
    }


def test_summary_of_nothing_is_zero():
    assert Timings().summary(elapsed=0.0)["rps"] == 0.0


def test_drive_requests_the_urls_in_turn_and_counts_other_statuses_as_errors(server):
    summary = asyncio.run(
        drive(server, ["/a", "/missing"], clients=2, duration=5, warmup=0, max_requests=20)
    )

    assert summary["requests"] >= 20
    assert summary["errors"] == {"HTTP 404": pytest.approx(summary["requests"], abs=2)}
    assert 0 < summary["p50_ms"] <= summary["p95_ms"] <= summary["p99_ms"] <= summary["max_ms"]


def test_main_runs_a_spec_and_writes_the_summaries(server, tmp_path):
    spec = tmp_path / "spec.json"
    out = tmp_path / "out.json"
    spec.write_text(
        json.dumps(
            {
                "clients": 2,
                "duration": 5,
                "warmup": 0,
                "max_requests": 10,
                "runs": [{"name": "list", "target": "toy", "base": server, "urls": ["/a"]}],
            }
        )
    )

    assert main([str(spec), str(out)]) == 0

    [result] = json.loads(out.read_text())
    assert (result["workload"], result["target"], result["errors"]) == ("list", "toy", {})
    assert result["requests"] >= 10


def test_cpu_of_a_process_tree_is_counted():
    from bench.harness import process_tree
    from bench.server_cpu import cpu_seconds_of

    sum(range(2_000_000))  # some CPU time of this process

    assert os.getpid() in process_tree(os.getpid())
    assert cpu_seconds_of([os.getpid()]) > 0


@pytest.mark.django_db
def test_postgresql_backends_of_a_process_are_found():
    from django.db import connection

    from bench.server_cpu import postgres_backends

    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL only")
    port = connection.settings_dict.get("PORT") or 5432
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        [backend] = cursor.fetchone()

    assert backend in postgres_backends([os.getpid()], port=int(port))


def test_summary_gives_the_hit_rate_of_the_answers_marked_by_the_cache():
    timings = Timings(latencies=[0.01] * 4)
    for value in ("hit", "hit", "hit", "miss", None):
        timings.cached(value)

    summary = timings.summary(elapsed=1.0)

    assert (summary["cache"], summary["hit_rate"]) == ({"hit": 3, "miss": 1}, 0.75)


def test_drive_counts_the_x_cache_header(server):
    summary = asyncio.run(
        drive(server, ["/hit/a", "/miss/a"], clients=2, duration=5, warmup=0, max_requests=20)
    )

    assert summary["cache"]["hit"] == pytest.approx(summary["cache"]["miss"], abs=2)
    assert summary["cache"]["hit"] + summary["cache"]["miss"] == summary["requests"]
