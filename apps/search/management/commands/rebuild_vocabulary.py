from django.core.management.base import BaseCommand

from apps.search.vocabulary import rebuild


class Command(BaseCommand):
    help = (
        "Count the words of the public record afresh for typo correction (idempotent; "
        "needed only after writes that send no signal, such as generate_data's COPY)."
    )

    def handle(self, *args, **options):
        def progress(kind: str, done: int, total: int) -> None:
            if done == total or done % 5000 == 0:
                self.stdout.write(f"{kind}: {done}/{total}")

        words = rebuild(progress)
        self.stdout.write(self.style.SUCCESS(f"The vocabulary holds {words} words."))
