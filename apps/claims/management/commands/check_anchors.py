from django.core.management.base import BaseCommand, CommandError

from apps.claims.selectors import all_anchored_passages
from apps.sources.anchoring import Match, locate


class Command(BaseCommand):
    help = (
        "Locate every appearance and citation again in its source's current text, list each "
        "with its match, and exit non-zero if any passage is not found."
    )

    def handle(self, *args, **options):
        counts = dict.fromkeys(Match, 0)
        for passage in all_anchored_passages():
            result = locate(
                passage.source.text,
                passage.exact or passage.default_passage(),
                prefix=passage.prefix,
                suffix=passage.suffix,
                hint=passage.start,
            )
            counts[result.match] += 1
            where = f"[{result.start}:{result.end}]" if result.found else "[-]"
            stale = "" if result.match == passage.match else f" (stored: {passage.match})"
            line = (
                f"{passage._meta.model_name} {passage.pk:>6}  {result.match:<11} "
                f"{result.similarity:4.2f}  {passage.source.slug} {where}  "
                f"“{_shorten(passage.exact)}”{stale}"
            )
            style = self.style.ERROR if result.match == Match.NOT_FOUND else str
            self.stdout.write(style(line))
        summary = ", ".join(f"{count} {kind.replace('_', ' ')}" for kind, count in counts.items())
        self.stdout.write(f"{sum(counts.values())} passages: {summary}.")
        if counts[Match.NOT_FOUND]:
            raise CommandError(
                f"{counts[Match.NOT_FOUND]} passage(s) not found in their source's text."
            )


def _shorten(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
