"""Reads that span the claims app and the apps below it."""

from collections.abc import Iterator

from apps.quotes.models import Appearance
from apps.sources.models import AnchoredPassage

from .models import Citation


def all_anchored_passages() -> Iterator[AnchoredPassage]:
    """Every appearance, then every citation, with the source text they are anchored in."""
    yield from Appearance.objects.select_related("source", "quote").order_by("source_id", "pk")
    yield from Citation.objects.select_related("source", "claim").order_by("source_id", "pk")
