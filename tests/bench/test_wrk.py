"""The wrk load driver: its figures, and short runs of the real wrk against a real server."""

import json
import shutil

import pytest

from bench import wrk
from bench.loadgen import main

needs_wrk = pytest.mark.skipif(
    shutil.which("wrk") is None, reason="wrk is not installed (.ci/run installs it)"
)

FIGURES = {
    "requests": 1000,
    "duration_us": 2_000_000,
    "connect": 0,
    "read": 1,
    "write": 0,
    "status": 10,
    "timeout": 0,
    "p50_us": 1500,
    "p95_us": 4000,
    "p99_us": 9000,
    "mean_us": 1800.4,
    "max_us": 12000,
}


def test_summarise_counts_answers_under_400_per_second_in_milliseconds():
    summary = wrk.summarise(FIGURES)

    assert summary == {
        "requests": 990,
        "errors": {"HTTP 4xx/5xx": 10, "read": 1},
        "seconds": 2.0,
        "rps": 495.0,
        "p50_ms": 1.5,
        "p95_ms": 4.0,
        "p99_ms": 9.0,
        "mean_ms": 1.8,
        "max_ms": 12.0,
        "cache": {"hit": 0, "miss": 0},
        "hit_rate": None,
    }


def test_a_missing_wrk_is_named_with_how_to_install_it(monkeypatch):
    monkeypatch.setattr(shutil, "which", lambda name: None)

    with pytest.raises(wrk.WrkMissing, match="apt-get install wrk"):
        wrk.executable()


@needs_wrk
def test_drive_requests_the_urls_in_turn_and_counts_failed_statuses_apart(server):
    summary = wrk.drive(server, ["/a", "/missing"], clients=2, duration=1, warmup=0)

    assert summary["requests"] > 0
    assert summary["errors"]["HTTP 4xx/5xx"] == pytest.approx(summary["requests"], abs=2)
    assert 0 < summary["p50_ms"] <= summary["p95_ms"] <= summary["p99_ms"] <= summary["max_ms"]
    assert summary["driver_cpu_seconds"] >= 0


@needs_wrk
def test_a_spec_for_wrk_is_driven_by_wrk(server, tmp_path):
    spec, out = tmp_path / "spec.json", tmp_path / "out.json"
    run = {"name": "list", "target": "toy", "base": server, "urls": ["/a"]}
    spec.write_text(
        json.dumps({"clients": 2, "duration": 1, "warmup": 0, "driver": "wrk", "runs": [run]})
    )

    assert main([str(spec), str(out)]) == 0

    [result] = json.loads(out.read_text())
    assert (result["workload"], result["errors"]) == ("list", {})
    assert result["requests"] > 0
    assert "driver_cpu_seconds" in result


def test_summarise_gives_the_hit_rate_among_the_answers_marked_hit_or_miss():
    summary = wrk.summarise({**FIGURES, "cache_hit": 300, "cache_miss": 100})

    assert (summary["cache"], summary["hit_rate"]) == ({"hit": 300, "miss": 100}, 0.75)


def test_summarise_gives_no_hit_rate_when_no_answer_is_marked():
    summary = wrk.summarise(FIGURES)

    assert (summary["cache"], summary["hit_rate"]) == ({"hit": 0, "miss": 0}, None)


@needs_wrk
def test_the_wrk_script_counts_the_x_cache_header_of_every_thread(server):
    summary = wrk.drive(
        server, ["/hit/a", "/hit/b", "/hit/c", "/miss/a"], clients=4, duration=1, warmup=0
    )

    marked = summary["cache"]["hit"] + summary["cache"]["miss"]
    assert marked == pytest.approx(summary["requests"], abs=8)
    assert summary["hit_rate"] == pytest.approx(0.75, abs=0.05)


@needs_wrk
def test_the_warm_up_asks_for_its_own_urls(server):
    summary = wrk.drive(
        server, ["/miss/a"], clients=2, duration=1, warmup=1, warmup_urls=["/missing"]
    )

    assert (summary["errors"], summary["hit_rate"]) == ({}, 0.0)
