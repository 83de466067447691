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
from django.db import connection

from apps.claims.models import Claim
from apps.quotes.models import Quote
from apps.sources.models import Source
from apps.speakers.models import Speaker
from bench.compare.queries import count_queries
from bench.compare.report import render
from bench.compare.servers import collect_static, start_datasette, start_factbase
from bench.compare.workloads import DATASETTE_DB, build_workloads, follow_next
from bench.export import datasette_metadata, export_sqlite

RESULTS = Path(settings.BASE_DIR) / "bench" / "results"


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
    driver: str = "wrk"  # or "httpx": bench/loadgen.py


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
    try:
        datasette = start_datasette(
            sqlite_path, metadata=metadata, log=RESULTS / f"datasette-{name}.log"
        )
    except BaseException:  # no datasette (the `bench` group not installed): stop Factbase
        factbase.stop()
        raise
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
            [sys.executable, "-m", "bench.loadgen", str(spec_path), str(out_path)],
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
