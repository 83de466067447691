import sys

from django.core.management.base import BaseCommand, CommandError

from apps.claims.matching import neighbours
from apps.ingest.errors import IngestError
from apps.ingest.load import load_dump


class Command(BaseCommand):
    help = "Load a dump written by `manage.py dump` into an empty instance ('-': standard input)."

    def add_arguments(self, parser):
        parser.add_argument("file", metavar="FILE")

    def handle(self, *args, file, **options):
        try:
            if file == "-":
                counts = load_dump(sys.stdin.buffer, name="<stdin>")
            else:
                with open(file, "rb") as stream:
                    counts = load_dump(stream, name=file)
        except OSError as error:
            raise CommandError(
                f"{file}: cannot read the file: {error.strerror or error}"
            ) from error
        except IngestError as error:
            raise CommandError(f"{error} (nothing was loaded)") from error
        summary = ", ".join(f"{count} {kind}s" for kind, count in counts.items())
        self.stdout.write(self.style.SUCCESS(f"Loaded {summary}."))
        unfound = neighbours.claims_to_find().count()
        if unfound:
            self.stdout.write(
                f"{unfound:,} public claims have no similar claims kept yet: run "
                "`manage.py find_similar_claims` (their pages match on every visit until then)."
            )
