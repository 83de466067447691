"""What freezing the master's objects before the fork does to gunicorn's workers (issue 17):
gunicorn.conf.py's `when_ready` ends with `gc.collect(); gc.freeze()`.

For each variant, gunicorn is started from gunicorn.conf.py (`unfrozen`: the same file with
a `when_ready` that does not freeze) with `--workers` sync workers on DATABASE_URL, and
one client asks for the pages of bench_compare's long-tail pools (claim, speaker and source
pages, each target once, in turn: first visits, as a long tail's are) one after another.
It prints per variant the latency of the requests (p50, p99, p99.9, max, and how many took
over 40 ms: a worker's full garbage collection holds the request it is serving), then
each worker's memory from /proc/<pid>/smaps_rollup: unique (private pages, which a fork
copied on write) and proportional (PSS: shared pages split among the processes sharing
them).

    export DATABASE_URL=postgres://factbase:factbase@127.0.0.1:5432/bench
    .venv/bin/python -m bench.gc_freeze --requests 3000 --variant unfrozen --variant frozen
"""

import argparse
import statistics
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from bench.harness import ROOT, ServerProcess, free_port, process_tree, served_environment
from bench.in_process import set_up_django

BIN = Path(sys.executable).parent
WORKLOADS = ("claim page", "speaker page", "source page")
UNFROZEN = """\
import runpy

globals().update(runpy.run_path({config!r}))


def when_ready(server):
    from factbase.warm import warm_process

    _closing_connections(warm_process)
"""


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--variant", action="append", choices=("frozen", "unfrozen"))
    parser.add_argument("--requests", type=int, default=3000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--pool", type=int, default=2000)
    args = parser.parse_args(argv)
    set_up_django("gc-freeze")
    from bench.compare.workloads import pool_workloads

    pools = {w.name: w for w in pool_workloads(pool=args.pool, exponent=1.0)}
    urls = _interleaved([list(dict.fromkeys(pools[name].factbase)) for name in WORKLOADS])
    urls = urls[: args.requests]
    for variant in args.variant or ["unfrozen", "frozen"]:
        _report(variant, *_run(variant, urls, args.workers))
    return 0


def _interleaved(lists: list[list[str]]) -> list[str]:
    return [url for group in zip(*lists, strict=False) for url in group]


def _run(variant: str, urls: list[str], workers: int):
    config = ROOT / "gunicorn.conf.py"
    with tempfile.TemporaryDirectory() as scratch:
        if variant == "unfrozen":
            config = Path(scratch) / "unfrozen.conf.py"
            config.write_text(UNFROZEN.format(config=str(ROOT / "gunicorn.conf.py")))
        port = free_port()
        env = served_environment(RESPONSE_CACHE="0", LOG_LEVEL="WARNING", GUNICORN_MAX_REQUESTS="0")
        command = [str(BIN / "gunicorn"), "--config", str(config), "--bind", f"127.0.0.1:{port}"]
        server = ServerProcess(
            variant,
            [*command, "--workers", str(workers)],
            port=port,
            env=env,
            log=Path(scratch) / "gunicorn.log",
            ready_path="/readyz",
            ready_timeout=120,
        ).start()
        try:
            server.wait_ready()
            latencies = []
            for url in urls:
                start = time.perf_counter()
                with urllib.request.urlopen(server.base + url, timeout=30) as response:
                    response.read()
                latencies.append((time.perf_counter() - start) * 1000)
            memory = [_memory(pid) for pid in process_tree(server.process.pid)[1:]]
        finally:
            server.stop()
    return latencies, [m for m in memory if m]


def _memory(pid: int) -> dict | None:
    """kB of a process's resident pages: unique (private) and proportional (PSS)."""
    try:
        lines = Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines()
    except OSError:
        return None
    fields = {}
    for line in lines[1:]:
        name, _, rest = line.partition(":")
        fields[name] = int(rest.split()[0])
    return {
        "unique": fields["Private_Clean"] + fields["Private_Dirty"],
        "pss": fields["Pss"],
    }


def _report(variant: str, latencies: list[float], memory: list[dict]) -> None:
    ordered = sorted(latencies)

    def at(share: float) -> float:
        return ordered[min(len(ordered) - 1, int(len(ordered) * share))]

    slow = sum(1 for ms in latencies if ms > 40)
    print(
        f"{variant}: {len(latencies)} first visits, ms p50 {at(0.5):.1f} p99 {at(0.99):.1f} "
        f"p99.9 {at(0.999):.1f} max {ordered[-1]:.1f} mean {statistics.fmean(latencies):.1f}; "
        f"{slow} over 40 ms"
    )
    for label in ("unique", "pss"):
        values = ", ".join(f"{m[label] / 1024:.0f}" for m in memory)
        print(f"  workers' {label} MB: {values}")


if __name__ == "__main__":
    sys.exit(main())
