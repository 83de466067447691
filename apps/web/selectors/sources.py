"""The public reads of sources: the list with counts of passages, and a source's page."""

from django.db.models import Prefetch, QuerySet

from apps.claims.models import Citation
from apps.quotes.models import Appearance
from apps.sources.models import Source
from apps.web.selectors.counts import count


def sources_with_counts() -> QuerySet:
    """Public sources with their publishers and numbers of public passages: 1 query."""
    return (
        Source.objects.public()
        .select_related("publisher")
        .defer("text")
        .annotate(
            public_appearance_count=count(Appearance.objects.public(), "source"),
            public_citation_count=count(Citation.objects.public(), "source"),
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
                queryset=Appearance.objects.public().select_related("quote__speaker"),
            ),
            Prefetch(
                "citations",
                queryset=Citation.objects.public()
                .select_related("claim__rating")
                .order_by("start", "pk"),
            ),
        )
    )
