"""Soak test: a bounded load on loopback against gunicorn, with nothing lost and no 5xx.

    DATABASE_URL=postgres://factbase:factbase@127.0.0.1:5432/factbase \
        .venv/bin/python -m bench.soak                 # 10 minutes
    .venv/bin/python -m bench.soak --seconds 45        # the short form CI runs

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
measures the server, not the limiter. The site under test is bench/instance.py's, the load
bench/load.py's: tests/ops/test_postgres_restart.py reuses both.
"""

import argparse
import json
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit

from bench.harness import free_port
from bench.instance import (
    Server,
    database_url_for,
    missing_writes,
    prepare,
    recreate_database,
    server_environment,
)
from bench.load import Load, acknowledged, summarise


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


def main(argv: list[str]) -> int:
    return run(parse(argv))


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
