"""One comparison: export, workloads, query counts, servers, load; the results as JSON."""

import json
import os
import subprocess
import sys
import time
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path

from django.conf import settings
from django.core.cache import caches
from django.db import connection

from apps.claims.models import Claim
from apps.quotes.models import Quote
from apps.sources.models import Source
from apps.speakers.models import Speaker
from bench.compare import writers as editors
from bench.compare.neighbours import find_pool_neighbours
from bench.compare.pools import DEFAULT_EXPONENT, DEFAULT_POOL
from bench.compare.proxy import Varnish
from bench.compare.queries import count_queries
from bench.compare.report import render, render_mode
from bench.compare.servers import collect_static, start_datasette, start_factbase
from bench.compare.warm import warm
from bench.compare.workloads import DATASETTE_DB, build_workloads, follow_next, pool_workloads
from bench.export import datasette_metadata, export_sqlite
from bench.harness import free_port

RESULTS = Path(settings.BASE_DIR) / "bench" / "results"
JSON = {"Accept": "application/json"}
# The response cache's alias in settings.CACHES (apps/ops/response_cache.py), emptied before
# each mode.
CACHE_ALIAS = "responses"


# The three modes of a run, each printed: (key, title, Factbase's settings, editors at work).
MODES = {
    "a": ("cache on, readers only", {}, False),
    "b": ("cache off", {"RESPONSE_CACHE": "0"}, False),
    "c": ("cache on, an editor saving every 2 s and a reviewer publishing every 30 s", {}, True),
    # (c) with the documented caching proxy in front (bench/compare/proxy.py): readers ask
    # Varnish, the writers Factbase, whose visible writes purge Varnish by key.
    "d": (
        "as (c), Varnish in front (deploy/varnish/factbase.vcl), purged by the writes",
        {},
        True,
    ),
}
# The modes whose readers ask a Varnish in front of Factbase.
PROXIED = frozenset({"d"})


@dataclass
class Options:
    clients: int = 8
    duration: float = 8.0
    warmup: float = 1.5
    # gunicorn.conf.py's default (WEB_CONCURRENCY unset), as deployed: one per core, at least 2
    workers: int = max(2, len(os.sched_getaffinity(0)))  # the benchmark runs on Linux
    sample: int = 40
    words: int = 10
    reexport: bool = False
    only: tuple[str, ...] = ()
    max_requests: int | None = None
    label: str = ""
    driver: str = "wrk"  # or "httpx": bench/loadgen.py
    pool: int = DEFAULT_POOL  # distinct targets per workload, Zipf order; 0: `sample` in turn
    zipf: float = DEFAULT_EXPONENT
    seed: int = 0
    modes: str = "abc"
    warm: bool = True  # read both databases into the file cache first (bench/compare/warm.py)


def counts() -> dict:
    """The rows of the database; not the claims the benchmark's own writers made (they
    change nothing Datasette's export is asked for, so they do not make it stale)."""
    return {
        "speakers": Speaker.objects.count(),
        "sources": Source.objects.count(),
        "quotes": Quote.objects.count(),
        "claims": Claim.objects.exclude(created_by__in=editors.writer_ids()).count(),
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
    """One comparison on the default database, in each mode of `options.modes`; the
    results (also written as JSON)."""
    RESULTS.mkdir(parents=True, exist_ok=True)
    _require_migrated()
    data = counts()
    name = Path(str(connection.settings_dict["NAME"])).stem
    say(f"{connection.vendor} database {name}: " + ", ".join(f"{v:,} {k}" for k, v in data.items()))
    sqlite_path = exported_file(options, data, say)
    if options.warm:
        say("Reading both databases into the file cache …")
        warm(sqlite_path, say=say)
    metadata = RESULTS / "datasette-metadata.json"
    metadata.write_text(json.dumps(datasette_metadata(DATASETTE_DB)))
    if options.pool:
        say(
            f"Choosing pools of up to {options.pool:,} targets per workload from the data, "
            f"in a Zipf order (exponent {options.zipf:g}, seed {options.seed}) …"
        )
        workloads = pool_workloads(
            pool=options.pool,
            exponent=options.zipf,
            seed=options.seed,
            exclude_claims_by=editors.writer_ids(),
        )
    else:
        say("Choosing the URLs from the data …")
        workloads = build_workloads(sample=options.sample, words=options.words)
    if options.only:
        workloads = [w for w in workloads if w.name in options.only]
    if options.pool:
        say("Finding the similar claims of the pool's claims, as a live site has them …")
        find_pool_neighbours(workloads, say=say)
    if any(MODES[key][2] for key in options.modes):
        tokens = editors.writer_accounts()
    say("Counting queries per request …")
    count_queries(workloads)
    collect_static()
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    datasette = start_datasette(
        sqlite_path, metadata=metadata, log=RESULTS / f"datasette-{name}.log"
    )
    modes, memory = [], {}
    try:
        datasette.wait_ready()
        for key in options.modes:
            title, environment, writing = MODES[key]
            say(f"Mode ({key}): {title}")
            # Each mode starts from an empty response cache: a previous run's entries
            # would hand it hits it did not earn.
            caches[CACHE_ALIAS].clear()
            proxy_port = free_port() if key in PROXIED else None
            if proxy_port:
                environment = {**environment, "CACHE_PURGE_URLS": f"http://127.0.0.1:{proxy_port}/"}
            factbase = start_factbase(
                database_url=database_url(),
                workers=options.workers,
                log=RESULTS / f"factbase-{name}-{key}.log",
                environment=environment,
            )
            proxy = None
            try:
                factbase.wait_ready()
                front = factbase
                if proxy_port:
                    proxy = Varnish(
                        port=proxy_port,
                        backend_port=factbase.port,
                        log=RESULTS / f"varnish-{name}-{key}.log",
                    ).start()
                    proxy.wait_ready()
                    front = proxy
                if not options.pool and not modes:
                    for workload in workloads:
                        if workload.name == "deep page":
                            follow_next(workload, factbase=factbase.base, datasette=datasette.base)
                spec = _spec(options, workloads, front, datasette, behind=factbase)
                writers = prepared = None
                if writing:
                    runs = len(spec["runs"])
                    seconds = runs * (options.duration + max(1, round(options.warmup)) + 2)
                    prepared = editors.prepare(
                        factbase.base,
                        tokens,
                        ready=int(seconds // editors.PUBLISH_EVERY) + 2,
                        stamp=f"{stamp}-{key}",
                    )
                    history_before = editors.history_count(prepared["draft"])
                    caches[CACHE_ALIAS].clear()  # the preparation's writes are not the run's
                    writers = editors.Writers(factbase.base, tokens, prepared).start()
                try:
                    measured, load = _drive(options, spec, name, key, say)
                finally:
                    written = writers.stop() if writers is not None else None
                mode = {"mode": key, "title": title, "settings": environment, **load}
                if written is not None:
                    written["landed"] = editors.landed(prepared, writers, history_before)
                    mode["writers"] = written
                mode["memory"] = factbase.peak_rss_mib()
                if proxy is not None:
                    mode["proxy_memory"] = proxy.peak_rss_mib()
            finally:
                if proxy is not None:
                    proxy.stop()
                factbase.stop()
            if mode["memory"]["sum_mib"] > memory.get("factbase", {}).get("sum_mib", 0):
                memory["factbase"] = mode["memory"]
            mode["workloads"] = [
                {
                    "name": w.name,
                    "queries_per_request": w.queries,
                    "pool": w.pool_summary(),
                    "factbase": _find(measured, w.name, "factbase"),
                    "datasette": _find(measured, w.name, "datasette") if w.datasette else None,
                    "urls": {"factbase": w.factbase[:3], "datasette": w.datasette[:3]},
                }
                for w in workloads
            ]
            modes.append(mode)
            say(render_mode(mode))
        memory["datasette"] = datasette.peak_rss_mib()
    finally:
        datasette.stop()

    result = {
        "label": options.label,
        "started": stamp,
        "database": name,
        "counts": data,
        "machine": {
            "cpus": os.cpu_count(),
            "load_before": modes[0]["load_before"],
            "load_after": modes[-1]["load_after"],
        },
        "options": {k: (str(v) if isinstance(v, Path) else v) for k, v in asdict(options).items()},
        "factbase": {"server": "gunicorn", "workers": options.workers},
        "driver": options.driver,
        "primed": not options.pool,
        "datasette": {"version": _datasette_version(), "sqlite_bytes": sqlite_path.stat().st_size},
        "memory": memory,
        "modes": modes,
    }
    path = RESULTS / f"compare-{name}-{stamp}.json"
    path.write_text(json.dumps(result, indent=2))
    say(render(result))
    say(f"Written to {path}")
    return result


def _spec(options: Options, workloads, factbase, datasette, *, behind=None) -> dict:
    """The load's runs. `factbase` is what its readers ask; `behind`, the Factbase server
    behind it when that is a proxy, whose CPU counts too."""

    def one(w, target, server, urls, warm, headers=None) -> dict:
        pids = [server.process.pid]
        if target == "factbase" and behind is not None and behind is not server:
            pids.append(behind.process.pid)
        run = {
            "name": w.name,
            "target": target,
            "base": server.base,
            "urls": urls,
            "server_pid": pids if len(pids) > 1 else pids[0],
        }
        if warm:
            run["warmup_urls"] = warm
        if headers:
            run["headers"] = headers
        return run

    runs = []
    for w in workloads:
        runs.append(one(w, "factbase", factbase, w.factbase, w.warmup_factbase, JSON))
        if w.datasette:
            runs.append(one(w, "datasette", datasette, w.datasette, w.warmup_datasette))
    return {
        "clients": options.clients,
        "duration": options.duration,
        "warmup": options.warmup,
        "max_requests": options.max_requests,
        "driver": options.driver,
        # A pool of thousands is not primed: its short warm-up is all that comes before.
        "prime": not options.pool,
        "runs": runs,
    }


def _drive(options: Options, spec: dict, name: str, key: str, say) -> tuple[list, dict]:
    spec_path = RESULTS / f"spec-{name}-{key}.json"
    out_path = RESULTS / f"load-{name}-{key}.json"
    spec_path.write_text(json.dumps(spec, indent=1))
    load_before = os.getloadavg()
    say(
        f"Driving {options.clients} clients with {options.driver}, {options.duration:g} s "
        f"per workload and server (load average {load_before[0]:.2f}) …"
    )
    subprocess.run(
        [sys.executable, "-m", "bench.loadgen", str(spec_path), str(out_path)],
        check=True,
        cwd=settings.BASE_DIR,
    )
    measured = json.loads(out_path.read_text())
    return measured, {"load_before": load_before, "load_after": os.getloadavg()}


def _require_migrated() -> None:
    """The servers run the code as it is: a migration not applied to the benchmark's
    database makes them answer 500 or leave the cache unused, which would be measured."""
    from django.db.migrations.executor import MigrationExecutor

    pending = MigrationExecutor(connection).migration_plan(
        MigrationExecutor(connection).loader.graph.leaf_nodes()
    )
    if pending:
        names = ", ".join(f"{m.app_label}.{m.name}" for m, _ in pending[:5])
        raise RuntimeError(f"Migrations not applied to this database ({names}): run migrate.")


def _find(measured: list[dict], name: str, target: str) -> dict | None:
    return next((m for m in measured if m["workload"] == name and m["target"] == target), None)


def _datasette_version() -> str:
    from importlib.metadata import version

    return version("datasette")
