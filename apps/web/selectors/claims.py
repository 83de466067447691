"""The public reads of claims: cards, the filtered list, related and similar claims, and
the corrections on record."""

from dataclasses import dataclass

from django.db.models import (
    Count,
    Exists,
    F,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
)

from apps.claims.matching import neighbours, scored_claim_ids
from apps.claims.models import Citation, Claim, Correction, Rating
from apps.core import compiled
from apps.core.reader_keys import every
from apps.ops.staleness import note_shown
from apps.sources.models import Source
from apps.speakers.models import Speaker
from apps.topics.models import Topic
from apps.web import limits
from apps.web.cards import CLAIM_CARD_FIELDS


def claim_cards(queryset: QuerySet) -> QuerySet:
    """Claims ready for a card: 1 query, +1 for the claimants."""
    return queryset.select_related("rating").prefetch_related(
        Prefetch("claimant", queryset=Speaker.objects.public())
    )


def latest_claims(limit: int = 6) -> QuerySet:
    return claim_cards(Claim.objects.public())[:limit]


@dataclass(frozen=True)
class ClaimFilters:
    """The claim list's filters, each a slug from the query string (empty: no filter)."""

    rating: str = ""
    speaker: str = ""
    topic: str = ""
    source: str = ""

    @classmethod
    def from_query(cls, query) -> "ClaimFilters":
        return cls(**{name: query.get(name, "").strip() for name in cls.__dataclass_fields__})

    @property
    def active(self) -> bool:
        return any((self.rating, self.speaker, self.topic, self.source))


def claim_list(filters: ClaimFilters) -> QuerySet:
    """Public claims matching `filters`: 2 queries per page (count, rows) +1 for claimants."""
    claims = Claim.objects.public()
    if filters.rating:
        claims = claims.filter(rating__slug=filters.rating)
    if filters.speaker:
        claims = claims.filter(claimant__in=Speaker.objects.public().filter(slug=filters.speaker))
    if filters.topic:
        claims = claims.filter(topics__slug=filters.topic)
    if filters.source:
        cited = Citation.objects.public().filter(source__slug=filters.source).values("claim")
        claims = claims.filter(pk__in=cited)
    return claim_cards(claims)


@dataclass(frozen=True)
class ClaimFilterChoices:
    ratings: list
    speakers: list
    topics: list
    sources: list


def claim_filter_choices(filters: ClaimFilters | None = None) -> ClaimFilterChoices:
    """What the claim list can be filtered by, from public claims only: 4 queries. Speakers:
    the limits.FILTER_CHOICES with the most public claims; sources: the limits.FILTER_CHOICES most
    recently published that public claims cite; both by name, with the filtered-by one."""
    filters = filters or ClaimFilters()
    claims = Claim.objects.public()
    most_checked = (
        claims.filter(claimant__isnull=False)
        .order_by()
        .values("claimant")
        .annotate(n=Count("pk"))
        .order_by("-n", "claimant")
        .values("claimant")[: limits.FILTER_CHOICES]
    )
    cited = Exists(Citation.objects.public().filter(source=OuterRef("pk")))
    latest_cited = (
        Source.objects.public().filter(cited).order_by("-published_on", "-pk").values("pk")
    )[: limits.FILTER_CHOICES]
    speakers, sources = Q(pk__in=most_checked), Q(pk__in=latest_cited)
    # The filtered-by one as a subquery of its own: found by its slug, then checked.
    if filters.speaker:
        chosen = Speaker.objects.filter(slug=filters.speaker, pk__in=claims.values("claimant"))
        speakers |= Q(pk__in=chosen.values("pk"))
    if filters.source:
        chosen = Source.objects.filter(cited, slug=filters.source)
        sources |= Q(pk__in=chosen.values("pk"))
    return ClaimFilterChoices(
        ratings=list(Rating.objects.filter(Exists(claims.filter(rating=OuterRef("pk"))))),
        speakers=list(
            Speaker.objects.public().filter(speakers).only("slug", "name").order_by("name")
        ),
        topics=list(Topic.objects.filter(Exists(claims.filter(topics=OuterRef("pk"))))),
        sources=list(
            Source.objects.public().filter(sources).only("slug", "title").order_by("title")
        ),
    )


def related_claims(claim: Claim, limit: int = 5, exclude=()) -> list[Claim]:
    """Other public claims sharing a topic with `claim`, newest first, with their ratings
    and public claimants (`_as_cards`), but for the pks in `exclude` (at most
    limits.SIMILAR of them): 1 query, compiled once per process (none for a claim with no
    topic)."""
    if not claim.topics.all():
        return []
    exclude = set(exclude)
    # The database walks the published claims' date index, newest first, checking each
    # for a shared topic, and stops at the first `limit` + limits.SIMILAR: instead of
    # collecting every claim of the topics (thousands per topic at scale) to sort them.
    # Fixed in size, so that its SQL is compiled once; `exclude` is applied here.
    read = limit + limits.SIMILAR

    def build(claim_pk, same_claim_pk):
        topics = Claim.topics.through.objects.filter(claim=claim_pk).values("topic")
        sharing = Claim.topics.through.objects.filter(claim=OuterRef("pk"), topic__in=topics)
        return _rated(Claim.objects.public().filter(Exists(sharing)).exclude(pk=same_claim_pk))[
            :read
        ]

    rows = compiled.instances(f"claim-page:related:{read}", build, claim.pk, claim.pk)
    return _as_cards([row for row in rows if row.pk not in exclude][:limit])


@dataclass(frozen=True)
class SimilarClaim:
    claim: Claim
    score: float  # 0..1

    @property
    def percent(self) -> int:
        return round(self.score * 100)


def similar_claims(claim: Claim, limit: int = limits.SIMILAR) -> list[SimilarClaim]:
    """Public claims worded or meaning most like `claim`, best first, with their similarity,
    ratings and public claimants (`_as_cards`).

    They are the claim's neighbours kept when it was published or its statement last
    changed (apps/claims/matching/neighbours.py), read as cards: 1 query, compiled once
    per process. For a claim whose neighbours are not found yet (or read without
    `claim.neighbours_found`: +1 query to ask), claim matching's (`scored_claim_ids`: the
    candidates), +1 to read them as cards, through `public()` since a neighbour may have
    left the public since it was found.
    """
    found = getattr(claim, "neighbours_found", None)
    if found is None:
        found = neighbours.stored_neighbours(claim.pk) is not None
    if found:
        return _kept_similar(claim, limit)
    # Matched now, among all public claims: any claim's change may change them.
    note_shown({every(Claim)})
    matches = [
        (pk, score)
        for pk, score in scored_claim_ids(claim.statement, exclude_pk=claim.pk, limit=limit)
        if score >= limits.SIMILAR_MIN_SCORE
    ]
    cards = _rated(Claim.objects.public()).in_bulk([pk for pk, _ in matches])
    _as_cards(list(cards.values()))
    return [SimilarClaim(cards[pk], score) for pk, score in matches if pk in cards]


def _as_cards(claims: list[Claim]) -> list[Claim]:
    """`claims` with a claimant who is not public left out (as prefetching it through
    `Speaker.objects.public()` leaves it): a card names its claimant only when public. The
    claimant is joined to each claim's row, instead of a third query."""
    for claim in claims:
        claimant = claim.claimant
        if claimant is not None and not claimant.is_public:
            Claim.claimant.field.set_cached_value(claim, None)
    return claims


def _kept_similar(claim: Claim, limit: int) -> list[SimilarClaim]:
    def build(claim_pk):
        return (
            _rated(Claim.objects.public())
            .filter(neighbour_of__claim=claim_pk, neighbour_of__score__gte=limits.SIMILAR_MIN_SCORE)
            .annotate(similarity=F("neighbour_of__score"))
            .order_by("-similarity", "pk")[:limit]
        )

    query = compiled.compiled(
        ("claim-page:similar", limit),
        build,
        lambda: [compiled.stand_in_id()],
        annotations=("similarity",),
    )
    if query is None:
        rows = [(row, (row.similarity,)) for row in build(claim.pk)]
    else:
        rows = query.rows([claim.pk])
    _as_cards([row for row, _ in rows])
    return [SimilarClaim(row, score) for row, (score,) in rows]


def similar_and_related_claims(claim: Claim) -> tuple[list[SimilarClaim], list[Claim]]:
    """`similar_claims(claim)`, and `related_claims(claim)` but for those."""
    similar = similar_claims(claim)
    related = related_claims(claim, exclude=[s.claim.pk for s in similar])
    return similar, related


def _rated(queryset: QuerySet) -> QuerySet:
    """As cards read claims: with the rating and the claimant (see `_as_cards`), and only
    the fields a card shows (and the claimant's status, which `_as_cards` checks): the
    claim's and claimant's other fields made a fifth of the values a claim page read."""
    return queryset.select_related("rating", "claimant").only(
        *CLAIM_CARD_FIELDS, "claimant__name", "claimant__slug", "claimant__status"
    )


def corrections_on_record():
    """Public corrections and retractions, newest first, with what an entry shows (one
    query: the claim and both ratings are joined)."""
    return (
        Correction.objects.public()
        .select_related("claim", "rating_before", "rating_after")
        .order_by("-date", "-id")
    )
