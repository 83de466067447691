"""What one response-cache hit costs under gunicorn (issue 17): the server's CPU per request
(its workers, its master and their PostgreSQL backends, bench/server_cpu.py) while wrk asks
for one cached URL, for gunicorn's sync and gthread workers and with the log at INFO or
WARNING. `--after-write` makes a visible write first (a new generation), so that every hit
of the entry, stored before it, has its tokens checked (apps/ops/response_cache.py).

    export DATABASE_URL=postgres://factbase:factbase@127.0.0.1:5432/bench
    .venv/bin/python -m bench.hit_cost --variant sync --variant gthread --variant sync-warning
    .venv/bin/python -m bench.hit_cost --after-write --variant sync

The write is a bump of a key no response shows (`bench:hit-cost`): it changes the cache's
generation in that database, nothing else.
"""

import argparse
import re
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from bench.harness import free_port, served_environment
from bench.server_cpu import ServerCpu

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
VARIANTS = {
    "sync": ([], {}),
    "sync-warning": ([], {"LOG_LEVEL": "WARNING"}),
    "gthread": (["--worker-class", "gthread", "--threads", "4"], {}),
    "gthread-warning": (["--worker-class", "gthread", "--threads", "4"], {"LOG_LEVEL": "WARNING"}),
}
BUMP = (
    "import django; django.setup(); from apps.ops.staleness import bump; bump(['bench:hit-cost'])"
)


def run(variant: str, *, url: str, seconds: int, workers: int, after_write: bool) -> dict:
    flags, extra = VARIANTS[variant]
    port = free_port()
    env = served_environment(**extra)
    base = f"http://127.0.0.1:{port}"
    command = [str(BIN / "gunicorn"), "--bind", f"127.0.0.1:{port}", "--workers", str(workers)]
    server = subprocess.Popen(
        [*command, *flags], env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        for _ in range(300):
            try:
                urllib.request.urlopen(base + "/robots.txt", timeout=2).read()
                break
            except OSError:
                time.sleep(0.2)
        wrk = ["wrk", "--threads", "2", "--connections", "8"]
        subprocess.run([*wrk, "--duration", "2s", base + url], capture_output=True, check=True)
        if after_write:
            subprocess.run([sys.executable, "-c", BUMP], env=env, cwd=ROOT, check=True)
        cpu = ServerCpu(server.pid)
        out = subprocess.run(
            [*wrk, "--duration", f"{seconds}s", base + url], capture_output=True, text=True
        ).stdout
        summary = {"requests": int(re.search(r"(\d+) requests in", out).group(1))}
        cpu.report(summary)
        summary["rate"] = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
        summary["errors"] = bool(re.search(r"Non-2xx", out))
        headers = urllib.request.urlopen(base + url).headers
        summary["x_cache"] = headers.get("X-Cache")
        return summary
    finally:
        server.terminate()
        server.wait()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--variant", action="append", choices=sorted(VARIANTS))
    parser.add_argument("--url", default="/api/v1/search/?q=zeppelin&kind=quote")
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--after-write", action="store_true")
    args = parser.parse_args()
    for variant in args.variant or ["sync", "gthread"]:
        s = run(
            variant,
            url=args.url,
            seconds=args.seconds,
            workers=args.workers,
            after_write=args.after_write,
        )
        print(
            f"{variant:16} {s['rate']:8.1f} req/s  server CPU {s['server_cpu_ms_per_request']} ms"
            f"/request  X-Cache {s['x_cache']}{'  NON-2xx' if s['errors'] else ''}",
            flush=True,
        )


if __name__ == "__main__":
    main()
