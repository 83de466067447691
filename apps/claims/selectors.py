"""Reads that span the claims app and the apps below it."""

from collections.abc import Iterator

from django.db.models import Count, Prefetch, Q, QuerySet

from apps.core import compiled
from apps.quotes.models import Quote
from apps.sources.models import AnchoredPassage
from apps.speakers.models import Speaker
from apps.topics.models import Topic

from .matching import neighbours
from .models import Citation, Claim, ClaimRevision, Correction


def all_anchored_passages() -> Iterator[AnchoredPassage]:
    """Every appearance, then every citation, with the source text they are anchored in."""
    for model in AnchoredPassage.kinds():
        yield from model._default_manager.select_related("source", model.owner_name()).order_by(
            "source_id", "pk"
        )


def claims_in_review() -> QuerySet[Claim]:
    """Claims waiting for a reviewer, the longest waiting first, each with its claimant and
    rating and the numbers of its citations and of those not found in their source (one
    query; both counts come from the one join to citations, so they cannot multiply)."""
    return (
        Claim.objects.filter(status=Claim.Status.IN_REVIEW)
        .select_related("claimant", "rating")
        .annotate(
            citation_count=Count("citations"),
            unfound_citation_count=Count(
                "citations", filter=Q(citations__match=Citation.Match.NOT_FOUND)
            ),
        )
        .order_by("updated_at", "pk")
    )


def revisions_pending() -> QuerySet[ClaimRevision]:
    """Proposed changes to published claims waiting for a reviewer, the longest waiting
    first, each with its claim and who proposed it (one query)."""
    return (
        ClaimRevision.objects.filter(status=ClaimRevision.Status.PENDING)
        .select_related("claim", "proposed_by")
        .order_by("created_at", "pk")
    )


def claim_detail_queryset(*, retracted: bool = False) -> QuerySet:
    """Public claims (and with `retracted`, retracted ones too) with everything their page
    shows: 6 queries for one claim.

    The claim and its rating, and whether its similar claims are kept
    (`neighbours_found`); its claimant and its quote (each None unless public); the
    citations in public sources with their sources and publishers; the topics; the
    corrections with their ratings.
    """
    claims = Claim.objects.on_record() if retracted else Claim.objects.public()
    claims = claims.annotate(neighbours_found=neighbours.found_marker())
    return claims.select_related("rating").prefetch_related(
        Prefetch("claimant", queryset=Speaker.objects.public()),
        Prefetch("quote", queryset=Quote.objects.public().select_related("speaker")),
        Prefetch(
            "citations",
            queryset=Citation.objects.in_public_sources()
            .select_related("source__publisher")
            .order_by("relation", "source__title", "start"),
        ),
        "topics",
        Prefetch(
            "corrections",
            queryset=Correction.objects.select_related("rating_before", "rating_after"),
        ),
    )


def claim_on_record(slug: str) -> Claim | None:
    """The claim on record (public or retracted) at `slug` with everything its page shows,
    as `claim_detail_queryset(retracted=True)` reads it, or None: the same statements
    (6 for one claim; none for a claimant or quote it has not), each compiled into SQL once
    per process (apps/core/compiled.py) instead of on every request, all but the claim's
    own in one round trip on PostgreSQL (`instances_together`), and the relations
    cached on the claim as `prefetch_related` caches them. `claim.neighbours_found` says
    whether its similar claims are kept (apps/claims/matching/neighbours.py)."""
    found = _claim_at(slug)
    if len(found) != 1:
        return None
    claim = found[0]
    # What hangs on the claim, read in one round trip.
    asks = [
        (
            "claim-page:citations",
            lambda pk: (
                Citation.objects.in_public_sources()
                .select_related("source__publisher")
                .order_by("relation", "source__title", "start")
                .filter(claim_id=pk)
            ),
            claim.pk,
        ),
        ("claim-page:topics", lambda pk: Topic.objects.filter(claims=pk), claim.pk),
        (
            "claim-page:corrections",
            lambda pk: Correction.objects.select_related("rating_before", "rating_after").filter(
                claim_id=pk
            ),
            claim.pk,
        ),
    ]
    if claim.claimant_id is not None:
        asks.append(
            (
                "claim-page:claimant",
                lambda pk: Speaker.objects.public().filter(pk=pk),
                claim.claimant_id,
            )
        )
    if claim.quote_id is not None:
        asks.append(
            (
                "claim-page:quote",
                lambda pk: Quote.objects.public().select_related("speaker").filter(pk=pk),
                claim.quote_id,
            )
        )
    citations, topics, corrections, *named = compiled.instances_together(*asks)
    claimant = quote = None
    if claim.claimant_id is not None:
        claimant = next(iter(named.pop(0)), None)
    if claim.quote_id is not None:
        quote = next(iter(named.pop(0)), None)
    Claim.claimant.field.set_cached_value(claim, claimant)
    Claim.quote.field.set_cached_value(claim, quote)
    for name, objects in (
        ("citations", citations),
        ("topics", topics),
        ("corrections", corrections),
    ):
        compiled.cache_as_prefetched(claim, name, objects)
    return claim


def _claim_at(slug: str) -> list[Claim]:
    def build(slug):
        return (
            Claim.objects.on_record()
            .select_related("rating")
            .annotate(neighbours_found=neighbours.found_marker())
            .filter(slug=slug)[:2]
        )

    query = compiled.compiled(
        ("claim-page:claim",),
        build,
        lambda: [compiled.stand_in_text()],
        annotations=("neighbours_found",),
    )
    if query is None:
        return list(build(slug))
    found = []
    for claim, (neighbours_found,) in query.rows([slug]):
        claim.neighbours_found = neighbours_found
        found.append(claim)
    return found
