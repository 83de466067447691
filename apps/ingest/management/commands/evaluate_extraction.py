from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from apps.ingest.evaluation import LabelledSetError, evaluate

DEFAULT_SET = Path(settings.BASE_DIR) / "tests" / "ingest" / "labelled"


class Command(BaseCommand):
    help = (
        "Print precision and recall of quote extraction and accuracy of attribution over the "
        "labelled set (writes nothing)."
    )

    def add_arguments(self, parser):
        parser.add_argument("directory", nargs="?", type=Path, default=DEFAULT_SET)
        parser.add_argument("--errors", action="store_true", help="List every mistake.")

    def handle(self, *args, directory: Path, errors: bool, **options):
        if not directory.is_dir():
            raise CommandError(f"{directory}: no such directory")
        try:
            scores, total = evaluate(directory)
        except (LabelledSetError, OSError, ValueError, KeyError) as error:
            raise CommandError(f"{directory}: cannot read the labelled set: {error}") from error
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
