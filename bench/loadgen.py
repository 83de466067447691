"""The load driver: N concurrent HTTP clients over loopback, and what their timings say.

Run as its own process (`python -m bench.loadgen SPEC OUT`), so that the servers
under test share the machine with it but not an interpreter: SPEC is a JSON file of
runs, each a name, a base URL and the URLs to request in turn; OUT receives a summary
per run. Every client keeps one connection open where the server allows it (gunicorn's
sync workers close it after each answer, so those clients reconnect, as browsers would).
It imports neither Django nor the project's code but the benchmarks' own: the harness's
percentile, the server's CPU (bench/server_cpu.py) and the wrk driver (bench/wrk.py).
"""

import asyncio
import json
import resource
import sys
import time
import urllib.request
from dataclasses import dataclass, field
from itertools import count

from bench import wrk
from bench.harness import percentile
from bench.server_cpu import ServerCpu


@dataclass
class Timings:
    """Latencies (seconds) of the answered requests, and the failures, of one run; and the
    answers' `X-Cache` values (Factbase's response cache: hit or miss)."""

    latencies: list[float] = field(default_factory=list)
    errors: dict[str, int] = field(default_factory=dict)
    cache: dict[str, int] = field(default_factory=lambda: {"hit": 0, "miss": 0})

    def cached(self, value: str | None) -> None:
        if value in self.cache:
            self.cache[value] += 1

    def fail(self, reason: str) -> None:
        self.errors[reason] = self.errors.get(reason, 0) + 1

    def summary(self, elapsed: float) -> dict:
        """Requests per second over `elapsed` seconds and latency percentiles in ms.

        Only successful answers count as requests served; failures are listed apart.
        """
        ordered = sorted(self.latencies)
        ms = [value * 1000 for value in ordered]
        return {
            "requests": len(ordered),
            "errors": dict(sorted(self.errors.items())),
            "seconds": round(elapsed, 3),
            "rps": round(len(ordered) / elapsed, 1) if elapsed > 0 else 0.0,
            "p50_ms": round(percentile(ms, 50), 2),
            "p95_ms": round(percentile(ms, 95), 2),
            "p99_ms": round(percentile(ms, 99), 2),
            "mean_ms": round(sum(ms) / len(ms), 2) if ms else 0.0,
            "max_ms": round(ms[-1], 2) if ms else 0.0,
            **wrk.cache_figures(self.cache["hit"], self.cache["miss"]),
        }


async def drive(
    base: str,
    urls: list[str],
    *,
    clients: int,
    duration: float,
    warmup: float = 1.0,
    max_requests: int | None = None,
    headers: dict | None = None,
    server_pid: int | list[int] | None = None,
    warmup_urls: list[str] | None = None,
) -> dict:
    """Request `urls` in turn from `clients` concurrent clients for `warmup` seconds (not
    counted; `warmup_urls` instead when given), then for `duration` seconds (or until
    `max_requests` answers), and summarise.

    A request counts as served when it answers 200; any other status or a transport error
    is counted under its reason. With `server_pid`, also the CPU time that process, its
    descendants and their PostgreSQL backends spent per request served.
    """
    import httpx  # the `bench` and `dev` dependency groups

    next_index = count()
    timings = Timings()
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(
        base_url=base, limits=limits, timeout=30.0, headers=headers or {}
    ) as client:

        async def one(url: str, record: Timings | None) -> None:
            started = time.perf_counter()
            try:
                response = await client.get(url)
                await response.aread()
            except httpx.HTTPError as error:
                if record is not None:
                    record.fail(type(error).__name__)
                return
            took = time.perf_counter() - started
            if record is None:
                return
            record.cached(response.headers.get("x-cache"))
            if response.status_code == 200:
                record.latencies.append(took)
            else:
                record.fail(f"HTTP {response.status_code}")

        async def client_loop(until: float, record: Timings | None, paths: list[str]) -> None:
            while time.perf_counter() < until:
                if record is not None and max_requests and len(record.latencies) >= max_requests:
                    return
                await one(paths[next(next_index) % len(paths)], record)

        if warmup > 0:
            end = time.perf_counter() + warmup
            warm = warmup_urls or urls
            await asyncio.gather(*(client_loop(end, None, warm) for _ in range(clients)))
            next_index = count()
        server = ServerCpu(server_pid)
        cpu_before = _cpu_seconds()
        started = time.perf_counter()
        end = started + duration
        await asyncio.gather(*(client_loop(end, timings, urls) for _ in range(clients)))
        elapsed = time.perf_counter() - started
        summary = timings.summary(elapsed)
        summary["driver_cpu_seconds"] = round(_cpu_seconds() - cpu_before, 2)
        server.report(summary)
        return summary


def _cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def prime(base: str, urls: list[str], headers: dict | None = None) -> None:
    """Ask for each URL once, one at a time, before a run: every run then starts from the
    same place, each URL answered once, whatever the time its warm-up allows. What fails
    here fails again in the run, where it is counted."""
    for url in dict.fromkeys(urls):
        request = urllib.request.Request(base + url, headers=headers or {})
        try:
            with urllib.request.urlopen(request, timeout=60) as response:
                response.read()
        except OSError:
            pass


def run_spec(spec: dict) -> list[dict]:
    """Each run of `spec` in turn: {"clients", "duration", "warmup", "driver"?,
    "max_requests"?, "prime"?, "runs": [{"name", "target", "base", "urls", "warmup_urls"?,
    "headers"?, "server_pid"?}]}. The driver is "httpx" (this module, the default) or
    "wrk" (bench/wrk.py, which ignores max_requests). Each run's URLs are primed (asked
    for once each) unless "prime" is false: a pool of thousands is not (its warm-up is
    then the only thing before the measured run)."""
    results = []
    for run in spec["runs"]:
        if spec.get("prime", True):
            prime(run["base"], run["urls"], run.get("headers"))
        options = {
            "clients": spec["clients"],
            "duration": spec["duration"],
            "warmup": spec.get("warmup", 1.0),
            "headers": run.get("headers"),
            "server_pid": run.get("server_pid"),
            "warmup_urls": run.get("warmup_urls"),
        }
        if spec.get("driver", "httpx") == "wrk":
            summary = wrk.drive(run["base"], run["urls"], **options)
        else:
            summary = asyncio.run(
                drive(run["base"], run["urls"], max_requests=spec.get("max_requests"), **options)
            )
        results.append({"workload": run["name"], "target": run["target"], **summary})
        print(
            f"  {run['target']:>9}  {run['name']:<28} {summary['rps']:>8.1f} req/s  "
            f"p95 {summary['p95_ms']:>8.1f} ms  errors {sum(summary['errors'].values())}  "
            f"server CPU/request {summary.get('server_cpu_ms_per_request')} ms  "
            f"hit rate {summary.get('hit_rate')}",
            file=sys.stderr,
            flush=True,
        )
    return results


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print("usage: python -m bench.loadgen SPEC.json OUT.json", file=sys.stderr)
        return 2
    with open(argv[0]) as spec_file:
        spec = json.load(spec_file)
    results = run_spec(spec)
    with open(argv[1], "w") as out:
        json.dump(results, out, indent=2)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
