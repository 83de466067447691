import json
import os
import subprocess
import sys
from pathlib import Path

import dj_database_url
from django.core.management.base import BaseCommand, CommandError

from apps.claims.models import Claim
from bench import wrk
from bench.compare import proxy, run
from bench.compare.pools import DEFAULT_EXPONENT, DEFAULT_POOL
from bench.compare.report import median_of_runs, render_scaling


class Command(BaseCommand):
    help = (
        "Factbase (gunicorn, DEBUG off, PostgreSQL) against Datasette on the same public "
        "rows exported to SQLite, under the same concurrent load, long-tail traffic (a pool "
        "of distinct targets per workload in a Zipf order) in three modes: cache on, cache "
        "off, cache on with an editor and a reviewer writing through the API. Per mode and "
        "workload: req/s, p50/p95/p99, server CPU and queries per request, cache hit rate, "
        "the targets met; JSON in bench/results/."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--quotes-db",
            action="append",
            default=[],
            metavar="NAME_OR_URL",
            help="A database to run against (a name on DATABASE_URL's server, or a URL); "
            "repeat it to compare sizes (p95 of the largest over the smallest).",
        )
        parser.add_argument("--clients", type=int, default=8)
        parser.add_argument("--duration", type=float, default=8.0, help="Seconds per run.")
        parser.add_argument("--warmup", type=float, default=1.5, help="Seconds before each.")
        parser.add_argument(
            "--workers",
            type=int,
            default=run.Options.workers,
            help="gunicorn workers (default: gunicorn.conf.py's, as deployed: one per core, "
            "at least 2).",
        )
        parser.add_argument(
            "--pool",
            type=int,
            default=DEFAULT_POOL,
            help="Distinct targets per workload, asked for in a Zipf order (fewer where the "
            "data has fewer). 0: the old cycle of --sample URLs per workload, each primed.",
        )
        parser.add_argument(
            "--zipf",
            type=float,
            default=DEFAULT_EXPONENT,
            help="The Zipf exponent of the order: the target of rank r is asked for in "
            "proportion to 1/r^s (0: uniform).",
        )
        parser.add_argument("--seed", type=int, default=0, help="Seed of the pools and order.")
        parser.add_argument(
            "--modes",
            default="abc",
            help="Which modes, in order: a (cache on, readers only), b (cache off), c (cache "
            "on, an editor saving a draft every 2 s and a reviewer publishing every 30 s), d "
            "(as c, with Varnish in front: deploy/varnish/factbase.vcl).",
        )
        parser.add_argument(
            "--sample", type=int, default=40, help="Objects per workload, with --pool 0."
        )
        parser.add_argument(
            "--words", type=int, default=10, help="Search words per kind, with --pool 0."
        )
        parser.add_argument("--only", action="append", default=[], help="Only this workload.")
        parser.add_argument("--reexport", action="store_true", help="Export SQLite again.")
        parser.add_argument(
            "--no-warm",
            dest="warm",
            action="store_false",
            help="Do not read both databases into the file cache first (bench/compare/warm.py).",
        )
        parser.add_argument(
            "--rounds",
            type=int,
            default=1,
            help="With several --quotes-db: run them all this many times, interleaved (A B A "
            "B…), and compare sizes by each figure's median over the rounds.",
        )
        parser.add_argument("--label", default="", help="Kept in the JSON, e.g. a change.")
        parser.add_argument("--json", metavar="PATH", help=("Also write the results here."))
        parser.add_argument(
            "--driver",
            choices=("wrk", "httpx"),
            default="wrk",
            help="The load generator: wrk (Debian package `wrk`; about 0.1 ms of CPU a request) "
            "or the asyncio+httpx one (no system package; costs the shared cores more).",
        )

    def handle(self, *args, **options):
        if not options["modes"] or set(options["modes"]) - set(run.MODES):
            raise CommandError("--modes takes one or more of a, b, c and d, e.g. abc or c.")
        if "d" in options["modes"] and proxy.varnishd() is None:
            raise CommandError(
                "Mode d needs Varnish with the xkey vmod: apt-get install varnish varnish-modules"
            )
        if options["driver"] == "wrk":
            try:
                wrk.executable()
            except wrk.WrkMissing as missing:
                raise CommandError(str(missing)) from missing
        databases = options["quotes_db"]
        if len(databases) > 1:
            return self.compare_sizes(databases, options)
        if databases:
            return self.in_subprocess(databases[0], options)
        if not Claim.objects.filter(status="published").exists():
            raise CommandError(
                "There are no published claims: fill the database first with "
                "`manage.py generate_data --settings=bench.settings --quotes N`."
            )
        result = run.run(
            run.Options(
                clients=options["clients"],
                duration=options["duration"],
                warmup=options["warmup"],
                workers=options["workers"],
                sample=options["sample"],
                words=options["words"],
                reexport=options["reexport"],
                only=tuple(options["only"]),
                label=options["label"],
                driver=options["driver"],
                pool=options["pool"],
                zipf=options["zipf"],
                seed=options["seed"],
                modes=options["modes"],
                warm=options["warm"],
            ),
            say=self.stdout.write,
        )
        if options["json"]:
            Path(options["json"]).write_text(json.dumps(result, indent=2))

    def in_subprocess(self, database: str, options, json_path: str | None = None):
        """Run against another database: a fresh process, whose connection is that one."""
        env = {**os.environ, "DATABASE_URL": resolve(database)}
        command = [sys.executable, "manage.py", "bench_compare", "--settings=bench.settings"]
        for name in (
            "clients",
            "duration",
            "warmup",
            "workers",
            "sample",
            "words",
            "label",
            "driver",
            "pool",
            "zipf",
            "seed",
            "modes",
        ):
            command += [f"--{name}", str(options[name])]
        for name in options["only"]:
            command += ["--only", name]
        if options["reexport"]:
            command.append("--reexport")
        if not options["warm"]:
            command.append("--no-warm")
        if json_path or options["json"]:
            command += ["--json", json_path or options["json"]]
        completed = subprocess.run(command, env=env, check=False)
        if completed.returncode:
            raise CommandError(f"The run against {database} failed.")

    def compare_sizes(self, databases: list[str], options):
        """Each database in its own process, `--rounds` times interleaved (one size's
        p95 moves by a third between two runs of the same tree: interleaving spreads the
        machine's slow stretches over every size), then each smaller one against the
        largest by the median of each figure over the rounds."""
        if options["rounds"] < 1:
            raise CommandError("--rounds takes 1 or more.")
        runs = {index: [] for index in range(len(databases))}
        run.RESULTS.mkdir(parents=True, exist_ok=True)
        for round_ in range(options["rounds"]):
            for index, database in enumerate(databases):
                path = run.RESULTS / f"size-{index}-round-{round_}.json"
                self.in_subprocess(database, {**options, "json": None}, json_path=str(path))
                runs[index].append(json.loads(path.read_text()))
        results = [median_of_runs(each) for each in runs.values()]
        results.sort(key=lambda result: result["counts"]["quotes"])
        # Each smaller database against the largest: two of the same size (10,000 quotes
        # with 100 speakers, and with 2,000) are two views of the same scaling.
        for smaller in results[:-1]:
            self.stdout.write(render_scaling(smaller, results[-1]))
        if options["json"]:
            Path(options["json"]).write_text(json.dumps(results, indent=2))


def resolve(database: str) -> str:
    """A database URL: `database` itself, or DATABASE_URL with its name replaced."""
    if "://" in database:
        return database
    base = os.environ.get("DATABASE_URL", "")
    if not base.startswith("postgres"):
        raise CommandError("Give a URL, or set DATABASE_URL to a PostgreSQL server.")
    dj_database_url.parse(base)  # refuses a malformed URL with its own message
    return base.rsplit("/", 1)[0] + "/" + database
