"""Reads behind the public pages, feeds and sitemap.

Visibility is never decided here: every read goes through the one `public()` method of each
model, including nested data (a claim's quote, a source's appearances, a speaker's counts),
through `Prefetch(..., queryset=X.objects.public())` or `__in=X.objects.public()`. A forward
relation prefetched through `public()` reads as None when its target is not public, so a
template cannot reach a draft speaker through a published claim.

Each function's docstring names the queries it costs, because the page query-count tests
hold every page to a fixed budget whatever the amount of data behind it.
"""

from dataclasses import dataclass

from django.db.models import (
    Count,
    Exists,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.functions import Coalesce

from apps.claims.models import Citation, Claim, Correction, Rating
from apps.quotes.models import Appearance, Quote
from apps.search.selectors import match_claims
from apps.sources.models import Source
from apps.speakers.models import Speaker
from apps.topics.models import Topic

# How many items a detail page lists before pointing to the filtered list of all of them.
DETAIL_LIST_LIMIT = 50


def _count(queryset: QuerySet, field: str) -> Coalesce:
    """An annotation counting the rows of `queryset` whose `field` is the outer row."""
    counted = (
        queryset.filter(**{field: OuterRef("pk")})
        .order_by()
        .values(field)
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))


def public_sources() -> QuerySet:
    return Source.objects.public()


def public_citations() -> QuerySet:
    """Citations readers may see: of a public claim, in a public source."""
    return Citation.objects.filter(
        claim__in=Claim.objects.public(), source__in=Source.objects.public()
    )


def public_appearances() -> QuerySet:
    """Appearances readers may see: of a public quote, in a public source."""
    return Appearance.objects.filter(
        quote__in=Quote.objects.public(), source__in=Source.objects.public()
    )


# --- claims ------------------------------------------------------------------------------


def _claim_cards(queryset: QuerySet) -> QuerySet:
    """Claims ready for a card: 1 query, +1 for the claimants."""
    return queryset.select_related("rating").prefetch_related(
        Prefetch("claimant", queryset=Speaker.objects.public())
    )


def latest_claims(limit: int = 6) -> QuerySet:
    return _claim_cards(Claim.objects.public())[:limit]


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
        cited = public_citations().filter(source__slug=filters.source).values("claim")
        claims = claims.filter(pk__in=cited)
    return _claim_cards(claims)


@dataclass(frozen=True)
class ClaimFilterChoices:
    ratings: list
    speakers: list
    topics: list
    sources: list


# A select of every speaker or every source serves nobody past a few hundred: at a million
# quotes the sources' one read 100,000 sources, texts and all (2.6 s), and the page took
# 13 s to render. The claim list offers this many of each, and always the one it is
# filtered by; every speaker's and source's page lists their claims.
FILTER_CHOICES = 100


def claim_filter_choices(filters: ClaimFilters | None = None) -> ClaimFilterChoices:
    """What the claim list can be filtered by, from public claims only: 4 queries. Speakers:
    the FILTER_CHOICES with the most public claims; sources: the FILTER_CHOICES most
    recently published that public claims cite; both by name, with the filtered-by one."""
    filters = filters or ClaimFilters()
    claims = Claim.objects.public()
    most_checked = (
        claims.filter(claimant__isnull=False)
        .order_by()
        .values("claimant")
        .annotate(n=Count("pk"))
        .order_by("-n", "claimant")
        .values("claimant")[:FILTER_CHOICES]
    )
    cited = Exists(public_citations().filter(source=OuterRef("pk")))
    latest_cited = (
        Source.objects.public().filter(cited).order_by("-published_on", "-pk").values("pk")
    )[:FILTER_CHOICES]
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


def claim_detail_queryset(*, retracted: bool = False) -> QuerySet:
    """Public claims (and with `retracted`, retracted ones too) with everything their page
    shows: 6 queries for one claim.

    The claim and its rating; its claimant and its quote (each None unless public); the
    citations in public sources with their sources and publishers; the topics; the
    corrections with their ratings.
    """
    claims = Claim.objects.on_record() if retracted else Claim.objects.public()
    return claims.select_related("rating").prefetch_related(
        Prefetch("claimant", queryset=Speaker.objects.public()),
        Prefetch("quote", queryset=Quote.objects.public().select_related("speaker")),
        Prefetch(
            "citations",
            queryset=Citation.objects.filter(source__in=Source.objects.public())
            .select_related("source__publisher")
            .order_by("relation", "source__title", "start"),
        ),
        "topics",
        Prefetch(
            "corrections",
            queryset=Correction.objects.select_related("rating_before", "rating_after"),
        ),
    )


def related_claims(claim: Claim, limit: int = 5, exclude=()) -> list[Claim]:
    """Other public claims sharing a topic with `claim`, but for the pks in `exclude`:
    2 queries (rows, claimants)."""
    topic_ids = [topic.pk for topic in claim.topics.all()]
    if not topic_ids:
        return []
    # Newest first, each checked for a shared topic, until `limit` are found: the database
    # walks the published claims' date index and stops early, instead of collecting every
    # claim of the topics first (thousands per topic at scale) to sort them.
    sharing = Claim.topics.through.objects.filter(claim=OuterRef("pk"), topic__in=topic_ids)
    related = Claim.objects.public().filter(Exists(sharing)).exclude(pk__in=[claim.pk, *exclude])
    return list(_claim_cards(related)[:limit])


# Below half, two statements share little more than common words: not worth calling similar.
SIMILAR_MIN_SCORE = 0.5


@dataclass(frozen=True)
class SimilarClaim:
    claim: Claim
    score: float  # 0..1

    @property
    def percent(self) -> int:
        return round(self.score * 100)


def similar_claims(claim: Claim, limit: int = 5) -> list[SimilarClaim]:
    """Public claims worded most like `claim`, best first, with their similarity.

    Queries: the search service's claim matching (the candidates, then the matched claims;
    on PostgreSQL the candidates also set the trigram threshold, in a transaction), +2 to
    read the matches as cards (rows, claimants) through `public()`, since the service
    reads a claim's claimant whatever its status.
    """
    matches = [
        match
        for match in match_claims(claim.statement, exclude_pk=claim.pk, limit=limit)
        if match.score >= SIMILAR_MIN_SCORE
    ]
    cards = _claim_cards(Claim.objects.public()).in_bulk([match.claim.pk for match in matches])
    return [
        SimilarClaim(cards[match.claim.pk], match.score)
        for match in matches
        if match.claim.pk in cards
    ]


# --- quotes ------------------------------------------------------------------------------


def _quote_cards(queryset: QuerySet) -> QuerySet:
    return queryset.select_related("speaker")


def quote_list(*, speaker: str = "") -> QuerySet:
    """Public quotes, optionally of one speaker: 2 queries per page."""
    quotes = Quote.objects.public()
    if speaker:
        quotes = quotes.filter(speaker__slug=speaker)
    return _quote_cards(quotes)


def quote_detail_queryset() -> QuerySet:
    """Public quotes with everything their page shows: 7 queries for one quote.

    The quote and its speaker; the speaker's roles (for the role at the time); the
    appearances in public sources with their sources; the public claims made from it; its
    topics; the quote it translates and the real speaker of a misattributed quote (each
    None unless public).
    """
    return (
        Quote.objects.public()
        .select_related("speaker")
        .prefetch_related(
            "speaker__roles",
            Prefetch(
                "appearances",
                queryset=Appearance.objects.filter(
                    source__in=Source.objects.public()
                ).select_related("source__publisher"),
            ),
            Prefetch("claims", queryset=Claim.objects.public().select_related("rating")),
            "topics",
            Prefetch("translation_of", queryset=Quote.objects.public()),
            Prefetch("misattributed_to", queryset=Speaker.objects.public()),
        )
    )


# --- speakers ----------------------------------------------------------------------------


def speakers_with_counts() -> QuerySet:
    """Public speakers with their numbers of public quotes and claims: 1 query."""
    return Speaker.objects.public().annotate(
        public_quote_count=_count(Quote.objects.public(), "speaker"),
        public_claim_count=_count(Claim.objects.public(), "claimant"),
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


def speaker_quotes(speaker: Speaker) -> list[Quote]:
    """The speaker's latest public quotes: 1 query."""
    return list(Quote.objects.public().filter(speaker=speaker)[:DETAIL_LIST_LIMIT])


def speaker_claims(speaker: Speaker) -> list[Claim]:
    """The speaker's latest public claims with their ratings: 1 query."""
    return list(
        Claim.objects.public().filter(claimant=speaker).select_related("rating")[:DETAIL_LIST_LIMIT]
    )


@dataclass(frozen=True)
class ScorecardRow:
    label: str
    count: int
    rating: Rating | None = None  # None for published claims without a verdict


def speaker_scorecard(speaker: Speaker) -> list[ScorecardRow]:
    """The number of the speaker's public claims at each verdict, best first: 2 queries.

    Every step of the scale has a row, so that scorecards compare at a glance; published
    claims without a verdict get a "Not rated" row only when there are some.
    """
    counts = dict(
        Claim.objects.public()
        .filter(claimant=speaker)
        .order_by()
        .values("rating")
        .annotate(n=Count("pk"))
        .values_list("rating", "n")
    )
    rows = [
        ScorecardRow(rating.label, counts.get(rating.pk, 0), rating)
        for rating in Rating.objects.all()
    ]
    if counts.get(None):
        rows.append(ScorecardRow("Not rated", counts[None]))
    return rows


# --- sources -----------------------------------------------------------------------------


def sources_with_counts() -> QuerySet:
    """Public sources with their publishers and numbers of public passages: 1 query."""
    return (
        Source.objects.public()
        .select_related("publisher")
        .defer("text")
        .annotate(
            public_appearance_count=_count(
                Appearance.objects.filter(quote__in=Quote.objects.public()), "source"
            ),
            public_citation_count=_count(
                Citation.objects.filter(claim__in=Claim.objects.public()), "source"
            ),
        )
    )


def source_detail_queryset() -> QuerySet:
    """Public sources with their public passages: 3 queries for one source.

    The source and its publisher; the appearances of public quotes with the quotes and
    their speakers; the citations of public claims with the claims and their ratings.
    """
    return (
        Source.objects.public()
        .select_related("publisher")
        .prefetch_related(
            Prefetch(
                "appearances",
                queryset=Appearance.objects.filter(quote__in=Quote.objects.public()).select_related(
                    "quote__speaker"
                ),
            ),
            Prefetch(
                "citations",
                queryset=Citation.objects.filter(claim__in=Claim.objects.public())
                .select_related("claim__rating")
                .order_by("start", "pk"),
            ),
        )
    )


# --- topics ------------------------------------------------------------------------------


def topics_with_public_content() -> QuerySet:
    """Topics that at least one public claim or quote is filed under: 1 query."""
    return Topic.objects.filter(
        Exists(Claim.objects.public().filter(topics=OuterRef("pk")))
        | Exists(Quote.objects.public().filter(topics=OuterRef("pk")))
    ).order_by("name")


# Counting every public claim and quote of each topic took 6-7 s at a million quotes (tens
# of thousands of rows a topic); the topic list counts up to this many and says "100+"
# (counting to 1,000 still took 1.3 s; to 100, 0.1 s).
TOPIC_COUNT_CAP = 100


class _CountOf(Subquery):
    """The number of rows a subquery selects (give it a LIMIT to count up to a cap)."""

    template = "(SELECT COUNT(*) FROM (%(subquery)s) AS counted)"
    output_field = IntegerField()


def topics_with_counts() -> QuerySet:
    """Topics with public content, each with its numbers of public claims and quotes, counted
    up to TOPIC_COUNT_CAP + 1 (more shows as "100+"): 1 query."""
    return topics_with_public_content().annotate(
        public_claim_count=_CountOf(
            Claim.objects.public()
            .filter(topics=OuterRef("pk"))
            .order_by()
            .values("pk")[: TOPIC_COUNT_CAP + 1]
        ),
        public_quote_count=_CountOf(
            Quote.objects.public()
            .filter(topics=OuterRef("pk"))
            .order_by()
            .values("pk")[: TOPIC_COUNT_CAP + 1]
        ),
    )


def topic_claims(topic: Topic) -> list[Claim]:
    """The topic's latest public claims: 2 queries (rows, claimants)."""
    return list(_claim_cards(Claim.objects.public().filter(topics=topic))[:DETAIL_LIST_LIMIT])


def topic_quotes(topic: Topic) -> list[Quote]:
    """The topic's latest public quotes: 1 query."""
    return list(_quote_cards(Quote.objects.public().filter(topics=topic))[:DETAIL_LIST_LIMIT])


# --- slugs -------------------------------------------------------------------------------


def current_slug_target(queryset: QuerySet, slug: str):
    """The public object that `slug` used to name while readers could see it, or names in
    other letter case, or None.

    Slugs change when editors retitle things; simple_history keeps every earlier slug, so
    an old link still finds its object (the newest object to have used the slug wins). Only
    a slug held while the object was public counts: one it had as a draft was no reader's
    link, and redirecting it would tell whoever guesses it what the draft became.
    """
    same_but_case = queryset.filter(slug__iexact=slug).first()
    if same_but_case is not None:
        return same_but_case
    history = _while_public(queryset.model.history.filter(slug=slug))
    former_ids = history.order_by("-history_date").values_list("id", flat=True)
    by_id = queryset.in_bulk(list(dict.fromkeys(former_ids)))
    return next((by_id[pk] for pk in former_ids if pk in by_id), None)


def _while_public(history: QuerySet) -> QuerySet:
    """The history rows of times the object was public, by the model's own `public()` rule:
    a historical row has the fields of the row it copies, so the rule applies to it as it
    is. A model without the rule (topics) is always public."""
    model = history.model.instance_type
    rule = getattr(type(model._default_manager.all()), "public", None)
    return history if rule is None else rule(history)


def corrections_on_record():
    """Public corrections and retractions, newest first, with what an entry shows (one
    query: the claim and both ratings are joined)."""
    return (
        Correction.objects.public()
        .select_related("claim", "rating_before", "rating_after")
        .order_by("-date", "-id")
    )
