from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from apps.claims.matching.evaluation import SPLITS, MalformedSet, evaluate, load_set


class Command(BaseCommand):
    help = (
        "Measure claim matching on a paraphrase set (tests/claims/paraphrases/ by default): "
        "hits@1, hits@5 and MRR, lexical only (weight 0) and combined (the configured "
        "CLAIM_MATCHING_SEMANTIC_WEIGHT), for the tuned and held-out parts, with the share "
        "of queries whose claim scores as a near-duplicate, and of those where another claim "
        "does. The set's claims are written in a transaction that is rolled back."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--set",
            dest="directory",
            type=Path,
            default=settings.BASE_DIR / "tests" / "claims" / "paraphrases",
            help="The directory holding corpus.tsv and queries.tsv.",
        )
        parser.add_argument(
            "--weights",
            help="Comma-separated weights of meaning (0..1), e.g. 0,0.3,0.5,0.7: a sweep on "
            "the tuned part only, instead of the comparison.",
        )
        parser.add_argument(
            "--by-difficulty",
            action="store_true",
            help="Also print the scores of each difficulty the set's queries are marked with.",
        )
        parser.add_argument(
            "--misses",
            action="store_true",
            help="Also list the tuned queries whose claim did not come first, and its rank "
            "(the held-out ones are not listed: look at them only to report).",
        )

    def handle(
        self,
        *args,
        directory: Path,
        weights: str | None,
        by_difficulty: bool,
        misses: bool,
        **options,
    ):
        try:
            paraphrases = load_set(directory)
        except MalformedSet as error:
            raise CommandError(f"Malformed paraphrase set: {error}") from None
        configured = float(getattr(settings, "CLAIM_MATCHING_SEMANTIC_WEIGHT", 0.0))
        if weights is None:
            sweep, splits = sorted({0.0, configured}), SPLITS
        else:
            sweep, splits = _weights(weights), ("tuned",)
        parts = ", ".join(f"{len(paraphrases.part(split))} {split}" for split in SPLITS)
        self.stdout.write(
            f"{len(paraphrases.corpus)} claims, {len(paraphrases.queries)} queries ({parts}) "
            f"from {directory}; configured weight {configured:g}."
        )
        try:
            results = evaluate(paraphrases, weights=sweep, splits=splits)
        except MalformedSet as error:
            raise CommandError(f"Malformed paraphrase set: {error}") from None
        self.stdout.write(
            f"{'part':<9} {'weight':>6} {'queries':>7} {'hits@1':>7} {'hits@5':>7} "
            f"{'MRR':>6} {'near-dup':>8} {'other':>6} {'p95 ms':>7}"
        )
        for result in sorted(
            results, key=lambda result: (splits.index(result.split), result.weight)
        ):
            scores = result.scores
            label = " (lexical)" if result.weight == 0 else ""
            label += " (configured)" if result.weight == configured else ""
            self.stdout.write(
                f"{result.split:<9} {result.weight:>6.2f} {scores.queries:>7} "
                f"{scores.hits_at_1:>7.3f} {scores.hits_at_5:>7.3f} {scores.mrr:>6.3f} "
                f"{result.near_duplicate:>8.3f} {result.other_near_duplicate:>6.3f} "
                f"{result.p95_ms:>7.1f}{label}"
            )
            if by_difficulty:
                for difficulty, part in result.by_difficulty.items():
                    self.stdout.write(
                        f"  {difficulty:<14} {part.queries:>7} {part.hits_at_1:>7.3f} "
                        f"{part.hits_at_5:>7.3f} {part.mrr:>6.3f}"
                    )
        if misses:
            for result in results:
                if result.split != "tuned":
                    continue
                self.stdout.write(f"Tuned queries not first at weight {result.weight:g}:")
                for query, rank in result.misses:
                    where = f"#{rank}" if rank else "—"
                    self.stdout.write(f"  {where:>3} {query.expected}: {query.text}")


def _weights(text: str) -> list[float]:
    try:
        weights = [float(part) for part in text.split(",") if part.strip()]
    except ValueError:
        raise CommandError(f"--weights takes numbers separated by commas, not {text!r}.") from None
    if not weights or not all(0 <= weight <= 1 for weight in weights):
        raise CommandError(f"--weights must be between 0 and 1: {text!r}.")
    return sorted(set(weights))
