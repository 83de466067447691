from django.core.management.base import BaseCommand, CommandError

from apps.ingest.articles import ArticleImporter


class Command(BaseCommand):
    help = (
        "Import articles (HTML or plain text, any common encoding) as draft sources, and "
        "propose the quotes in them for review."
    )

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+", metavar="FILE")
        parser.add_argument("--url", default="", help="The article's URL (one file only).")

    def handle(self, *args, files, url, **options):
        if url and len(files) > 1:
            raise CommandError("--url names one article's address: give one file with it.")
        importer = ArticleImporter()
        failed = 0
        for path in files:
            outcome = importer.import_path(path, url=url)
            style = {"imported": self.style.SUCCESS, "unchanged": self.style.WARNING}.get(
                outcome.status, self.style.ERROR
            )
            self.stdout.write(style(str(outcome)))
            failed += not outcome.ok
        if failed:
            raise CommandError(
                f"{failed} of {len(files)} files failed; nothing from them was imported."
            )
