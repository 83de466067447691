from django.core.management.base import BaseCommand
from django.db import connection

from bench.suggest_bench import build_workloads, report, run


class Command(BaseCommand):
    help = (
        "Measure suggest() (GET /api/v1/suggest/) on the data in the database: p50/p95/p99 "
        "per workload of first letters, with and without a typo, and how often the speaker "
        "or claim they were taken from is suggested."
    )

    def add_arguments(self, parser):
        parser.add_argument("--cases", type=int, default=50, help="Cases per workload.")
        parser.add_argument("--rounds", type=int, default=3, help="Times each case is run.")
        parser.add_argument("--seed", type=int, default=0)

    def handle(self, *args, cases, rounds, seed, **options):
        connection.force_debug_cursor = True  # to count each call's queries
        workloads = build_workloads(per_kind=cases, seed=seed)
        run(workloads, rounds=rounds)
        self.stdout.write(f"{connection.vendor}, database {connection.settings_dict['NAME']}")
        for line in report(workloads):
            self.stdout.write(line)
