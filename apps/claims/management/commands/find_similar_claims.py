from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError

from apps.claims.matching import neighbours, semantic
from apps.ops.database import describe


class Command(BaseCommand):
    help = (
        "Find and keep the similar claims of every public claim whose statement was embedded "
        "since they were last found (after `embed_claims`, a dump's load, or an upgrade), "
        f"{neighbours.BATCH} claims a transaction; safe to stop and run again."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--all",
            action="store_true",
            help="Find them again for every public claim (after a change of matching).",
        )

    def handle(self, *args, all=False, **options):
        missing = semantic.claims_to_embed().count()
        if missing:
            self.stderr.write(
                f"{missing:,} claims have no current embedding: their similar claims are "
                "found once `manage.py embed_claims` has embedded them."
            )
        try:
            done = neighbours.find_missing(every=all, progress=self._progress)
        except DatabaseError as error:
            raise CommandError(
                f"Stopped by the database ({describe(error)}); the claims found so far are "
                "kept: run the command again to go on."
            ) from error
        self.stdout.write(f"Similar claims found for {done:,} claims.")

    def _progress(self, done: int, total: int) -> None:
        self.stdout.write(f"  {done:,} of {total:,}", ending="\r" if done < total else "\n")
        self.stdout.flush()
