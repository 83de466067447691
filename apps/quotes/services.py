"""Writes to quotes and their appearances. Each runs in a transaction and validates first."""

from django.db import transaction
from django.db.models import Model

from apps.sources.models import Source

from .models import Appearance, Quote


@transaction.atomic
def quote_create(*, text: str, actor: Model | None = None, topics=(), **fields) -> Quote:
    quote = Quote(text=text, **fields)
    quote._history_user = actor
    quote.full_clean()
    quote.save()
    if topics:
        quote.topics.set(topics)
    return quote


@transaction.atomic
def appearance_add(
    *, quote: Quote, source: Source, exact: str = "", actor: Model | None = None
) -> Appearance:
    """Record that `source` carries `quote`; anchored as it is saved.

    `exact` is the wording the source uses when it carries only part of the quote or words
    it differently; it defaults to the quote's own words.
    """
    appearance = Appearance(quote=quote, source=source, exact=exact)
    appearance._history_user = actor
    appearance.full_clean()
    appearance.save()
    return appearance
