import sys

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from apps.ingest.claimreview.exporter import write_feed


class Command(BaseCommand):
    help = (
        "Write every published claim as a schema.org DataFeed of ClaimReview (the markup of "
        "the claim pages) to standard output or a file."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "-o", "--output", help="A file to write (standard output if not given)."
        )
        parser.add_argument(
            "--base-url",
            default=settings.FACTBASE_ORGANISATION_URL,
            help="The site's address, for the reviews' absolute URLs "
            "(default: FACTBASE_ORGANISATION_URL).",
        )

    def handle(self, *args, output, base_url, **options):
        try:
            if output:
                with open(output, "w", encoding="utf-8") as out:
                    count = write_feed(out, base_url)
            else:
                count = write_feed(self.stdout, base_url)
        except ValueError as error:
            raise CommandError(f"--base-url: {error}") from error
        except OSError as error:
            raise CommandError(f"{output}: cannot write: {error.strerror or error}") from error
        sys.stderr.write(f"{count} published claims exported.\n")
