"""Factbase and Datasette side by side on the same data, under the same load.

One run, against the database of DATABASE_URL:

1. export the public rows to SQLite for Datasette (apps/bench/export.py; kept between runs
   while the database's counts are unchanged);
2. pick each workload's URLs from the data: the same speakers, claims, words and list
   positions for both servers;
3. count the SQL queries of a few requests of each Factbase workload, in this process
   through Django's test client (the servers run with DEBUG off and keep no count);
4. start Datasette (immutable, facet suggestions off) and Factbase as deployed (gunicorn,
   DEBUG off, this PostgreSQL database), both on loopback;
5. drive each workload on each server in turn from a separate process
   (apps/bench/loadgen.py), then read the peak memory of every server process;
6. print the table and write everything as JSON.
"""

import base64
import json
import logging
import os
import random
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import quote, urlencode, urlsplit

from django.conf import settings
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings

from apps.bench.export import datasette_metadata, export_sqlite
from apps.bench.loadgen import process_tree
from apps.claims.models import Claim
from apps.quotes.models import Quote
from apps.sources.models import Source
from apps.speakers.models import Speaker

BIN = Path(sys.executable).parent
RESULTS = Path(settings.BASE_DIR) / "bench" / "results"
DATASETTE_DB = "factbase"  # the database's name in Datasette's URLs
PAGE = 20


@dataclass
class Workload:
    name: str
    factbase: list[str]
    datasette: list[str] = field(default_factory=list)
    queries: dict = field(default_factory=dict)


# --- picking the URLs -------------------------------------------------------------------


def _spread(queryset, count: int) -> list:
    """About `count` rows spread evenly over the primary keys (cheap at any size)."""
    high = queryset.order_by("-pk").values_list("pk", flat=True).first() or 0
    step = max(1, high // (count * 3))
    rows = list(queryset.filter(pk__in=range(1, high + 1, step)).order_by("pk"))
    random.Random(0).shuffle(rows)
    return rows[:count]


def _drf_cursor(position: str) -> str:
    """A DRF cursor (see rest_framework.pagination.CursorPagination.encode_cursor) for the
    page that starts after `position`: what a `next` link deep in the list carries."""
    return base64.b64encode(urlencode({"p": position}).encode()).decode()


def _path(url: str) -> str:
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


def build_workloads(*, sample: int = 40, words: int = 10) -> list[Workload]:
    """Every workload's URLs, taken from the data of the default database."""
    from apps.bench.search_bench import build_workloads as search_queries

    db = f"/{DATASETTE_DB}"
    objects = "_shape=objects"
    public_quotes = Quote.objects.public()
    # Speakers as readers meet them: drawn through their quotes, so prolific ones come up
    # as often as they are quoted.
    speaker_ids = list(
        dict.fromkeys(q.speaker_id for q in _spread(public_quotes, sample * 3) if q.speaker_id)
    )[:sample]
    speakers = list(Speaker.objects.public().filter(pk__in=speaker_ids))
    claims = _spread(Claim.objects.public(), sample)
    sources = _spread(Source.objects.public(), sample)
    search = {w.name: w.queries for w in search_queries(per_kind=words)}
    common, rare = search["search: common word"], search["search: rare word"]
    sentences = search["match_claims"]

    workloads = [
        Workload(
            "speaker's quotes",
            [f"/api/v1/quotes/?speaker={s.slug}" for s in speakers],
            [
                f"{db}/quotes.json?speaker_id={s.pk}&_sort_desc=said_on&_size={PAGE}&{objects}"
                for s in speakers
            ],
        ),
        Workload(
            "claim with citations",
            [f"/api/v1/claims/{c.pk}/" for c in claims],
            [
                f"{db}/citations.json?claim_id={c.pk}&_labels=on&_size={PAGE}&{objects}"
                for c in claims
            ],
        ),
        Workload(
            "search: common word",
            [f"/api/v1/search/?{urlencode({'q': w, 'kind': 'quote'})}" for w in common],
            [
                f"{db}/quotes.json?{urlencode({'_search': w})}&_size={PAGE}&{objects}"
                for w in common
            ],
        ),
        Workload(
            "search: rare word",
            [f"/api/v1/search/?{urlencode({'q': w, 'kind': 'quote'})}" for w in rare],
            [f"{db}/quotes.json?{urlencode({'_search': w})}&_size={PAGE}&{objects}" for w in rare],
        ),
    ]
    # Deep pages: start from list positions spread over the whole list (quotes newest first),
    # then follow each server's own `next` link; those links are what the workload asks.
    starts = [q for q in _spread(public_quotes, sample // 2) if q.said_on]
    workloads.append(
        Workload(
            "deep page",
            [f"/api/v1/quotes/?cursor={quote(_drf_cursor(q.said_on.isoformat()))}" for q in starts],
            [
                f"{db}/quotes.json?_sort_desc=said_on&_size={PAGE}&{objects}"
                f"&_next={q.said_on.isoformat()},{q.pk}"
                for q in starts
            ],
        )
    )
    workloads += [
        Workload("claim page", [c.get_absolute_url() for c in claims]),
        Workload("speaker page", [s.get_absolute_url() for s in speakers]),
        Workload("source page", [s.get_absolute_url() for s in sources]),
        Workload(
            "claim matching",
            [f"/api/v1/claims/similar/?{urlencode({'text': t})}" for t in sentences],
        ),
    ]
    return workloads


def follow_next(workload: Workload, *, factbase: str, datasette: str) -> None:
    """Replace the deep-page start URLs by the `next` links each server answers for them.

    A start that a server cannot answer (Datasette interrupts a query after its time limit
    and answers 400) is dropped for both servers, so that both walk the same positions.
    """
    pairs = []
    for ours, theirs in zip(workload.factbase, workload.datasette, strict=True):
        ours_next = _next_link(factbase + ours, "next")
        theirs_next = _next_link(datasette + theirs, "next_url")
        if ours_next and theirs_next:
            pairs.append((_path(ours_next), _path(theirs_next)))
    if not pairs:
        raise RuntimeError("No deep page answered on both servers.")
    workload.factbase = [ours for ours, _ in pairs]
    workload.datasette = [theirs for _, theirs in pairs]


def _next_link(url: str, key: str, attempts: int = 3) -> str | None:
    for _ in range(attempts):
        request = urllib.request.Request(url, headers={"Accept": "application/json"})
        try:
            with urllib.request.urlopen(request, timeout=60) as response:
                return json.load(response)[key]
        except OSError:
            time.sleep(1)
    return None


# --- queries per request -----------------------------------------------------------------


def count_queries(workloads: list[Workload], *, per_workload: int = 3) -> None:
    """SQL queries of the first few URLs of each workload, served in this process, with the
    response cache off: what rendering the answer costs (a cache hit is one query)."""
    client = Client(HTTP_ACCEPT="application/json")
    logging.disable(logging.INFO)  # the access log line of each request, here on stdout
    try:
        _count_queries(client, workloads, per_workload)
    finally:
        logging.disable(logging.NOTSET)


def _count_queries(client: Client, workloads: list[Workload], per_workload: int) -> None:
    with override_settings(ALLOWED_HOSTS=["*"], DEBUG=False, RESPONSE_CACHE=False):
        for workload in workloads:
            counts = []
            for url in workload.factbase[:per_workload]:
                with CaptureQueriesContext(connection) as captured:
                    response = client.get(url)
                if response.status_code != 200:
                    raise RuntimeError(f"{url} answered {response.status_code}")
                counts.append(len(captured))
            workload.queries = {"min": min(counts), "max": max(counts)}


# --- servers ------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Server:
    """A server process (and its children) on loopback, with its log in `log`."""

    def __init__(
        self, name: str, command: list[str], *, port: int, env: dict, log: Path, ready_path: str
    ):
        self.name, self.port, self.ready_path = name, port, ready_path
        self.log = log.open("w")
        self.process = subprocess.Popen(
            command,
            env=env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
            cwd=settings.BASE_DIR,
        )

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def wait_ready(self, timeout: float = 120) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"{self.name} stopped at start-up; see {self.log.name}")
            try:
                with urllib.request.urlopen(self.base + self.ready_path, timeout=5):
                    return
            except OSError:
                time.sleep(0.3)
        raise RuntimeError(f"{self.name} did not answer within {timeout:.0f} s")

    def pids(self) -> list[int]:
        """This server's process and its descendants."""
        return process_tree(self.process.pid)

    def peak_rss_mib(self) -> dict:
        """Peak resident memory (VmHWM) of each process, summed and the largest, in MiB."""
        peaks = []
        for pid in self.pids():
            try:
                status = Path(f"/proc/{pid}/status").read_text()
            except OSError:
                continue
            for line in status.splitlines():
                if line.startswith("VmHWM:"):
                    peaks.append(int(line.split()[1]) / 1024)
        return {
            "processes": len(peaks),
            "sum_mib": round(sum(peaks), 1),
            "largest_mib": round(max(peaks, default=0), 1),
        }

    def stop(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()
        self.log.close()


def start_factbase(*, database_url: str, workers: int, log: Path) -> Server:
    port = free_port()
    env = {
        **os.environ,
        "DEBUG": "0",
        "SECRET_KEY": os.environ.get("SECRET_KEY") or "bench-" + os.urandom(24).hex(),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DATABASE_URL": database_url,
        # The load comes from one address: the production limits would answer 429 (DRF's
        # user throttle counts anonymous clients by address too, at API_THROTTLE_USER).
        "API_THROTTLE_ANON": "1000000/min",
        "API_THROTTLE_USER": "1000000/min",
    }
    command = [
        str(BIN / "gunicorn"),
        "factbase.wsgi:application",
        "--bind",
        f"127.0.0.1:{port}",
        "--workers",
        str(workers),
    ]
    return Server("Factbase", command, port=port, env=env, log=log, ready_path="/robots.txt")


def start_datasette(path: Path, *, metadata: Path, log: Path) -> Server:
    port = free_port()
    command = [
        str(BIN / "datasette"),
        "serve",
        "-i",
        str(path),
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--metadata",
        str(metadata),
        "--setting",
        "suggest_facets",
        "off",
    ]
    return Server(
        "Datasette",
        command,
        port=port,
        env=dict(os.environ),
        log=log,
        ready_path=f"/{DATASETTE_DB}.json",
    )


def collect_static() -> None:
    """The production storage needs the collected files and their manifest."""
    if not (Path(settings.STATIC_ROOT) / "staticfiles.json").exists():
        env = {
            **os.environ,
            "DEBUG": "0",
            "SECRET_KEY": "collectstatic-only-not-a-secret-used-for-this-one-step",
            "ALLOWED_HOSTS": "localhost",
        }
        subprocess.run(
            [sys.executable, "manage.py", "collectstatic", "--no-input", "-v", "0"],
            env=env,
            check=True,
            cwd=settings.BASE_DIR,
        )


# --- the run --------------------------------------------------------------------------------


@dataclass
class Options:
    clients: int = 8
    duration: float = 8.0
    warmup: float = 1.5
    workers: int = 4
    sample: int = 40
    words: int = 10
    reexport: bool = False
    only: tuple[str, ...] = ()
    max_requests: int | None = None
    label: str = ""
    driver: str = "wrk"  # or "httpx": apps/bench/loadgen.py


def counts() -> dict:
    return {
        "speakers": Speaker.objects.count(),
        "sources": Source.objects.count(),
        "quotes": Quote.objects.count(),
        "claims": Claim.objects.count(),
    }


def database_url() -> str:
    return os.environ.get("DATABASE_URL", "")


def exported_file(options: Options, data: dict, say) -> Path:
    """The SQLite export of this database, made again when the data changed."""
    name = connection.settings_dict["NAME"]
    # Datasette names a database after its file: one directory per database exported.
    path = RESULTS / f"sqlite-{Path(str(name)).stem}" / f"{DATASETTE_DB}.db"
    path.parent.mkdir(parents=True, exist_ok=True)
    stamp = path.with_suffix(".counts.json")
    fresh = path.exists() and stamp.exists() and json.loads(stamp.read_text()) == data
    if options.reexport or not fresh:
        say(f"Exporting the public rows to {path} …")
        started = time.perf_counter()
        export_sqlite(path, progress=lambda message: say(f"  {message}"))
        say(f"  exported in {time.perf_counter() - started:.0f} s")
        stamp.write_text(json.dumps(data))
    return path


def run(options: Options, *, say=print) -> dict:
    """One comparison on the default database; the results (also written as JSON)."""
    RESULTS.mkdir(parents=True, exist_ok=True)
    data = counts()
    name = Path(str(connection.settings_dict["NAME"])).stem
    say(f"{connection.vendor} database {name}: " + ", ".join(f"{v:,} {k}" for k, v in data.items()))
    sqlite_path = exported_file(options, data, say)
    metadata = RESULTS / "datasette-metadata.json"
    metadata.write_text(json.dumps(datasette_metadata(DATASETTE_DB)))
    say("Choosing the URLs from the data …")
    workloads = build_workloads(sample=options.sample, words=options.words)
    if options.only:
        workloads = [w for w in workloads if w.name in options.only]
    collect_static()
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    factbase = start_factbase(
        database_url=database_url(),
        workers=options.workers,
        log=RESULTS / f"factbase-{name}.log",
    )
    datasette = start_datasette(
        sqlite_path, metadata=metadata, log=RESULTS / f"datasette-{name}.log"
    )
    try:
        factbase.wait_ready()
        datasette.wait_ready()
        for workload in workloads:
            if workload.name == "deep page":
                follow_next(workload, factbase=factbase.base, datasette=datasette.base)
        say("Counting queries per request …")
        count_queries(workloads)
        spec = {
            "clients": options.clients,
            "duration": options.duration,
            "warmup": options.warmup,
            "max_requests": options.max_requests,
            "driver": options.driver,
            "runs": [
                run_
                for w in workloads
                for run_ in (
                    {
                        "name": w.name,
                        "target": "factbase",
                        "base": factbase.base,
                        "urls": w.factbase,
                        "server_pid": factbase.process.pid,
                        "headers": {"Accept": "application/json"},
                    },
                    *(
                        [
                            {
                                "name": w.name,
                                "target": "datasette",
                                "base": datasette.base,
                                "urls": w.datasette,
                                "server_pid": datasette.process.pid,
                            }
                        ]
                        if w.datasette
                        else []
                    ),
                )
            ],
        }
        spec_path = RESULTS / f"spec-{name}.json"
        out_path = RESULTS / f"load-{name}.json"
        spec_path.write_text(json.dumps(spec, indent=1))
        load_before = os.getloadavg()
        say(
            f"Driving {options.clients} clients with {options.driver}, {options.duration:g} s "
            f"per workload and server (load average {load_before[0]:.2f}) …"
        )
        subprocess.run(
            [sys.executable, "-m", "apps.bench.loadgen", str(spec_path), str(out_path)],
            check=True,
            cwd=settings.BASE_DIR,
        )
        load_after = os.getloadavg()
        measured = json.loads(out_path.read_text())
        memory = {"factbase": factbase.peak_rss_mib(), "datasette": datasette.peak_rss_mib()}
    finally:
        factbase.stop()
        datasette.stop()

    result = {
        "label": options.label,
        "started": stamp,
        "database": name,
        "counts": data,
        "machine": {"cpus": os.cpu_count(), "load_before": load_before, "load_after": load_after},
        "options": {k: (str(v) if isinstance(v, Path) else v) for k, v in asdict(options).items()},
        "factbase": {"server": "gunicorn", "workers": options.workers},
        "driver": options.driver,
        "datasette": {"version": _datasette_version(), "sqlite_bytes": sqlite_path.stat().st_size},
        "memory": memory,
        "workloads": [
            {
                "name": w.name,
                "queries_per_request": w.queries,
                "factbase": _find(measured, w.name, "factbase"),
                "datasette": _find(measured, w.name, "datasette") if w.datasette else None,
                "urls": {"factbase": w.factbase[:3], "datasette": w.datasette[:3]},
            }
            for w in workloads
        ],
    }
    path = RESULTS / f"compare-{name}-{stamp}.json"
    path.write_text(json.dumps(result, indent=2))
    say(render(result))
    say(f"Written to {path}")
    return result


def _find(measured: list[dict], name: str, target: str) -> dict | None:
    return next((m for m in measured if m["workload"] == name and m["target"] == target), None)


def _datasette_version() -> str:
    from importlib.metadata import version

    return version("datasette")


def _cpu(summary: dict | None) -> str:
    value = (summary or {}).get("server_cpu_ms_per_request")
    return "—" if value is None else f"{value:.1f}"


def render(result: dict) -> str:
    """The comparison as a text table (CPU: the server's, with its PostgreSQL backends,
    per request served)."""
    machine = result["machine"]
    lines = [
        f"{result['database']}: {result['counts']['quotes']:,} quotes; "
        f"load average {machine['load_before'][0]:.2f} before, "
        f"{machine['load_after'][0]:.2f} after ({machine['cpus']} CPUs)",
        f"{'workload':<22}{'queries':>8} | {'Factbase req/s':>14} {'p50':>7} {'p95':>7} "
        f"{'p99':>7} {'CPU':>6} | {'Datasette req/s':>15} {'p50':>7} {'p95':>7} {'p99':>7} "
        f"{'CPU':>6} | {'ratio':>6}",
    ]
    for w in result["workloads"]:
        f, d = w["factbase"], w["datasette"]
        q = w["queries_per_request"]
        queries = f"{q['min']}" if q.get("min") == q.get("max") else f"{q['min']}-{q['max']}"
        line = (
            f"{w['name']:<22}{queries:>8} | {f['rps']:>14.1f} {f['p50_ms']:>7.1f} "
            f"{f['p95_ms']:>7.1f} {f['p99_ms']:>7.1f} {_cpu(f):>6} | "
        )
        if d:
            ratio = f["rps"] / d["rps"] if d["rps"] else float("inf")
            line += (
                f"{d['rps']:>15.1f} {d['p50_ms']:>7.1f} {d['p95_ms']:>7.1f} {d['p99_ms']:>7.1f} "
                f"{_cpu(d):>6} | {ratio:>5.1f}×"
            )
        else:
            line += f"{'—':>15} {'':>7} {'':>7} {'':>7} {'':>6} | {'':>6}"
        errors = sum(f["errors"].values()) + (sum(d["errors"].values()) if d else 0)
        if errors:
            line += f"  ({errors} failed requests)"
        lines.append(line)
    m = result["memory"]
    lines.append(
        f"peak RSS: Factbase {m['factbase']['sum_mib']:.0f} MiB over "
        f"{m['factbase']['processes']} processes (largest {m['factbase']['largest_mib']:.0f}); "
        f"Datasette {m['datasette']['sum_mib']:.0f} MiB over {m['datasette']['processes']}"
    )
    return "\n".join(lines)


def render_scaling(small: dict, large: dict) -> str:
    """p95 at the larger size over p95 at the smaller, per workload and server."""
    lines = [
        f"p95 {large['counts']['quotes']:,} quotes / p95 {small['counts']['quotes']:,} quotes",
        f"{'workload':<22} | {'Factbase':>22} | {'Datasette':>22}",
    ]
    for wl in large["workloads"]:
        ws = next((w for w in small["workloads"] if w["name"] == wl["name"]), None)
        if ws is None:
            continue
        cells = []
        for target in ("factbase", "datasette"):
            a, b = ws[target], wl[target]
            if a and b and a["p95_ms"]:
                cells.append(
                    f"{a['p95_ms']:.1f} → {b['p95_ms']:.1f} ({b['p95_ms'] / a['p95_ms']:.2f}×)"
                )
            else:
                cells.append("—")
        lines.append(f"{wl['name']:<22} | {cells[0]:>22} | {cells[1]:>22}")
    return "\n".join(lines)
