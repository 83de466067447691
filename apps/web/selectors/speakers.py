"""The public reads of speakers: the list with counts, a speaker's page and scorecard."""

from collections import Counter
from dataclasses import dataclass

from django.db.models import Count, QuerySet

from apps.claims.models import Claim, Rating
from apps.core import compiled
from apps.quotes.models import Quote
from apps.speakers.models import Speaker
from apps.web import limits
from apps.web.cards import CLAIM_CARD_FIELDS, QUOTE_CARD_FIELDS
from apps.web.selectors.counts import count


def speakers_with_counts() -> QuerySet:
    """Public speakers with their numbers of public quotes and claims: 1 query."""
    return Speaker.objects.public().annotate(
        public_quote_count=count(Quote.objects.public(), "speaker"),
        public_claim_count=count(Claim.objects.public(), "claimant"),
    )


def most_checked_speakers(limit: int = 5) -> QuerySet:
    return (
        speakers_with_counts()
        .filter(public_claim_count__gt=0)
        .order_by("-public_claim_count", "name")[:limit]
    )


def speaker_detail_queryset() -> QuerySet:
    """Public speakers with their roles and aliases: 3 queries for one speaker."""
    return Speaker.objects.public().prefetch_related("roles", "aliases")


def speaker_on_page(slug: str) -> Speaker | None:
    """The public speaker at `slug` with its roles and aliases, as
    `speaker_detail_queryset()` reads it, or None: the same 3 statements, each compiled into
    SQL once per process (apps/core/compiled.py) instead of on every request (a fifth of a
    speaker page's CPU: bench/README.md, "Render cost"), the roles and aliases read in one
    round trip and cached as prefetch_related caches them."""
    found = compiled.instances(
        "speaker-page:speaker", lambda slug: Speaker.objects.public().filter(slug=slug)[:2], slug
    )
    if len(found) != 1:
        return None
    speaker = found[0]
    related = compiled.instances_together(
        *(
            (
                f"speaker-page:{name}",
                lambda pk, name=name: getattr(Speaker(pk=pk), name).all(),
                speaker.pk,
            )
            for name in ("roles", "aliases")
        )
    )
    for name, objects in zip(("roles", "aliases"), related, strict=True):
        compiled.cache_as_prefetched(speaker, name, objects)
    return speaker


def speaker_lists(speaker: Speaker) -> tuple[list[Quote], list[Claim]]:
    """The speaker's latest public quotes, and latest public claims with their ratings, with
    the fields their cards show only (the other fields' values, times above all, were a
    sixth of a first visit's CPU at 1,000,000 quotes: docs/benchmarks.md, "Render cost"):
    2 queries in one round trip, compiled once per process and planned for each speaker (a
    skewed column: apps/core/prepared.py)."""
    limit = limits.DETAIL_LIST_LIMIT
    quotes_key, claims_key = f"speaker-page:quotes:{limit}", f"speaker-page:claims:{limit}"
    quotes, claims = compiled.instances_together(
        (
            quotes_key,
            lambda pk: Quote.objects.public().filter(speaker=pk).only(*QUOTE_CARD_FIELDS)[:limit],
            speaker.pk,
        ),
        (
            claims_key,
            lambda pk: (
                Claim.objects.public()
                .filter(claimant=pk)
                .select_related("rating")
                .only(*CLAIM_CARD_FIELDS)[:limit]
            ),
            speaker.pk,
        ),
        unprepared=frozenset({quotes_key, claims_key}),
    )
    return quotes, claims


@dataclass(frozen=True)
class ScorecardRow:
    label: str
    count: int
    rating: Rating | None = None  # None for published claims without a verdict


def speaker_scorecard(speaker: Speaker, claims: list[Claim] | None = None) -> list[ScorecardRow]:
    """The number of the speaker's public claims at each verdict, best first: 2 queries,
    or 1 when `claims` (the speaker's latest, as `speaker_lists` reads them) holds fewer
    than limits.DETAIL_LIST_LIMIT, so all of them: they are counted here.

    Every step of the scale has a row, so that scorecards compare at a glance; published
    claims without a verdict get a "Not rated" row only when there are some.
    """
    if claims is not None and len(claims) < limits.DETAIL_LIST_LIMIT:
        counts = Counter(claim.rating_id for claim in claims)
    else:
        counts = dict(
            Claim.objects.public()
            .filter(claimant=speaker)
            .order_by()
            .values("rating")
            # COUNT(*), not COUNT(id): the id is not in claim_public_claimant_rating, and
            # counting it would read every row instead of the index alone.
            .annotate(n=Count("*"))
            .values_list("rating", "n")
        )
    ratings = compiled.instances("speaker-page:ratings", lambda: Rating.objects.all())
    rows = [ScorecardRow(rating.label, counts.get(rating.pk, 0), rating) for rating in ratings]
    if counts.get(None):
        rows.append(ScorecardRow("Not rated", counts[None]))
    return rows
