"""The public reads of quotes: cards, the list by speaker, and a quote's page."""

from django.db.models import Prefetch, QuerySet

from apps.claims.models import Claim
from apps.quotes.models import Appearance, Quote
from apps.speakers.models import Speaker


def quote_cards(queryset: QuerySet) -> QuerySet:
    return queryset.select_related("speaker")


def quote_list(*, speaker: str = "") -> QuerySet:
    """Public quotes, optionally of one speaker: 2 queries per page."""
    quotes = Quote.objects.public()
    if speaker:
        quotes = quotes.filter(speaker__slug=speaker)
    return quote_cards(quotes)


def quote_detail_queryset() -> QuerySet:
    """Public quotes with everything their page shows: 8 queries for one quote.

    The quote and its speaker; the speaker's roles (for the role at the time); the
    appearances in public sources with their sources; the public claims made from it; its
    topics; its public translations (`public_translations`, by language); the quote it
    translates and the real speaker of a misattributed quote (each None unless public,
    and no query when there is none).
    """
    return (
        Quote.objects.public()
        .select_related("speaker")
        .prefetch_related(
            "speaker__roles",
            Prefetch(
                "appearances",
                queryset=Appearance.objects.in_public_sources().select_related("source__publisher"),
            ),
            Prefetch("claims", queryset=Claim.objects.public().select_related("rating")),
            "topics",
            Prefetch(
                "translations",
                queryset=Quote.objects.public().order_by("language", "id"),
                to_attr="public_translations",
            ),
            Prefetch("translation_of", queryset=Quote.objects.public()),
            Prefetch("misattributed_to", queryset=Speaker.objects.public()),
        )
    )
