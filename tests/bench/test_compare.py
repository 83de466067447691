"""bench_compare's pieces that need no servers: cursors, database names, the tables."""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import RequestFactory
from rest_framework.request import Request

from apps.api.pagination import BoundedCursorPagination
from bench.compare.report import median_of_runs, render, render_mode, render_scaling, targets
from bench.compare.workloads import _drf_cursor, _path
from bench.compare.writers import Tally
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


def workloads(factbase_p95: float, datasette_p95: float, *, factbase_rps=200.0) -> list:
    return [
        {
            "name": "claim with citations",
            "queries_per_request": {"min": 5, "max": 6},
            "factbase": {**summary(factbase_rps, factbase_p95, cpu=4.5), "hit_rate": 0.625},
            "datasette": summary(100.0, datasette_p95, cpu=9.0, errors={"HTTP 400": 2}),
        },
        {
            "name": "claim page",
            "queries_per_request": {"min": 9, "max": 9},
            "factbase": summary(50.0, 130.0),
            "datasette": None,
        },
    ]


def mode(key: str, title: str, rows: list) -> dict:
    return {
        "mode": key,
        "title": title,
        "load_before": [1.5, 1, 1],
        "load_after": [2, 1, 1],
        "workloads": rows,
    }


def result(quotes: int, factbase_p95: float, datasette_p95: float) -> dict:
    return {
        "database": f"db{quotes}",
        "counts": {"quotes": quotes},
        "machine": {"cpus": 2, "load_before": [1.5, 1, 1], "load_after": [2.0, 1, 1]},
        "primed": False,
        "memory": {
            "factbase": {"sum_mib": 400.0, "processes": 5, "largest_mib": 90.0},
            "datasette": {"sum_mib": 60.0, "processes": 1, "largest_mib": 60.0},
        },
        "modes": [
            mode("a", "cache on", workloads(factbase_p95, datasette_p95)),
            mode("c", "editors at work", workloads(factbase_p95, datasette_p95, factbase_rps=150)),
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


def test_render_shows_both_servers_the_hit_rate_the_ratio_and_failures():
    lines = render(result(10_000, 20.0, 40.0)).splitlines()

    assert lines[0] == (
        "db10000: 10,000 quotes; load average 1.50 before, 2.00 after (2 CPUs); "
        "pools not primed, warm-up only"
    )
    assert lines[2] == "(a) cache on; load average 1.50 before, 2.00 after"
    assert squeezed(lines[4]) == (
        "claim with citations 5-6 62 % | 200.0 10.0 20.0 24.0 4.5 | "
        "100.0 20.0 40.0 48.0 9.0 | 2.0× | (2 failed requests)"
    )
    assert lines[5].split()[:7] == ["claim", "page", "9", "—", "|", "50.0", "65.0"]
    assert lines[-1] == (
        "peak RSS: Factbase 400 MiB over 5 processes (largest 90); Datasette 60 MiB over 1"
    )


def test_render_marks_each_target_of_the_mode_met_or_not():
    lines = render(result(10_000, 20.0, 40.0)).splitlines()

    assert squeezed(lines[9]).endswith("| 1.5× | ≥2× NOT met, p95<100 met (2 failed requests)")
    assert squeezed(lines[10]).endswith("| p95<100 NOT met")
    assert lines[-2] == ("targets not met: (c) claim with citations: ≥2×; (c) claim page: p95<100")


def test_targets_ask_1x_with_the_cache_off_and_nothing_of_readers_only():
    [shared, page] = workloads(20.0, 40.0, factbase_rps=100.0)

    assert (targets("b", shared), targets("a", shared), targets("b", page)) == (
        {"≥1×": True},
        {},
        {},
    )


def test_render_scaling_divides_the_larger_size_p95_by_the_smaller_in_each_mode():
    lines = render_scaling(result(10_000, 20.0, 40.0), result(1_000_000, 25.0, 120.0))

    assert lines.splitlines()[0] == (
        "p95 1,000,000 quotes (db1000000) / p95 10,000 quotes (db10000)"
    )
    assert lines.splitlines()[1] == "(a) cache on"
    assert squeezed(lines.splitlines()[3]) == (
        "claim with citations | 20.0 → 25.0 (1.25×) | 40.0 → 120.0 (3.00×) | ≤1.5× met"
    )
    assert lines.splitlines()[5] == "(c) editors at work"


def test_render_scaling_names_each_size_by_its_speakers_too():
    small, large = result(10_000, 20.0, 40.0), result(1_000_000, 25.0, 120.0)
    small["counts"]["speakers"], large["counts"]["speakers"] = 2_000, 10_000

    assert render_scaling(small, large).splitlines()[0] == (
        "p95 1,000,000 quotes, 10,000 speakers (db1000000) / "
        "p95 10,000 quotes, 2,000 speakers (db10000)"
    )


def test_several_rounds_of_one_database_are_compared_by_their_medians():
    rounds = [result(10_000, p95, 40.0) for p95 in (20.0, 90.0, 30.0)]

    merged = median_of_runs(rounds)

    shared = merged["modes"][0]["workloads"][0]["factbase"]
    assert (shared["p95_ms"], shared["p95_ms_runs"], merged["rounds"]) == (
        30.0,
        [20.0, 90.0, 30.0],
        3,
    )


def test_render_scaling_says_its_figures_are_medians_of_rounds():
    small = median_of_runs([result(10_000, 20.0, 40.0)] * 3)
    large = median_of_runs([result(1_000_000, 25.0, 120.0)] * 3)

    assert (
        render_scaling(small, large).splitlines()[0].endswith(", medians of 3 interleaved rounds")
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


def test_render_mode_reports_the_writers_and_whether_their_writes_landed():
    editors = mode("c", "editors at work", workloads(20.0, 40.0))
    editors["writers"] = {
        "seconds": 170.4,
        "editor_saves": {
            "attempts": 86,
            "succeeded": 85,
            "statuses": {"200": 85, "412": 1},
            "p50_ms": 80.2,
        },
        "reviewer_publishes": {
            "attempts": 6,
            "succeeded": 6,
            "statuses": {"200": 6},
            "p50_ms": 120.0,
        },
        "landed": {"draft_versions_added": 85, "published_found": 6, "all_landed": True},
    }

    assert render_mode(editors).splitlines()[-1] == (
        "writers over 170 s: editor saves 85 of 86 {'200': 85, '412': 1} (p50 80 ms), "
        "reviewer publishes 6 of 6 {'200': 6} (p50 120 ms); in the database: 85 versions "
        "of the draft, 6 published — all landed"
    )


def test_tally_counts_each_status_and_the_acknowledged_writes_apart():
    tally = Tally()
    for status in (200, 200, 412, 0):
        tally.record(status, 0.1)
    tally.acknowledged += ["save 1", "save 2"]

    assert tally.summary() == {
        "attempts": 4,
        "succeeded": 2,
        "statuses": {"0": 1, "200": 2, "412": 1},
        "p50_ms": 100.0,
        "max_ms": 100.0,
    }


def test_a_workload_datasette_answered_nothing_of_has_no_ratio_and_meets_the_target():
    [shared, _] = workloads(20.0, 40.0)
    shared["datasette"] = summary(0.0, 0.0)
    editors = mode("c", "editors at work", [shared])

    line = squeezed(render_mode(editors).splitlines()[2])

    assert line.endswith("| none answered | — | ≥2× met, p95<100 met")


def test_bench_compare_refuses_a_mode_it_does_not_know_before_starting_anything():
    with pytest.raises(CommandError, match="--modes takes one or more of a, b, c and d"):
        call_command("bench_compare", "--modes", "ae", "--driver", "httpx")


def test_bench_compare_sets_each_smaller_database_against_the_largest(
    monkeypatch, capsys, tmp_path
):
    import json
    from pathlib import Path

    from bench.management.commands import bench_compare

    sizes = {"bench_small": (10_000, 100), "bench_wide": (10_000, 2_000), "bench": (10**6, 10**4)}

    def in_subprocess(self, database, options, json_path=None):
        quotes, speakers = sizes[database]
        measured = result(quotes, 20.0, 40.0) | {"database": database}
        measured["counts"] = {"quotes": quotes, "speakers": speakers}
        Path(json_path).write_text(json.dumps(measured))

    monkeypatch.setattr(bench_compare.run, "RESULTS", tmp_path / "results")
    monkeypatch.setattr(bench_compare.Command, "in_subprocess", in_subprocess)
    monkeypatch.setattr(bench_compare.wrk, "executable", lambda: "wrk")

    call_command(
        "bench_compare",
        "--quotes-db",
        "bench_small",
        "--quotes-db",
        "bench_wide",
        "--quotes-db",
        "bench",
    )

    headers = [line for line in capsys.readouterr().out.splitlines() if line.startswith("p95 ")]
    largest = "p95 1,000,000 quotes, 10,000 speakers (bench)"
    assert headers == [
        f"{largest} / p95 10,000 quotes, 100 speakers (bench_small)",
        f"{largest} / p95 10,000 quotes, 2,000 speakers (bench_wide)",
    ]


def test_bench_compare_runs_the_databases_interleaved_for_each_round(monkeypatch, tmp_path):
    import json
    from pathlib import Path

    from bench.management.commands import bench_compare

    order = []

    def in_subprocess(self, database, options, json_path=None):
        order.append(database)
        quotes = {"bench_small": 10_000, "bench": 10**6}[database]
        Path(json_path).write_text(json.dumps(result(quotes, 20.0, 40.0)))

    monkeypatch.setattr(bench_compare.run, "RESULTS", tmp_path / "results")
    monkeypatch.setattr(bench_compare.Command, "in_subprocess", in_subprocess)
    monkeypatch.setattr(bench_compare.wrk, "executable", lambda: "wrk")

    call_command(
        "bench_compare", "--quotes-db", "bench_small", "--quotes-db", "bench", "--rounds", "3"
    )

    assert order == ["bench_small", "bench"] * 3


def test_bench_compare_refuses_fewer_than_one_round(monkeypatch):
    from bench.management.commands import bench_compare

    monkeypatch.setattr(bench_compare.wrk, "executable", lambda: "wrk")

    with pytest.raises(CommandError, match="--rounds takes 1 or more"):
        call_command("bench_compare", "--quotes-db", "a", "--quotes-db", "b", "--rounds", "0")
