"""The real PostgreSQL server is stopped under load and started again (issue 9, faults).

gunicorn serves Factbase from a database of this test's own (`<name>_faults`), while
client threads read pages and the API and create speakers through the API with a token.
Mid-load the cluster is stopped (`pg_ctlcluster … stop -m fast`, as an operator or a
crash would), then started again. While it is down every answer is a 503 with the site's
message, within a second and without a stack trace; once it is back the same gunicorn
processes answer 200 again; and every write answered 201 is in the database.

Stopping the server breaks every other test using it, so this runs only when asked:
FACTBASE_FAULT_TESTS=1. CI runs it in a pytest invocation of its own, on a cluster of its
own (15/ci_faults, port 5433) beside the suites, which use the main one. Which cluster:
FACTBASE_FAULT_PG_CLUSTER (`15/main` by default) on the server of
FACTBASE_FAULT_DATABASE_URL (else DATABASE_URL); the two must agree on the port. To try it
without stopping a shared server:

    pg_createcluster 15 faults --port 5433 && pg_ctlcluster 15 faults start
    FACTBASE_FAULT_TESTS=1 FACTBASE_FAULT_PG_CLUSTER=15/faults \
        FACTBASE_FAULT_DATABASE_URL=postgres://factbase:factbase@127.0.0.1:5433/factbase \
        .venv/bin/pytest tests/ops/test_postgres_restart.py
"""

import os
import subprocess
import time
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from bench.harness import free_port
from bench.instance import (
    Server,
    database_url_for,
    missing_writes,
    prepare,
    recreate_database,
    server_environment,
)
from bench.load import Load, acknowledged, get

BASE_URL = os.environ.get("FACTBASE_FAULT_DATABASE_URL") or os.environ.get("DATABASE_URL", "")
CLUSTER = os.environ.get("FACTBASE_FAULT_PG_CLUSTER", "15/main")
DETAIL = "The database is not answering just now"

pytestmark = [
    # A fault test: never in the fast loop, and never beside other tests (CI runs it alone).
    pytest.mark.slow,
    pytest.mark.skipif(
        os.environ.get("FACTBASE_FAULT_TESTS") != "1",
        reason="stops the PostgreSQL server: runs only with FACTBASE_FAULT_TESTS=1",
    ),
    pytest.mark.skipif(
        not BASE_URL.startswith("postgres"),
        reason="needs PostgreSQL (FACTBASE_FAULT_DATABASE_URL or DATABASE_URL=postgres://…)",
    ),
]


def pg_ctlcluster(action: str, *options: str) -> None:
    version, name = CLUSTER.split("/")
    subprocess.run(
        ["pg_ctlcluster", "--skip-systemctl-redirect", version, name, action, *options],
        check=True,
        capture_output=True,
        timeout=60,
    )


def cluster_port() -> int:
    version, name = CLUSTER.split("/")
    for line in subprocess.run(
        ["pg_lsclusters", "--no-header"], check=True, capture_output=True, text=True
    ).stdout.splitlines():
        columns = line.split()
        if columns[:2] == [version, name]:
            return int(columns[2])
    raise AssertionError(f"no PostgreSQL cluster {CLUSTER} on this machine")


def wait_until(check, *, seconds: float) -> float | None:
    """Calls `check` until it is true; the time it took, or None if it never was."""
    began = time.monotonic()
    while time.monotonic() - began < seconds:
        if check():
            return time.monotonic() - began
        time.sleep(0.1)
    return None


def answers_200(url: str) -> bool:
    try:
        return get(url, timeout=2)[0] == 200
    except OSError:
        return False


def worker_pids(server: Server) -> set[int]:
    pid = server.process.pid
    return {int(p) for p in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()}


@pytest.fixture
def fault_database(tmp_path):
    url = database_url_for(BASE_URL, "faults", tmp_path)
    port = urlsplit(url).port or 5432
    assert cluster_port() == port, f"cluster {CLUSTER} is not the server on port {port}"
    recreate_database(url)
    # No worker recycling (gunicorn.conf.py): the test checks the same workers serve after.
    env = {**server_environment(url, tmp_path), "GUNICORN_MAX_REQUESTS": "0"}
    return env, prepare(env)


def test_postgres_stopped_under_load_answers_503_then_recovers_losing_nothing(
    fault_database, tmp_path
):
    env, token = fault_database
    log_path = tmp_path / "gunicorn.log"
    with Server(env, log_path, port=free_port(), workers=2) as server:
        # Forked from a preloaded master (gunicorn.conf.py), the first worker can answer
        # before the master has forked the second.
        assert wait_until(lambda: len(worker_pids(server)) == 2, seconds=10) is not None
        workers_before = worker_pids(server)
        load = Load(server.base, token, clients=6, write_share=0.4, timeout=5).start()
        try:
            time.sleep(4)
            pg_ctlcluster("stop", "-m", "fast")
            down = time.monotonic()
            time.sleep(5)
            back = time.monotonic()
        finally:
            pg_ctlcluster("start")  # whatever happened: the server must not stay down
        recovered_in = wait_until(lambda: answers_200(server.base + "/readyz"), seconds=20)
        recovered = time.monotonic()
        time.sleep(4)
        answers = load.stop()
        workers_after = worker_pids(server)
        server_alive = server.process.poll() is None

    outage = [a for a in answers if a.started >= down and a.started + a.seconds <= back]
    after = [a for a in answers if a.started >= recovered]
    statuses = {a.status for a in answers}
    print(  # figures for the CI log
        f"PostgreSQL down {back - down:.1f} s: {len(outage)} answers, slowest "
        f"{max((a.seconds for a in outage), default=0):.3f} s; /readyz 200 again "
        f"{recovered_in if recovered_in is None else round(recovered_in, 1)} s after the start; "
        f"{len(acknowledged(answers))} writes acknowledged of {len(answers)} requests"
    )
    assert len(outage) > 10, "the load went on while PostgreSQL was down"
    # While it was down: 503 with the site's message, within a second, no stack trace.
    assert {a.status for a in outage} == {503}
    assert max(a.seconds for a in outage) < 1
    assert all(DETAIL in a.body.decode() for a in outage)
    assert not any(b"Traceback" in a.body for a in answers)
    # Every request had an answer (nothing hung or was refused); none was a 500.
    assert statuses <= {200, 201, 503}
    # Back by itself, in the same processes: no worker was restarted.
    assert recovered_in is not None, "/readyz did not answer 200 within 20 s of the restart"
    assert (server_alive, workers_after) == (True, workers_before)
    assert {a.status for a in after} <= {200, 201}
    assert any(a.status == 201 for a in after)
    # Every write acknowledged before, during or after the outage is stored.
    written = acknowledged(answers)
    assert len(written) > 10
    assert missing_writes(env, written) == []
    assert "Traceback" not in log_path.read_text()
