"""The soak's own arithmetic (bench/load.py, bench/instance.py, bench/harness.py); CI runs
the soak itself (`python -m bench.soak`), 45 s, from .ci/run."""

import os
from pathlib import Path

from bench.harness import percentile, rss_kib
from bench.instance import database_url_for
from bench.load import Answer, acknowledged, summarise


def test_database_url_for_names_a_database_beside_the_configured_one():
    url = database_url_for("postgres://factbase:pw@127.0.0.1:5433/factbase_ci", "soak", Path("/t"))

    assert url == "postgres://factbase:pw@127.0.0.1:5433/factbase_ci_soak"


def test_database_url_for_uses_a_temporary_sqlite_file_without_postgresql():
    assert database_url_for(None, "soak", Path("/tmp/x")) == "sqlite:////tmp/x/soak.sqlite3"


def test_acknowledged_lists_only_writes_answered_201():
    answers = [
        Answer(0, 0.1, "write", "/api/v1/speakers/", 201, written="A"),
        Answer(0, 0.1, "write", "/api/v1/speakers/", 503, written="B"),
        Answer(0, 0.1, "read", "/claims/", 200),
    ]

    assert acknowledged(answers) == ["A"]


def test_summarise_counts_5xx_and_unanswered_requests():
    answers = [
        Answer(0, 0.010, "read", "/", 200),
        Answer(0, 0.020, "write", "/api/v1/speakers/", 201, written="A"),
        Answer(0, 0.030, "read", "/", 503),
        Answer(0, 5.000, "read", "/", 0),
    ]

    assert summarise(answers) == {
        "requests": 4,
        "writes": 1,
        "5xx": 1,
        "no_answer": 1,
        "p50_ms": 20.0,
        "p95_ms": 5000.0,
        "max_ms": 5000.0,
    }


def test_percentile_of_nothing_is_zero():
    assert (percentile([], 50), percentile([3.0, 1.0, 2.0], 50)) == (0.0, 2.0)


def test_rss_counts_this_process():
    assert rss_kib(os.getpid()) > 10_000
