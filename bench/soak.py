"""Soak test: a bounded load on loopback against gunicorn, with nothing lost and no 5xx.

    DATABASE_URL=postgres://factbase:factbase@127.0.0.1:5432/factbase \
        .venv/bin/python bench/soak.py                 # 10 minutes
    .venv/bin/python bench/soak.py --seconds 45        # the short form CI runs

It recreates a database of its own (`<name>_soak` beside the one DATABASE_URL names, or a
temporary SQLite file without DATABASE_URL), migrates it, loads the demo data and makes an
API user with a token; starts gunicorn as production runs it (gunicorn.conf.py, DEBUG off,
JSON logs, collected static files, `--workers`); then `--clients` threads send requests one
after another for `--seconds`: reads of the public pages, search and the API, and writes through
the API (a new speaker each, `--write-share` of requests). It prints, a line a minute,
requests per second, latency (p50/p95/max) and the count of 5xx answers, then the server's
resident memory (gunicorn's master and workers together) after warm-up and at the end, and
checks that:

- no answer was a 5xx, and every request was answered (none timed out or was refused);
- the server's memory grew by less than `--rss-bound-mb` between the end of warm-up
  (`--warmup` seconds) and the end;
- every write the server acknowledged (201) is in the database afterwards.

It exits 1 if any check fails. The API's rate limits are raised for the run: the soak
measures the server, not the limiter. `Server` and `Load` are reused by
tests/ops/test_postgres_restart.py.
"""

import argparse
import json
import os
import random
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
PYTHON = ROOT / ".venv" / "bin" / "python"
GUNICORN = ROOT / ".venv" / "bin" / "gunicorn"
TOKEN_USER = "soak"
WRITE_PREFIX = "Soak speaker"
# The public reads: pages, search and the API (list and detail), as readers and clients ask.
READS = [
    "/",
    "/claims/",
    "/speakers/",
    "/sources/",
    "/quotes/",
    "/topics/",
    "/search/?q=israel",
    "/api/v1/claims/",
    "/api/v1/speakers/",
    "/api/v1/quotes/?page_size=5",
    "/api/v1/search/?q=two+million",
    "/feeds/claims/",
]


def database_url_for(base_url: str | None, suffix: str, tmp: Path) -> str:
    """A database of this run's own: `<name>_<suffix>` on the same server, or SQLite."""
    if not base_url:
        return f"sqlite:///{tmp / f'{suffix}.sqlite3'}"
    parts = urlsplit(base_url)
    name = parts.path.lstrip("/") or "factbase"
    return urlunsplit(parts._replace(path=f"/{name}_{suffix}"))


def recreate_database(url: str) -> None:
    """Drops and creates the PostgreSQL database `url` names (the role needs CREATEDB)."""
    if not url.startswith("postgres"):
        return
    import psycopg  # only on PostgreSQL

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    admin_url = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin_url, autocommit=True, connect_timeout=5) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.execute(f'CREATE DATABASE "{name}"')


def manage(env: dict, *args: str, stdin: str | None = None) -> str:
    result = subprocess.run(
        [str(PYTHON), "manage.py", *args],
        cwd=ROOT,
        env=env,
        input=stdin,
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        raise RuntimeError(f"manage.py {' '.join(args)} failed:\n{result.stderr[-3000:]}")
    return result.stdout


MAKE_TOKEN = f"""
from django.contrib.auth import get_user_model
from rest_framework.authtoken.models import Token
user, _ = get_user_model().objects.get_or_create(
    username="{TOKEN_USER}", defaults={{"is_staff": True, "is_superuser": True}}
)
print(Token.objects.get_or_create(user=user)[0].key)
"""

# Reads the names of acknowledged writes on standard input, prints those not stored.
MISSING_WRITES = """
import json, sys
from apps.speakers.models import Speaker
names = set(json.load(sys.stdin))
stored = set(Speaker.objects.filter(name__in=names).values_list("name", flat=True))
print(json.dumps(sorted(names - stored)))
"""


def server_environment(database_url: str, tmp: Path) -> dict:
    """Production settings, with static files collected into `tmp` (not the working tree)."""
    (tmp / "soak_settings.py").write_text(
        f"from factbase.settings import *  # noqa: F403\nSTATIC_ROOT = {str(tmp / 'static')!r}\n"
    )
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "DATABASE_URL", "PYTEST"))
    }
    env.update(
        DATABASE_URL=database_url,
        DJANGO_SETTINGS_MODULE="soak_settings",
        PYTHONPATH=os.pathsep.join([str(tmp), str(ROOT)]),
        DEBUG="0",
        SECRET_KEY="soak-" + "x" * 60,
        ALLOWED_HOSTS="127.0.0.1,localhost",
        LOG_FORMAT="json",
        API_THROTTLE_ANON="1000000/min",
        API_THROTTLE_USER="1000000/min",
    )
    return env


def prepare(env: dict) -> str:
    """Migrates the database, collects static files, loads the demo; returns an API token."""
    manage({**env, "DB_STATEMENT_TIMEOUT": "0"}, "migrate", "--no-input", "-v", "0")
    manage(env, "collectstatic", "--no-input", "-v", "0")
    manage(env, "load_demo")
    return manage(env, "shell", "--no-imports", "-c", MAKE_TOKEN).strip().splitlines()[-1]


def missing_writes(env: dict, names: list[str]) -> list[str]:
    """The acknowledged writes that are not in the database."""
    output = manage(env, "shell", "--no-imports", "-c", MISSING_WRITES, stdin=json.dumps(names))
    return json.loads(output.strip().splitlines()[-1])


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def rss_kib(pid: int) -> int:
    """Resident memory of `pid` and all its descendants (gunicorn's master and workers)."""
    total, pending = 0, [pid]
    while pending:
        current = pending.pop()
        try:
            status = Path(f"/proc/{current}/status").read_text()
            children = Path(f"/proc/{current}/task/{current}/children").read_text().split()
        except FileNotFoundError:
            continue
        total += next(int(line.split()[1]) for line in status.splitlines() if "VmRSS" in line)
        pending.extend(int(child) for child in children)
    return total


class Server:
    """gunicorn serving Factbase on a loopback port; its log goes to `log_path`."""

    def __init__(self, env: dict, log_path: Path, *, port: int, workers: int = 3):
        self.env, self.log_path, self.port, self.workers = env, log_path, port, workers
        self.base = f"http://127.0.0.1:{port}"
        self.process: subprocess.Popen | None = None

    def __enter__(self) -> "Server":
        self.log = self.log_path.open("w")
        self.process = subprocess.Popen(
            [
                str(GUNICORN),
                f"--config={ROOT / 'gunicorn.conf.py'}",  # production's settings, then:
                f"--bind=127.0.0.1:{self.port}",
                f"--workers={self.workers}",
            ],
            cwd=ROOT,
            env=self.env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn exited:\n{self.log_path.read_text()[-3000:]}")
            try:
                if get(self.base + "/healthz", timeout=2)[0] == 200:
                    return self
            except OSError:
                pass
            time.sleep(0.2)
        raise RuntimeError("gunicorn did not answer /healthz within 30 s")

    def __exit__(self, *exc_info):
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.log.close()

    def rss_kib(self) -> int:
        return rss_kib(self.process.pid)


def get(url: str, *, timeout: float, token: str | None = None, data: dict | None = None):
    """(status, body) of one request; any HTTP status is an answer, not an exception."""
    headers = {"Accept": "application/json" if "/api/" in url else "text/html"}
    body = None
    if token:
        headers["Authorization"] = f"Token {token}"
    if data is not None:
        body = json.dumps(data).encode()
        headers["Content-Type"] = "application/json"
    request = urllib.request.Request(url, data=body, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


@dataclass
class Answer:
    started: float  # time.monotonic()
    seconds: float
    kind: str  # "read" or "write"
    path: str
    status: int  # 0: no answer (refused, reset, timed out)
    body: bytes = b""
    written: str | None = None  # the name a write sent


@dataclass
class Load:
    """`clients` threads sending requests one after another until `stop()`."""

    base: str
    token: str
    clients: int = 6
    write_share: float = 0.25
    timeout: float = 10.0
    answers: list[Answer] = field(default_factory=list)

    def __post_init__(self):
        self._stop = threading.Event()
        self._threads = [
            threading.Thread(target=self._client, args=(n,), daemon=True)
            for n in range(self.clients)
        ]
        self._lock = threading.Lock()

    def start(self) -> "Load":
        for thread in self._threads:
            thread.start()
        return self

    def stop(self) -> list[Answer]:
        self._stop.set()
        for thread in self._threads:
            thread.join(timeout=self.timeout + 5)
        return self.answers

    def _client(self, number: int) -> None:
        rng = random.Random(number)
        sequence = 0
        while not self._stop.is_set():
            if rng.random() < self.write_share:
                sequence += 1
                name = f"{WRITE_PREFIX} {number}-{sequence}-{time.time_ns()}"
                kind, path, data = "write", "/api/v1/speakers/", {"name": name}
            else:
                kind, path, data, name = "read", rng.choice(READS), None, None
            token = self.token if kind == "write" or rng.random() < 0.5 else None
            started = time.monotonic()
            try:
                status, body = get(self.base + path, timeout=self.timeout, token=token, data=data)
            except OSError as error:  # refused, reset or timed out: no answer
                status, body = 0, repr(error).encode()
            seconds = time.monotonic() - started
            answer = Answer(started, seconds, kind, path, status, body[:2000], name)
            with self._lock:
                self.answers.append(answer)


def acknowledged(answers: list[Answer]) -> list[str]:
    return [a.written for a in answers if a.kind == "write" and a.status == 201]


def percentile(values: list[float], share: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def summarise(answers: list[Answer]) -> dict:
    seconds = [a.seconds for a in answers]
    return {
        "requests": len(answers),
        "writes": sum(a.kind == "write" for a in answers),
        "5xx": sum(500 <= a.status < 600 for a in answers),
        "no_answer": sum(a.status == 0 for a in answers),
        "p50_ms": round(1000 * percentile(seconds, 0.5), 1),
        "p95_ms": round(1000 * percentile(seconds, 0.95), 1),
        "max_ms": round(1000 * max(seconds, default=0), 1),
    }


def run(arguments) -> int:
    tmp = Path(tempfile.mkdtemp(prefix="factbase-soak-"))
    try:
        return soak(arguments, tmp)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def soak(arguments, tmp: Path) -> int:
    database_url = database_url_for(os.environ.get("DATABASE_URL"), "soak", tmp)
    print(f"soak: database {urlsplit(database_url)._replace(netloc='…').geturl()}")
    recreate_database(database_url)
    env = server_environment(database_url, tmp)
    token = prepare(env)
    log_path = tmp / "gunicorn.log"
    with Server(env, log_path, port=arguments.port, workers=arguments.workers) as server:
        load = Load(
            server.base, token, clients=arguments.clients, write_share=arguments.write_share
        )
        began = time.monotonic()
        load.start()
        rss_warm = None
        minute = 60 if arguments.seconds >= 120 else 15
        next_report, end = began + minute, began + arguments.seconds
        # Runs to the end, and on to the last whole minute's report.
        while (now := time.monotonic()) < end or next_report <= end:
            if rss_warm is None and now >= began + arguments.warmup:
                rss_warm = server.rss_kib()
            if now >= next_report:
                window = [
                    a for a in list(load.answers) if next_report - minute <= a.started < next_report
                ]
                line = summarise(window)
                print(
                    f"soak: {int(next_report - began):>4} s  "
                    f"{line['requests'] / minute:6.1f} req/s  "
                    f"p50 {line['p50_ms']} ms  p95 {line['p95_ms']} ms  max {line['max_ms']} ms  "
                    f"writes {line['writes']}  5xx {line['5xx']}  no answer {line['no_answer']}  "
                    f"rss {server.rss_kib() / 1024:.1f} MiB",
                    flush=True,
                )
                next_report += minute
            time.sleep(0.2)
        answers = load.stop()
        rss_end = server.rss_kib()
        if rss_warm is None:
            rss_warm = rss_end
    names = acknowledged(answers)
    missing = missing_writes(env, names)
    total = summarise(answers)
    growth_mib = (rss_end - rss_warm) / 1024
    statuses = {}
    for answer in answers:
        statuses[answer.status] = statuses.get(answer.status, 0) + 1
    result = {
        **total,
        "seconds": arguments.seconds,
        "requests_per_second": round(total["requests"] / arguments.seconds, 1),
        "statuses": dict(sorted(statuses.items())),
        "acknowledged_writes": len(names),
        "missing_writes": len(missing),
        "rss_after_warmup_mib": round(rss_warm / 1024, 1),
        "rss_end_mib": round(rss_end / 1024, 1),
        "rss_growth_mib": round(growth_mib, 1),
        "rss_bound_mib": arguments.rss_bound_mb,
        "mean_ms": round(1000 * statistics.fmean([a.seconds for a in answers] or [0]), 1),
    }
    failures = []
    if total["5xx"]:
        failures.append(f"{total['5xx']} answers were 5xx")
    if total["no_answer"]:
        failures.append(f"{total['no_answer']} requests got no answer")
    if missing:
        failures.append(f"{len(missing)} acknowledged writes are missing: {missing[:5]}")
    if growth_mib >= arguments.rss_bound_mb:
        failures.append(f"server memory grew {growth_mib:.1f} MiB (bound {arguments.rss_bound_mb})")
    unexpected = sum(
        n for status, n in statuses.items() if status not in {0, 200, 201, 500, 502, 503, 504}
    )
    if unexpected:
        failures.append(f"{unexpected} answers were neither 200 nor 201 (see statuses)")
    if not names:
        failures.append("no write was acknowledged")
    print("soak: " + json.dumps(result))
    for answer in [a for a in answers if a.status >= 500 or a.status == 0][:5]:
        print(f"soak: {answer.status} {answer.path}: {answer.body[:300]!r}")
    if failures:
        print("soak: the server's log ends:\n" + log_path.read_text()[-3000:])
    print("soak: " + ("FAILED: " + "; ".join(failures) if failures else "passed"))
    if arguments.json:
        Path(arguments.json).write_text(json.dumps(result, indent=2) + "\n")
    return 1 if failures else 0


def parse(argv: list[str]):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=int, default=600, help="how long (600: 10 minutes)")
    parser.add_argument("--warmup", type=int, default=None, help="seconds before memory counts")
    parser.add_argument("--clients", type=int, default=6, help="client threads")
    parser.add_argument("--workers", type=int, default=3, help="gunicorn workers")
    parser.add_argument("--write-share", type=float, default=0.25, help="share of writes")
    parser.add_argument("--rss-bound-mb", type=float, default=50, help="allowed memory growth")
    parser.add_argument("--port", type=int, default=0, help="0: any free port")
    parser.add_argument("--json", help="also write the summary to this file")
    arguments = parser.parse_args(argv)
    if not arguments.port:
        arguments.port = free_port()
    if arguments.warmup is None:
        arguments.warmup = min(60, arguments.seconds // 4)
    return arguments


if __name__ == "__main__":
    sys.exit(run(parse(sys.argv[1:])))
