from django.core.management.base import BaseCommand, CommandError

from apps.ingest.claimreview.importer import ClaimReviewImporter


class Command(BaseCommand):
    help = (
        "Import ClaimReview JSON-LD (one object, a list, a DataFeed, or a Fact Check Tools API "
        "`claims` response) as claims in review; '-' reads standard input."
    )

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+", metavar="FILE")
        parser.add_argument("--batch-size", type=int, default=2000)
        parser.add_argument(
            "--no-progress", action="store_true", help="No progress bar on standard error."
        )

    def handle(self, *args, files, batch_size, no_progress, **options):
        if batch_size < 1:
            raise CommandError("--batch-size must be at least 1")
        importer = ClaimReviewImporter(
            batch_size=batch_size,
            progress=not no_progress,
            on_skip=self.stdout.write,
        )
        failed = 0
        for path in files:
            report = importer.import_path(path)
            style = self.style.SUCCESS if report.ok else self.style.ERROR
            self.stdout.write(style(report.summary()))
            for kind, (count, examples) in sorted(report.notes.items()):
                self.stdout.write(f"  {count:,} × {kind}, such as:")
                for example in examples:
                    self.stdout.write(f"    {example}")
            failed += not report.ok
        if failed:
            raise CommandError(
                f"{failed} of {len(files)} files failed; nothing from them was imported."
            )
