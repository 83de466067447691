"""Writes to quotes and their appearances. Each runs in a transaction and validates first."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Model

from apps.core.deletion import delete_unless_referenced
from apps.core.history import attribute_to
from apps.core.writes import validated_save
from apps.sources.models import Source
from apps.sources.services import AnchorCheck, passages_reanchor

from .models import Appearance, Quote


@transaction.atomic
def quote_create(*, text: str, actor: Model | None = None, topics=(), **fields) -> Quote:
    quote = Quote(text=text, **fields)
    validated_save(quote, actor=actor)
    if topics:
        quote.topics.set(topics)
    return quote


@transaction.atomic
def appearance_add(
    *,
    quote: Quote,
    source: Source,
    exact: str = "",
    prefix: str = "",
    suffix: str = "",
    actor: Model | None = None,
) -> Appearance:
    """Record that `source` carries `quote`; anchored as it is saved.

    `exact` is the wording the source uses when it carries only part of the quote or words
    it differently; it defaults to the quote's own words. `prefix` and `suffix` (the text
    just around the passage) pick the right occurrence when the words stand twice.
    """
    # Given before validation: the model's own fallback to the quote's words only runs as it
    # saves, after full_clean() has refused the empty passage.
    appearance = Appearance(
        quote=quote,
        source=source,
        exact=exact if exact.strip() else quote.text,
        prefix=prefix,
        suffix=suffix,
    )
    validated_save(appearance, actor=actor)
    return appearance


@transaction.atomic
def quote_update(*, quote: Quote, actor: Model | None = None, topics=None, **fields) -> Quote:
    """Change a quote; `topics`, when given, becomes its whole list of topics."""
    validated_save(quote, actor=actor, **fields)
    if topics is not None:
        quote.topics.set(topics)
    return quote


def quote_delete(*, quote: Quote) -> None:
    """Delete a quote (and its appearances) unless a claim or a translation points to it."""
    delete_unless_referenced(quote)


@transaction.atomic
def appearance_update(
    *, appearance: Appearance, actor: Model | None = None, **fields
) -> Appearance:
    """Change where or how a source carries the quote; anchored again as it is saved."""
    validated_save(appearance, actor=actor, **fields)
    return appearance


@transaction.atomic
def appearance_remove(*, appearance: Appearance, actor: Model | None = None) -> None:
    attribute_to(appearance, actor)
    appearance.delete()


@transaction.atomic
def quote_confirm(*, quote: Quote, actor: Model | None = None) -> Quote:
    """Confirm a quote as the speaker's words.

    Refused (ValidationError) unless at least one of its appearances found the words in
    its source, exactly or approximately: a quote whose words are in none of its sources
    cannot be confirmed.
    """
    found = quote.appearances.filter(
        match__in=[Appearance.Match.EXACT, Appearance.Match.APPROXIMATE]
    ).exists()
    if not found:
        raise ValidationError(
            f"Cannot confirm “{quote}”: its words are not found in any of its sources.",
            code="not_in_source",
        )
    return quote_update(quote=quote, status=Quote.Status.CONFIRMED, actor=actor)


@transaction.atomic
def quote_reject(*, quote: Quote, actor: Model | None = None) -> Quote:
    """Reject a quote (not the speaker's words, or not speech): it stays, out of public view."""
    return quote_update(quote=quote, status=Quote.Status.REJECTED, actor=actor)


def quotes_reanchor(*, quotes, actor: Model | None = None) -> AnchorCheck:
    """Locate the appearances of these quotes (a queryset or a list) again in their sources'
    current text, after an editor corrected a text; only anchors that moved are saved."""
    appearances = (
        Appearance.objects.filter(quote__in=quotes)
        .select_related("source")
        .order_by("quote_id", "pk")
    )
    return passages_reanchor(passages=appearances, actor=actor)
