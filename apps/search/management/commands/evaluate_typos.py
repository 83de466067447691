import json

from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from apps.search.models import VocabularyWord
from apps.search.typo_evaluation import build_cases, evaluate, misses


class Command(BaseCommand):
    help = (
        "Measure typo-tolerant search on the data in the database: recall@10 and MRR of "
        "seeded misspellings of names and words of the public record, and of real common "
        "misspellings, next to the same queries spelt right (apps/search/typo_evaluation.py)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--count", type=int, default=300, help="Generated typo queries.")
        parser.add_argument("--seed", type=int, default=0, help="Same seed, same queries.")
        parser.add_argument("--misses", type=int, default=10, help="Misses to list.")
        parser.add_argument("--json", metavar="PATH", help="Also write the figures as JSON.")

    def handle(self, *args, **options):
        if not VocabularyWord.objects.exists():
            raise CommandError(
                "The vocabulary is empty: load data, or run `manage.py rebuild_vocabulary`."
            )
        cases = build_cases(count=options["count"], seed=options["seed"])
        self.stdout.write(
            f"{connection.vendor} database {connection.settings_dict['NAME']!s}: "
            f"{len(cases)} typo queries (seed {options['seed']})."
        )
        rows = evaluate(cases, progress=lambda done, total: self.stderr.write(f"  {done}/{total}"))
        self.stdout.write(
            f"{'group':<8} {'queries':>7} {'exact R@10':>10} {'exact MRR':>9} "
            f"{'typo R@10':>9} {'typo MRR':>8} {'corrected':>9} {'p50 ms':>7} {'p95 ms':>7}"
        )
        for row in rows:
            self.stdout.write(
                f"{row['group']:<8} {row['queries']:>7} {row['exact_recall']:>10.3f} "
                f"{row['exact_mrr']:>9.3f} {row['typo_recall']:>9.3f} {row['typo_mrr']:>8.3f} "
                f"{row['corrected']:>9} {row['typo_p50_ms']:>7.1f} {row['typo_p95_ms']:>7.1f}"
            )
        for case, corrected in misses(cases, options["misses"]):
            self.stdout.write(
                f"  missed: {case.typo!r} (meant {case.query!r}) -> "
                f"{corrected or 'no correction'!r}"
            )
        if options["json"]:
            with open(options["json"], "w", encoding="utf-8") as stream:
                json.dump(rows, stream, indent=2)
