import json
import os

from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from apps.claims.models import Claim
from apps.quotes.models import Quote
from bench.search_bench import (
    build_workloads,
    explain,
    matching_summary,
    plan_summary,
    run,
    typo_summary,
)


class Command(BaseCommand):
    help = (
        "Measure search() and match_claims() on the data in the database: p50/p95/p99 "
        "latency per workload (common word, rare word, two words, phrase, claim matching, "
        "typos), then EXPLAIN (ANALYZE, BUFFERS) of the SQL one call of each runs."
    )

    def add_arguments(self, parser):
        parser.add_argument("--iterations", type=int, default=200, help="Calls per workload.")
        parser.add_argument("--seed", type=int, default=0)
        parser.add_argument(
            "--explain",
            choices=("full", "summary", "none"),
            default="full",
            help="full: every plan; summary: a line per statement (time, indexes used).",
        )
        parser.add_argument("--json", metavar="PATH", help="Also write the figures as JSON.")
        parser.add_argument(
            "--only",
            metavar="PREFIX",
            help="Run only the workloads whose name starts with PREFIX (e.g. match_claims).",
        )

    def handle(self, *args, **options):
        if not Claim.objects.filter(status="published").exists():
            raise CommandError(
                "There are no published claims to search: fill the database first with "
                "`manage.py generate_data --settings=bench.settings --quotes N`."
            )
        quotes, claims = Quote.objects.count(), Claim.objects.count()
        load = os.getloadavg()
        self.stdout.write(
            f"{connection.vendor} database {connection.settings_dict['NAME']!s}: "
            f"{quotes:,} quotes, {claims:,} claims. Load average before: "
            f"{load[0]:.2f} {load[1]:.2f} {load[2]:.2f} on {os.cpu_count()} cores."
        )
        workloads = build_workloads(seed=options["seed"], only=options["only"] or "")
        for workload in workloads:
            shown = ", ".join(workload.queries[:4])
            self.stdout.write(f"  {workload.name}: {len(workload.queries)} queries, e.g. {shown}")
        run(workloads, iterations=options["iterations"])
        summaries = [workload.summary() for workload in workloads if workload.timings]
        self.stdout.write("")
        self.stdout.write(
            f"{'workload':<22} {'runs':>5} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} "
            f"{'mean ms':>8} {'max ms':>8} {'cpu p50':>8} {'cpu p95':>8} {'mean hits':>10}"
        )
        for row in summaries:
            self.stdout.write(
                f"{row['workload']:<22} {row['runs']:>5} {row['p50_ms']:>8.1f} "
                f"{row['p95_ms']:>8.1f} {row['p99_ms']:>8.1f} {row['mean_ms']:>8.1f} "
                f"{row['max_ms']:>8.1f} {row['cpu_p50_ms']:>8.1f} {row['cpu_p95_ms']:>8.1f} "
                f"{row['mean_hits']:>10.1f}"
            )
        self.stdout.write(
            "(ms of wall-clock time per call; cpu: ms of CPU per call, this process's and "
            "its PostgreSQL backend's, which is what a call takes on an idle machine)"
        )
        for line in matching_summary(workloads) + typo_summary(workloads):
            self.stdout.write(line)
        load = os.getloadavg()
        self.stdout.write(f"Load average after: {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}")
        if options["json"]:
            with open(options["json"], "w", encoding="utf-8") as stream:
                json.dump(
                    {"quotes": quotes, "claims": claims, "workloads": summaries}, stream, indent=2
                )
        if options["explain"] == "none" or connection.vendor != "postgresql":
            return
        for workload in workloads:
            if not workload.queries:
                continue
            query = workload.queries[0]
            self.stdout.write("")
            self.stdout.write(f"=== EXPLAIN (ANALYZE, BUFFERS): {workload.name}: {query}")
            for sql, plan in explain(workload, query):
                if not plan:
                    self.stdout.write(f"-- {sql}")
                elif options["explain"] == "summary":
                    self.stdout.write(f"-- {plan_summary(plan)}: {sql[:150]}")
                else:
                    self.stdout.write(f"-- {plan_summary(plan)}\n{sql}\n{plan}\n")
