"""Reads that span the quotes app and the apps below it."""

from django.db.models import Count, Q, QuerySet

from .models import Appearance, Quote


def quotes_awaiting_confirmation() -> QuerySet[Quote]:
    """Draft quotes, the longest waiting first, each with its speaker and the numbers of its
    appearances and of those whose words are found in their source (one query)."""
    return (
        Quote.objects.filter(status=Quote.Status.DRAFT)
        .select_related("speaker")
        .annotate(
            appearance_count=Count("appearances"),
            found_count=Count(
                "appearances", filter=~Q(appearances__match=Appearance.Match.NOT_FOUND)
            ),
        )
        .order_by("created_at", "pk")
    )
