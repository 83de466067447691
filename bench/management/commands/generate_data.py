from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from bench.generate import VECTOR_STRATEGIES, DatabaseNotEmpty, generate
from bench.synthetic import Sizes

# Above this many quotes, executemany on SQLite takes longer than anyone wants to wait,
# and SQLite is the quick start's database, not the one that holds data at scale.
SQLITE_MAX_QUOTES = 20_000


class Command(BaseCommand):
    help = (
        "Fill an empty database with a synthetic data set for benchmarks: N quotes and, per "
        "million quotes, 200,000 claims, 100,000 sources and 10,000 speakers (each can be "
        "set). Writes no history. PostgreSQL at any size; SQLite up to 20,000 quotes."
    )

    def add_arguments(self, parser):
        parser.add_argument("--quotes", type=int, required=True, help="How many quotes.")
        parser.add_argument("--claims", type=int, help="Default: quotes / 5.")
        parser.add_argument("--sources", type=int, help="Default: quotes / 10.")
        parser.add_argument("--speakers", type=int, help="Default: quotes / 100, at least 5.")
        parser.add_argument("--seed", type=int, default=0, help="Same seed, same data.")
        parser.add_argument(
            "--force",
            action="store_true",
            help="Empty the content tables first (every speaker, source, quote, claim and "
            "topic, and their history) instead of refusing a database that has data.",
        )
        parser.add_argument(
            "--vectors",
            choices=VECTOR_STRATEGIES,
            default="during",
            help="PostgreSQL: compute the generated search columns during the COPY "
            "(default, measured faster) or after it, by adding them back.",
        )

    def handle(self, *args, **options):
        sizes = Sizes.scaled(
            options["quotes"],
            claims=options["claims"],
            sources=options["sources"],
            speakers=options["speakers"],
        )
        if min(sizes.quotes, sizes.claims, sizes.sources, sizes.speakers) < 1:
            raise CommandError("Every size must be at least 1.")
        if connection.vendor == "sqlite" and sizes.quotes > SQLITE_MAX_QUOTES:
            raise CommandError(
                f"SQLite is for the quick start: generate_data writes at most "
                f"{SQLITE_MAX_QUOTES:,} quotes to it. For data at scale set DATABASE_URL "
                "to a PostgreSQL database (see docs/benchmarks.md)."
            )
        self.stdout.write(
            f"Generating {sizes.quotes:,} quotes, {sizes.claims:,} claims, "
            f"{sizes.sources:,} sources and {sizes.speakers:,} speakers into "
            f"{connection.vendor} database {connection.settings_dict['NAME']!s} "
            f"(seed {options['seed']})."
        )
        try:
            report = generate(
                sizes,
                seed=options["seed"],
                force=options["force"],
                vectors=options["vectors"],
                progress=self.stdout.write,
            )
        except DatabaseNotEmpty as error:
            raise CommandError(str(error)) from error
        for table, count in report.counts.items():
            self.stdout.write(f"  {table}: {count:,} rows")
