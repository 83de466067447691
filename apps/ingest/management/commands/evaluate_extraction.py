from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from apps.ingest.evaluation import LabelledSetError, evaluate

DEFAULT_SET = Path(settings.BASE_DIR) / "tests" / "ingest" / "labelled"


class Command(BaseCommand):
    help = (
        "Print precision and recall of quote extraction and accuracy of attribution over the "
        "labelled set, or over each labelled directory given, with a total for each (writes "
        "nothing)."
    )

    def add_arguments(self, parser):
        parser.add_argument("directories", nargs="*", type=Path, metavar="directory")
        parser.add_argument("--errors", action="store_true", help="List every mistake.")
        parser.add_argument(
            "--totals", action="store_true", help="Print only each directory's total."
        )

    def handle(self, *args, directories: list[Path], errors: bool, totals: bool, **options):
        directories = directories or [DEFAULT_SET]
        for directory in directories:
            if not directory.is_dir():
                raise CommandError(f"{directory}: no such directory")
        results = []
        for directory in directories:
            try:
                results.append((directory, *evaluate(directory)))
            except (LabelledSetError, OSError, ValueError, KeyError) as error:
                raise CommandError(f"{directory}: cannot read the labelled set: {error}") from error
        for number, (directory, scores, total) in enumerate(results):
            if len(results) > 1:
                self.stdout.write(("\n" if number else "") + str(directory))
            self._table([] if totals else scores, total, errors)

    def _table(self, scores, total, errors: bool) -> None:
        width = max(len(score.name) for score in [*scores, total])
        header = f"{'article':<{width}}  speech  proposed  correct  precision  recall  attribution"
        self.stdout.write(header)
        for score in [*scores, total]:
            if score is total:
                self.stdout.write("-" * len(header))
            self.stdout.write(
                f"{score.name:<{width}}  {score.gold_speech:>6}  {score.proposed:>8}  "
                f"{score.true_positives:>7}  {score.precision:>9.3f}  {score.recall:>6.3f}  "
                f"{score.attribution:>11.3f}"
            )
        if errors:
            for error in total.errors:
                self.stdout.write(f"  {error}")
