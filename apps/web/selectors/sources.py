"""The public reads of sources: the list with counts of passages, and a source's page."""

from django.db.models import Prefetch, QuerySet

from apps.claims.models import Citation
from apps.core import compiled
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
    return _public_sources().prefetch_related(
        Prefetch("appearances", queryset=_public_appearances()),
        Prefetch("citations", queryset=_public_citations()),
    )


def _public_sources() -> QuerySet:
    return Source.objects.public().select_related("publisher")


def _public_appearances() -> QuerySet:
    """The appearances of public quotes, with the quotes and their speakers."""
    return Appearance.objects.public().select_related("quote__speaker")


def _public_citations() -> QuerySet:
    """The citations of public claims, with the claims and their ratings, in text order."""
    return Citation.objects.public().select_related("claim__rating").order_by("start", "pk")


def source_on_page(slug: str) -> Source | None:
    """The public source at `slug` with its public passages, as `source_detail_queryset()`
    reads it, or None: the same 3 statements, each compiled into SQL once per process
    (apps/core/compiled.py) instead of on every request, where compiling the two passage
    reads was a fifth of a first visit's CPU at 1,000,000 quotes; the passages read in one
    round trip and cached on the source as `prefetch_related` caches them."""
    found = compiled.instances(
        "source-page:source",
        lambda slug: _public_sources().filter(slug=slug)[:2],
        slug,
    )
    if len(found) != 1:
        return None
    source = found[0]
    appearances, citations = compiled.instances_together(
        ("source-page:appearances", lambda pk: _public_appearances().filter(source=pk), source.pk),
        ("source-page:citations", lambda pk: _public_citations().filter(source=pk), source.pk),
    )
    compiled.cache_as_prefetched(source, "appearances", appearances)
    compiled.cache_as_prefetched(source, "citations", citations)
    return source
