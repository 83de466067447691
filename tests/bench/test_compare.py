"""bench_compare's pieces that need no servers: cursors, database names, the tables."""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import RequestFactory
from rest_framework.request import Request

from apps.api.pagination import BoundedCursorPagination
from bench.compare.report import render, render_scaling
from bench.compare.workloads import _drf_cursor, _path
from bench.management.commands.bench_compare import resolve


def squeezed(line: str) -> str:
    """The line with each run of spaces (the table's alignment) made one."""
    return " ".join(line.split())


def summary(rps: float, p95: float, cpu: float | None = None, errors=None) -> dict:
    return {
        "rps": rps,
        "p50_ms": p95 / 2,
        "p95_ms": p95,
        "p99_ms": p95 * 1.2,
        "errors": errors or {},
        "server_cpu_ms_per_request": cpu,
    }


def result(quotes: int, factbase_p95: float, datasette_p95: float) -> dict:
    return {
        "database": f"db{quotes}",
        "counts": {"quotes": quotes},
        "machine": {"cpus": 2, "load_before": [1.5, 1, 1], "load_after": [2.0, 1, 1]},
        "memory": {
            "factbase": {"sum_mib": 400.0, "processes": 5, "largest_mib": 90.0},
            "datasette": {"sum_mib": 60.0, "processes": 1, "largest_mib": 60.0},
        },
        "workloads": [
            {
                "name": "claim with citations",
                "queries_per_request": {"min": 5, "max": 6},
                "factbase": summary(200.0, factbase_p95, cpu=4.5),
                "datasette": summary(100.0, datasette_p95, cpu=9.0, errors={"HTTP 400": 2}),
            },
            {
                "name": "claim page",
                "queries_per_request": {"min": 9, "max": 9},
                "factbase": summary(50.0, 30.0),
                "datasette": None,
            },
        ],
    }


def test_a_made_cursor_is_one_drf_reads_as_that_position():
    request = Request(
        RequestFactory().get("/api/v1/quotes/", {"cursor": _drf_cursor("2021-11-01")})
    )

    cursor = BoundedCursorPagination().decode_cursor(request)

    assert (cursor.offset, cursor.reverse, cursor.position) == (0, False, "2021-11-01")


def test_path_drops_scheme_and_host():
    assert _path("http://127.0.0.1:8001/api/v1/quotes/?cursor=abc") == "/api/v1/quotes/?cursor=abc"


def test_render_shows_both_servers_the_ratio_and_failures():
    lines = render(result(10_000, 20.0, 40.0)).splitlines()

    assert lines[0] == "db10000: 10,000 quotes; load average 1.50 before, 2.00 after (2 CPUs)"
    assert squeezed(lines[2]) == (
        "claim with citations 5-6 | 200.0 10.0 20.0 24.0 4.5 | "
        "100.0 20.0 40.0 48.0 9.0 | 2.0× (2 failed requests)"
    )
    assert lines[3].split()[:6] == ["claim", "page", "9", "|", "50.0", "15.0"]
    assert lines[-1] == (
        "peak RSS: Factbase 400 MiB over 5 processes (largest 90); Datasette 60 MiB over 1"
    )


def test_render_scaling_divides_the_larger_size_p95_by_the_smaller():
    lines = render_scaling(result(10_000, 20.0, 40.0), result(1_000_000, 25.0, 120.0))

    assert squeezed(lines.splitlines()[2]) == (
        "claim with citations | 20.0 → 25.0 (1.25×) | 40.0 → 120.0 (3.00×)"
    )


def test_resolve_puts_a_name_on_the_database_url_server(monkeypatch):
    monkeypatch.setenv("DATABASE_URL", "postgres://u:p@127.0.0.1:5432/bench")

    assert resolve("bench_small") == "postgres://u:p@127.0.0.1:5432/bench_small"
    assert resolve("postgres://x@h/db") == "postgres://x@h/db"


def test_resolve_needs_a_postgresql_server_for_a_bare_name(monkeypatch):
    monkeypatch.setenv("DATABASE_URL", "sqlite:///db.sqlite3")

    with pytest.raises(CommandError, match="Give a URL"):
        resolve("bench_small")


def test_bench_compare_names_a_missing_wrk_before_starting_anything(monkeypatch):
    monkeypatch.setattr("shutil.which", lambda name: None)

    with pytest.raises(CommandError, match="apt-get install wrk"):
        call_command("bench_compare", "--driver", "wrk")
