"""gunicorn.conf.py: what gunicorn believes of a client, its timeouts and its recycling.

The last test serves Factbase with it, as production does (DEBUG off, the response cache
on), and sends from 127.0.0.1 — which gunicorn's own default believes — the headers of
the outside test's cache poisoning.
"""

import json
import os
import shutil
import subprocess
import sys

import pytest

from bench.harness import GUNICORN, ROOT
from bench.instance import database_url_for, server_environment
from tests.security.gunicorn_server import DATABASE, prepared, raw_get
from tests.security.gunicorn_server import production_server as serving

# One worker runs the module (pytest-xdist): its server starts once, not once per worker.
# Every server here runs on a SQLite database of its own, whatever DATABASE_URL says.
pytestmark = [
    pytest.mark.slow,
    pytest.mark.xdist_group("gunicorn_config"),
    pytest.mark.database_independent,
]

CONFIG = ROOT / "gunicorn.conf.py"


def effective_settings(**environment) -> dict[str, str]:
    """The settings gunicorn would run with, given this file and `environment`."""
    env = {"PATH": "/usr/bin:/bin", **environment}
    result = subprocess.run(
        [str(GUNICORN), f"--config={CONFIG}", "--print-config"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=30,
    )
    if result.returncode != 0:
        raise RuntimeError(result.stderr.strip().splitlines()[-1])
    lines = (line.split("=", 1) for line in result.stdout.splitlines() if "=" in line)
    return {name.strip(): value.strip() for name, value in lines}


def test_no_peer_is_believed_and_no_script_name_is_taken_by_default():
    settings = effective_settings()

    assert {
        name: settings[name]
        for name in ("forwarded_allow_ips", "forwarder_headers", "header_map", "wsgi_app")
    } == {
        "forwarded_allow_ips": "[]",
        "forwarder_headers": "[]",
        "header_map": "drop",
        "wsgi_app": "factbase.wsgi:application",
    }


def test_timeouts_and_recycling_are_set():
    settings = effective_settings()

    assert {
        name: settings[name]
        for name in ("timeout", "graceful_timeout", "keepalive", "max_requests")
    } == {"timeout": "30", "graceful_timeout": "20", "keepalive": "5", "max_requests": "10000"}
    assert settings["max_requests_jitter"] == "5000"
    assert settings["bind"] == "['127.0.0.1:8000']"


def test_one_worker_runs_per_core_and_at_least_two():
    settings = effective_settings()

    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    assert settings["workers"] == str(max(2, cores))


def test_the_environment_names_the_trusted_proxies_and_the_limits():
    settings = effective_settings(
        FORWARDED_ALLOW_IPS="10.0.0.0/8,192.0.2.1",
        GUNICORN_TIMEOUT="60",
        GUNICORN_MAX_REQUESTS="0",
        GUNICORN_BIND="0.0.0.0:8000",
        WEB_CONCURRENCY="5",
    )

    assert (
        settings["forwarded_allow_ips"],
        settings["forwarder_headers"],
        settings["timeout"],
        settings["max_requests"],
        settings["max_requests_jitter"],
        settings["bind"],
        settings["workers"],
    ) == ("['10.0.0.0/8', '192.0.2.1']", "[]", "60", "0", "0", "['0.0.0.0:8000']", "5")


def test_a_value_that_is_not_a_number_stops_start_up_naming_the_variable():
    with pytest.raises(RuntimeError, match=r"GUNICORN_MAX_REQUESTS='lots' is not a whole number"):
        effective_settings(GUNICORN_MAX_REQUESTS="lots")


@pytest.fixture(scope="module")
def production_server(tmp_path_factory):
    with serving(tmp_path_factory.mktemp("gunicorn"), workers=1) as server:
        yield server


def test_a_script_name_header_from_a_local_peer_cannot_poison_the_cache(production_server):
    port = production_server.port
    url = "/api/v1/sources/?page_size=7"
    json_only = {"Accept": "application/json"}

    shifted = raw_get(port, url, {**json_only, "SCRIPT_NAME": "/api/v1"})
    plain = raw_get(port, url, json_only)

    assert [answer[:2] for answer in (shifted, plain)] == [(200, "application/json")] * 2
    assert json.loads(plain[2])["results"] == []


def test_a_forwarded_proto_header_from_a_local_peer_is_not_believed(production_server):
    forwarded = raw_get(production_server.port, "/robots.txt", {"X-Forwarded-Proto": "https"})
    plain = raw_get(production_server.port, "/robots.txt", {})

    assert forwarded[0] == plain[0] == 200
    assert b"Sitemap: http://localhost/sitemap.xml" in forwarded[2]
    assert plain[2] == forwarded[2]


def test_the_master_warms_claim_matching_up_and_each_worker_brings_it_up_to_date():
    settings = effective_settings()

    assert (settings["preload_app"], settings["when_ready"], settings["post_worker_init"]) == (
        "True",
        "<when_ready()>",
        "<post_worker_init()>",
    )


def test_the_master_freezes_what_it_loaded_before_forking_the_workers(tmp_path):
    # As gunicorn's master runs it: the application loaded (preload_app), then when_ready.
    master = (
        "import gc, runpy; import factbase.wsgi; "
        f"runpy.run_path({str(CONFIG)!r})['when_ready'](None); "
        "print(gc.get_freeze_count(), len(gc.get_objects()))"
    )
    env = server_environment(database_url_for(None, DATABASE, tmp_path), tmp_path)
    for database_file in prepared().glob(f"{DATABASE}.sqlite3*"):
        shutil.copyfile(database_file, tmp_path / database_file.name)

    result = subprocess.run(
        [sys.executable, "-c", master],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )

    assert result.returncode == 0, result.stderr[-2000:]
    frozen, still_tracked = map(int, result.stdout.split())
    assert (frozen > 50_000, still_tracked < 100) == (True, True), (frozen, still_tracked)


def test_workers_recycled_from_the_preloaded_master_answer(tmp_path):
    with serving(tmp_path, workers=1, GUNICORN_MAX_REQUESTS="3") as server:
        answers = [raw_get(server.port, "/robots.txt", {})[0] for _ in range(12)]
        log = (tmp_path / "gunicorn.log").read_text()

    assert answers == [200] * 12
    assert log.count("Autorestarting worker") >= 2
    assert log.count("Booting worker") >= 3  # the first, and one for each recycling
