"""Reads that span the claims app and the apps below it."""

from collections.abc import Iterator

from django.db.models import Count, Q, QuerySet

from apps.quotes.models import Appearance
from apps.sources.models import AnchoredPassage

from .models import Citation, Claim, ClaimRevision


def all_anchored_passages() -> Iterator[AnchoredPassage]:
    """Every appearance, then every citation, with the source text they are anchored in."""
    yield from Appearance.objects.select_related("source", "quote").order_by("source_id", "pk")
    yield from Citation.objects.select_related("source", "claim").order_by("source_id", "pk")


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
