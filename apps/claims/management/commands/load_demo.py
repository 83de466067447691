from django.core.management.base import BaseCommand, CommandError

from apps.claims.demo import DEMO_FIXTURE, DemoDataError, load_demo


class Command(BaseCommand):
    help = "Load the demo data curated from the seed articles, once, into an empty database."

    def handle(self, *args, **options):
        try:
            result = load_demo(DEMO_FIXTURE)
        except DemoDataError as error:
            raise CommandError(str(error)) from error
        if not result.loaded:
            self.stdout.write("The demo data is already loaded; nothing changed.")
            return
        summary = ", ".join(f"{count} {name}" for name, count in result.counts.items())
        self.stdout.write(self.style.SUCCESS(f"Loaded the demo data: {summary}."))
