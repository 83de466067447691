"""Writes to quotes and their appearances. Each runs in a transaction and validates first."""

from collections.abc import Iterable
from datetime import datetime

from django.core.exceptions import ValidationError
from django.db.models import Model, Q

from apps.core.deletion import delete_unless_referenced
from apps.core.history import set_change_reason
from apps.core.sync import touch, visibility_watched
from apps.core.versions import require_version
from apps.core.writes import bulk_insert, refusal, service, validated_save
from apps.sources.models import Source
from apps.sources.services import (
    AnchorCheck,
    passage_remove,
    passage_save,
    passages_reanchor,
    passages_sync,
)

from .models import Appearance, Quote


@service
def quote_create(
    *, text: str, actor: Model | None = None, topics=(), appearances=None, **fields
) -> Quote:
    """Record a quote, as a draft: it is confirmed by `quote_confirm` once a public source
    is found to carry its words. `appearances`, if given, are the sources that carry it
    (see `appearances_sync`)."""
    _refuse_status(fields, draft_ok=True)
    quote = Quote(text=text, **fields)
    validated_save(quote, actor=actor)
    _words_follow(quote, {quote.pk, quote.translation_of_id})  # a new quote has no translations
    if topics:
        quote.topics.set(topics)
    if appearances:
        appearances_sync(quote=quote, items=appearances, actor=actor)
    return quote


@service
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
    appearance = Appearance(quote=quote, source=source, exact=exact, prefix=prefix, suffix=suffix)
    passage_save(appearance, actor=actor)
    return appearance


@service
def quote_update(
    *,
    quote: Quote,
    actor: Model | None = None,
    expected_version: datetime | None = None,
    topics=None,
    appearances=None,
    **fields,
) -> Quote:
    """Change a quote; `topics` and `appearances`, when given, become its whole lists of
    topics and of the sources that carry it. Its status moves only through `quote_confirm`
    and `quote_reject`."""
    require_version(quote, expected_version)
    _refuse_status(fields)
    linked, previous_original = _linked_ids(quote), quote.translation_of_id
    # A quote given a draft speaker leaves public view (and one given a public speaker
    # may come back).
    with visibility_watched(Quote, [quote.pk], reason="hidden"):
        validated_save(quote, actor=actor, **fields)
    if quote.translation_of_id != previous_original:
        # The original it stops translating lists it no more, the new one lists it now.
        for original_id in (previous_original, quote.translation_of_id):
            if original_id is not None:
                touch(Quote(pk=original_id))
    _words_follow(quote, linked | {quote.translation_of_id})
    if topics is not None:
        quote.topics.set(topics)
    if appearances is not None:
        appearances_sync(quote=quote, items=appearances, actor=actor)
    return quote


@service
def appearances_sync(*, quote: Quote, items: list[dict], actor: Model | None = None) -> None:
    """Make the quote's appearances exactly `items` (dicts of `source`, and optionally
    `exact`, `prefix`, `suffix`; with the `id` of the appearance they keep, or without to
    add one). Errors name the item: `appearances.1.exact`."""
    passages_sync(
        attr="appearances",
        items=items,
        existing=list(quote.appearances.select_related("source")),
        add=lambda data: appearance_add(quote=quote, actor=actor, **data),
        change=lambda appearance, data: appearance_update(
            appearance=appearance, actor=actor, **data
        ),
        remove=lambda appearance: appearance_remove(appearance=appearance, actor=actor),
    )


def _refuse_status(fields: dict, *, draft_ok: bool = False) -> None:
    status = fields.get("status")
    if status is None or (draft_ok and status == Quote.Status.DRAFT):
        return
    raise refusal(
        {
            "status": "A quote is confirmed or rejected with Confirm or Reject, not by setting "
            "its status: confirming checks that a public source carries its words."
        },
        code="workflow",
    )


@service
def quote_delete(
    *, quote: Quote, actor: Model | None = None, expected_version: datetime | None = None
) -> None:
    """Delete a quote (and its appearances) unless a claim or a translation points to it."""
    require_version(quote, expected_version)
    original = quote.translation_of_id
    delete_unless_referenced(quote, actor=actor)
    translation_words_refresh(quote_ids={original})


@service
def appearance_update(
    *, appearance: Appearance, actor: Model | None = None, **fields
) -> Appearance:
    """Change where or how a source carries the quote; anchored again as it is saved."""
    passage_save(appearance, actor=actor, **fields)
    return appearance


@service
def appearance_remove(*, appearance: Appearance, actor: Model | None = None) -> None:
    passage_remove(appearance, actor=actor)


@service
def quote_confirm(
    *, quote: Quote, actor: Model | None = None, expected_version: datetime | None = None
) -> Quote:
    """Confirm a quote as the speaker's words.

    Refused (ValidationError) unless at least one of its appearances found the words,
    exactly or approximately, in a public source: readers must be able to check a quote
    in a source they can open.
    """
    require_version(quote, expected_version)
    if not quote_found_in_public_source(quote):
        unpublished = list(
            quote.appearances.exclude(match=Appearance.Match.NOT_FOUND).values_list(
                "source__title", flat=True
            )[:3]
        )
        hint = (
            f"; they are found in “{'”, “'.join(unpublished)}”, not published yet: publish it first"
            if unpublished
            else ""
        )
        raise ValidationError(
            f"Cannot confirm “{quote}”: its words are not found in any of its published "
            f"sources{hint}.",
            code="not_in_source",
        )
    return _set_status(quote, Quote.Status.CONFIRMED, actor=actor, reason="Confirmed")


@service
def quote_reject(
    *, quote: Quote, actor: Model | None = None, expected_version: datetime | None = None
) -> Quote:
    """Reject a quote (not the speaker's words, or not speech): it stays, out of public view."""
    require_version(quote, expected_version)
    return _set_status(quote, Quote.Status.REJECTED, actor=actor, reason="Rejected")


def quote_found_in_public_source(quote: Quote) -> bool:
    """Whether an appearance of `quote` found its words in a published source (one query)."""
    return quote.appearances.found_in_public_sources().exists()


def _set_status(quote: Quote, status: str, *, actor: Model | None, reason: str) -> Quote:
    set_change_reason(quote, reason)
    with visibility_watched(Quote, [quote.pk], reason=reason.lower()):
        validated_save(quote, actor=actor, status=status)
    # Its original and translations are found by its words only while it is public.
    _words_follow(quote, _linked_ids(quote))
    return quote


# --- what search finds a quote by besides its own words --------------------------------------


def _linked_ids(quote: Quote) -> set[int]:
    """The quote, its original and its translations (of any status): the quotes whose
    `translation_words` a change to it may change. One query."""
    ids = {quote.pk}
    if quote.translation_of_id is not None:
        ids.add(quote.translation_of_id)
    ids.update(Quote.objects.filter(translation_of_id=quote.pk).values_list("pk", flat=True))
    return ids


def _words_follow(quote: Quote, linked: set[int | None]) -> None:
    """Refresh the words of `quote` and the quotes linked to it: nothing to do (and no
    query) for a quote linked to none that holds no such words."""
    if linked - {quote.pk, None} or quote.translation_words:
        translation_words_refresh(quote_ids=linked)


@service
def translation_words_refresh(*, quote_ids: Iterable[int | None]) -> None:
    """Set each of these quotes' `translation_words` (indexed for search with its own words,
    apps/search/kinds.py) from its public original's words and its public translations'
    words, by language. Two queries, and an UPDATE for each quote whose words changed (the
    database indexes it again: the generated vector on PostgreSQL, the FTS5 triggers on
    SQLite). Not in its history: it is derived, and moves no `updated_at` (the API does not
    show it)."""
    ids = {pk for pk in quote_ids if pk is not None}
    if not ids:
        return
    current = {
        pk: (original_id, words)
        for pk, original_id, words in Quote.objects.filter(pk__in=ids).values_list(
            "pk", "translation_of_id", "translation_words"
        )
    }
    original_ids = {original_id for original_id, _ in current.values() if original_id}
    texts: dict[int, str] = {}
    translations: dict[int, list[str]] = {pk: [] for pk in current}
    for pk, original_id, text in (
        Quote.objects.public()
        .filter(Q(pk__in=original_ids) | Q(translation_of_id__in=list(current)))
        .order_by("language", "pk")
        .values_list("pk", "translation_of_id", "text")
    ):
        texts[pk] = text
        if original_id in translations:
            translations[original_id].append(text)
    for pk, (original_id, words) in current.items():
        wanted = "\n".join(
            [*([texts[original_id]] if original_id in texts else []), *translations[pk]]
        )
        if wanted != words:
            Quote.objects.filter(pk=pk).update(translation_words=wanted)


@service
def quotes_reanchor(*, quotes, actor: Model | None = None) -> AnchorCheck:
    """Locate the appearances of these quotes (a queryset or a list) again in their sources'
    current text, after an editor corrected a text; only anchors that moved are saved."""
    appearances = (
        Appearance.objects.filter(quote__in=quotes)
        .select_related("source")
        .order_by("quote_id", "pk")
    )
    return passages_reanchor(passages=appearances, actor=actor)


# --- imports ---------------------------------------------------------------------------


@service
def quotes_import(
    *,
    quotes: list[Quote],
    appearances: list[Appearance],
    actor: Model | None = None,
    reason: str,
) -> None:
    """Write many new draft quotes at once (an article's), and appearances of them or of
    quotes already recorded, each anchored in its source. Drafts, since an editor confirms
    each (`quote_confirm`). The caller validates what it builds: rows go in with one
    statement per model, their history rows with them (apps/core/writes.py `bulk_insert`).

    Anchoring many passages in one source normalises its text once; give each appearance
    its `start` (where the words are) with the text around them as `prefix` and `suffix`,
    and it is placed without searching the text.
    """
    for quote in quotes:
        if quote.status != Quote.Status.DRAFT:
            raise ValidationError({"status": "Imported quotes are drafts until confirmed."})
    bulk_insert(Quote, quotes, actor=actor, reason=reason)
    for appearance in appearances:
        appearance.quote_id = appearance.quote.pk  # a new quote has its id now
        appearance.anchor()
    bulk_insert(Appearance, appearances, actor=actor, reason=reason)
    new = {quote.pk for quote in quotes}
    Appearance.touch_owners([a for a in appearances if a.quote_id not in new])
