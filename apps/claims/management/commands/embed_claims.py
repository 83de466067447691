from django.core.management.base import BaseCommand, CommandError

from apps.claims.matching import neighbours, semantic


class Command(BaseCommand):
    help = (
        "Embed the statement of every claim that has no embedding for claim matching, or one "
        "made by another model (after a model change), in batches; safe to run again."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--all", action="store_true", help="Embed every claim again, not only the missing."
        )

    def handle(self, *args, all=False, **options):
        try:
            semantic.model()
        except Exception as error:  # the model's own errors name no common class
            raise CommandError(
                f"Cannot load the embedding model ({semantic.model_name()}): {error}. "
                "Is the `wordllama` package installed from the lock file (uv sync)?"
            ) from error
        if all:
            done = semantic.claims_embed_everything(progress=self._progress)
        else:
            done = semantic.claims_embed_all(progress=self._progress)
        self.stdout.write(f"{done} claims embedded with {semantic.model_name()}.")
        unfound = neighbours.claims_to_find().count()
        if unfound:
            self.stdout.write(
                f"{unfound:,} public claims have no similar claims kept: their pages match "
                "on every visit until `manage.py find_similar_claims` finds them."
            )

    def _progress(self, done: int, total: int) -> None:
        self.stdout.write(f"  {done:,} of {total:,}", ending="\r" if done < total else "\n")
        self.stdout.flush()
