"""The load driver on wrk: the same runs as bench/loadgen.py's, driven by a C tool.

A Python load generator shares the server's cores and spends more CPU per request than a
cached answer costs the server (2.5–3.6 ms against 3–5 ms, measured with the httpx driver
on this 2-core machine), so on one machine it measures the generator as much as the
server. wrk (Debian's `wrk` package) spends about 0.1 ms a request (measured, a new
connection each time included). It is a closed loop like the httpx driver: `clients`
connections, each sending its next request when the last one is answered; gunicorn's sync
workers close each connection, so wrk reconnects.

wrk's own figures are used: its latency histogram (microseconds, from writing a request
to reading its whole answer, connecting not included) covers every answer, failures
too; a request counts as served when its answer was read whole with a status under 400.
The script's `response()` also counts the answers' `X-Cache` header, hit or miss (Factbase's
response cache marks each anonymous answer it may cache), per thread, summed in `done()`:
the hit rate is hits over the answers that carry the header (none: no rate).
"""

import json
import os
import resource
import shutil
import subprocess
import tempfile
from pathlib import Path

from bench.server_cpu import ServerCpu

SCRIPT = Path(__file__).with_name("wrk_paths.lua")
TIMEOUT = "30s"  # the httpx driver's too: a slow answer is measured, not dropped


class WrkMissing(RuntimeError):
    pass


def executable() -> str:
    found = shutil.which("wrk")
    if found is None:
        raise WrkMissing(
            "wrk is not installed: `apt-get install wrk` (Debian), or run the benchmark "
            "with --driver httpx."
        )
    return found


def drive(
    base: str,
    urls: list[str],
    *,
    clients: int,
    duration: float,
    warmup: float = 1.0,
    headers: dict | None = None,
    server_pid: int | list[int] | None = None,
    warmup_urls: list[str] | None = None,
) -> dict:
    """Request `urls` in turn over `clients` connections for `warmup` seconds (not
    counted; `warmup_urls` instead when given), then for `duration` seconds, and summarise
    as loadgen.Timings.summary() does (with the server's CPU per request when
    `server_pid` is given, and the response cache's hit rate)."""
    wrk = executable()
    with tempfile.TemporaryDirectory(prefix="factbase-wrk-") as directory:
        paths = Path(directory) / "paths.txt"
        paths.write_text("".join(f"{url}\n" for url in urls))
        command = _command(wrk, base, paths, clients=clients, headers=headers or {})
        if warmup > 0:
            warm = command
            if warmup_urls:
                warm_paths = Path(directory) / "warmup.txt"
                warm_paths.write_text("".join(f"{url}\n" for url in warmup_urls))
                warm = _command(wrk, base, warm_paths, clients=clients, headers=headers or {})
            _run(warm, warmup)
        server = ServerCpu(server_pid)
        driver_before = _children_cpu_seconds()
        figures = _run(command, duration)
        summary = summarise(figures)
        summary["driver_cpu_seconds"] = round(_children_cpu_seconds() - driver_before, 2)
    server.report(summary)
    return summary


def _command(wrk: str, base: str, paths: Path, *, clients: int, headers: dict) -> list[str]:
    threads = max(1, min(clients, os.cpu_count() or 1))
    command = [wrk, "--threads", str(threads), "--connections", str(clients)]
    command += ["--timeout", TIMEOUT, "--script", str(SCRIPT)]
    for name, value in headers.items():
        command += ["--header", f"{name}: {value}"]
    return [*command, base.rstrip("/"), "--", str(paths)]


def _run(command: list[str], seconds: float) -> dict:
    """Run wrk for `seconds` and return the JSON its script prints last."""
    timed = [*command[:1], "--duration", f"{max(1, round(seconds))}s", *command[1:]]
    completed = subprocess.run(timed, capture_output=True, text=True, check=False)
    if completed.returncode != 0:
        raise RuntimeError(f"wrk failed ({completed.returncode}): {completed.stderr.strip()}")
    lines = [line for line in completed.stdout.splitlines() if line.startswith("{")]
    if not lines:
        raise RuntimeError(f"wrk printed no summary: {completed.stdout.strip()}")
    return json.loads(lines[-1])


def summarise(figures: dict) -> dict:
    """wrk's figures (microseconds) as a loadgen summary (milliseconds)."""
    failures = {
        "HTTP 4xx/5xx": figures["status"],
        "connect": figures["connect"],
        "read": figures["read"],
        "write": figures["write"],
        "timeout": figures["timeout"],
    }
    errors = {reason: count for reason, count in sorted(failures.items()) if count}
    # wrk's requests are the answers read whole, failed statuses included. Its timeouts are
    # listed apart, not subtracted: wrk counts a request that is still waiting once per
    # check (every 2 s), so they are a count of checks, not of requests.
    served = max(0, figures["requests"] - figures["status"])
    seconds = figures["duration_us"] / 1e6
    return {
        "requests": served,
        "errors": errors,
        "seconds": round(seconds, 3),
        "rps": round(served / seconds, 1) if seconds > 0 else 0.0,
        "p50_ms": round(figures["p50_us"] / 1000, 2),
        "p95_ms": round(figures["p95_us"] / 1000, 2),
        "p99_ms": round(figures["p99_us"] / 1000, 2),
        "mean_ms": round(figures["mean_us"] / 1000, 2),
        "max_ms": round(figures["max_us"] / 1000, 2),
        **cache_figures(figures.get("cache_hit", 0), figures.get("cache_miss", 0)),
    }


def cache_figures(hits: int, misses: int) -> dict:
    """The answers marked `X-Cache: hit` and `miss`, and the hit rate among them (None when
    no answer carried the header: Datasette, or Factbase with its cache off)."""
    marked = hits + misses
    return {
        "cache": {"hit": hits, "miss": misses},
        "hit_rate": round(hits / marked, 4) if marked else None,
    }


def _children_cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime
