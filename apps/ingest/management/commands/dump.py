import sys

from django.core.management.base import BaseCommand, CommandError

from apps.ingest.dump import write_dump


class Command(BaseCommand):
    help = (
        "Write everything public as NDJSON (one object a line, stable ids) to standard output "
        "or a file; `load_dump` loads it into an empty instance."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "-o", "--output", help="A file to write (standard output if not given)."
        )

    def handle(self, *args, output, **options):
        try:
            if output:
                with open(output, "w", encoding="utf-8") as out:
                    count = write_dump(out)
            else:
                count = write_dump(self.stdout)
        except OSError as error:
            raise CommandError(f"{output}: cannot write: {error.strerror or error}") from error
        sys.stderr.write(f"{count} objects dumped.\n")
