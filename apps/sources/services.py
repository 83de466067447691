"""Writes to sources and publishers. Each runs in a transaction and validates first."""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db.models import Model
from django.utils import timezone

from apps.core.deletion import delete_unless_referenced
from apps.core.history import attribute_to, set_change_reason
from apps.core.slugs import unique_slug
from apps.core.sync import visibility_watched
from apps.core.versions import require_version
from apps.core.writes import bulk_insert, refusal, service, validated_save
from apps.sources.models import AnchoredPassage, Publisher, Source, SourceVersion


def anchored_passages(source: Source) -> list[AnchoredPassage]:
    """Every appearance and citation anchored in `source` (see `AnchoredPassage.kinds`)."""
    return [
        passage
        for model in AnchoredPassage.kinds()
        for passage in model._default_manager.filter(source=source)
        .select_related("source")
        .order_by("pk")
    ]


# The fields anchoring writes: a passage whose values of these are unchanged has not moved.
_ANCHOR_FIELDS = (
    "exact", "prefix", "suffix", "start", "end", "match", "similarity", "found_passage"
)  # fmt: skip


@dataclass(frozen=True)
class AnchorCheck:
    """How a set of passages stands after they were located again."""

    exact: int = 0
    approximate: int = 0
    not_found: int = 0
    moved: int = 0  # how many had a different anchor before, and were saved with the new one

    @property
    def total(self) -> int:
        return self.exact + self.approximate + self.not_found

    def __str__(self) -> str:
        """“3 passages: 1 exact, 1 approximate, 1 not found (2 anchors moved).”"""
        noun = "passage" if self.total == 1 else "passages"
        moved = "anchor" if self.moved == 1 else "anchors"
        return (
            f"{self.total} {noun}: {self.exact} exact, {self.approximate} approximate, "
            f"{self.not_found} not found ({self.moved} {moved} moved)."
        )


@service
def passage_save(passage: AnchoredPassage, *, actor: Model | None = None, **fields) -> None:
    """Set `fields` on a passage, locate it in its source's current text, validate and save.

    The one place a passage is anchored as it is written: the quotes' and claims' services
    call it to add or change an appearance or a citation. Reads `passage.source`.
    """
    for name, value in fields.items():
        setattr(passage, name, value)
    if not passage.exact.strip():
        passage.exact = passage.default_passage()
    passage.anchor()
    validated_save(passage, actor=actor)
    passage.touch_owners([passage])


def passage_remove(passage: AnchoredPassage, *, actor: Model | None = None) -> None:
    """Delete a passage (inside its owner's service), its history row naming `actor`."""
    attribute_to(passage, actor)
    passage.delete()
    passage.touch_owners([passage])


@service
def passage_reanchor(
    *, passage: AnchoredPassage, actor: Model | None = None, reason: str = ""
) -> bool:
    """Locate `passage` again in its source's current text; True if its anchor moved.

    Saved (with a history row by `actor`) only when the anchor moved, so re-checking
    passages that still stand where they did leaves their history alone; and then only
    its anchor, so that an editor's change to its other fields (a citation's note) made
    meanwhile is not written over. Reads `passage.source` (select it with the passage).
    """
    before = [getattr(passage, name) for name in _ANCHOR_FIELDS]
    passage.anchor()
    if [getattr(passage, name) for name in _ANCHOR_FIELDS] == before:
        return False
    attribute_to(passage, actor)
    if reason:
        set_change_reason(passage, reason)
    passage.save(update_fields=[*_ANCHOR_FIELDS, "updated_at"])
    passage.touch_owners([passage])
    return True


def passages_sync(
    *,
    attr: str,
    items: list[dict],
    existing: list[AnchoredPassage],
    add: Callable[[dict], AnchoredPassage],
    change: Callable[[AnchoredPassage, dict], object],
    remove: Callable[[AnchoredPassage], None],
) -> None:
    """Make a quote's appearances or a claim's citations exactly `items`: those with an `id`
    are kept (and changed as given), those without are added, and the rest are removed
    first, so that a source can be dropped and cited again in one change. Called inside the
    owner's service. A refusal names the item, as `citations.1.exact`."""
    by_id = {passage.pk: passage for passage in existing}
    for index, item in enumerate(items):
        if item.get("id") is not None and item["id"] not in by_id:
            raise refusal(
                {f"{attr}.{index}.id": "No such passage here: leave `id` out to add one."},
                code="does_not_exist",
            )
    kept = {item.get("id") for item in items}
    for passage in existing:
        if passage.pk not in kept:
            remove(passage)
    for index, item in enumerate(items):
        data = {name: value for name, value in item.items() if name != "id"}
        try:
            if item.get("id") is not None:
                passage = by_id[item["id"]]
                if any(getattr(passage, name) != value for name, value in data.items()):
                    change(passage, data)
            else:
                add(data)
        except ValidationError as error:
            raise _prefixed(error, f"{attr}.{index}.") from error


def _prefixed(error: ValidationError, prefix: str) -> ValidationError:
    if hasattr(error, "error_dict"):
        return ValidationError(
            {f"{prefix}{name}": errors for name, errors in error.error_dict.items()}
        )
    return ValidationError({f"{prefix}{NON_FIELD_ERRORS}": error.error_list})


@service
def passages_reanchor(
    *, passages: Iterable[AnchoredPassage], actor: Model | None = None
) -> AnchorCheck:
    """Locate each passage again (see `passage_reanchor`) and count how they now stand."""
    counts = dict.fromkeys(AnchoredPassage.Match.values, 0)
    moved = 0
    for passage in passages:
        moved += passage_reanchor(passage=passage, actor=actor)
        counts[passage.match] += 1
    return AnchorCheck(**counts, moved=moved)


@service
def source_reanchor(*, source: Source, actor: Model | None = None) -> list[AnchoredPassage]:
    """Locate every passage again in the source's current text. Returns them, re-anchored.

    Only the passages whose anchor moved are saved (see `passage_reanchor`).
    """
    passages = anchored_passages(source)
    for passage in passages:
        passage.source = source
    passages_reanchor(passages=passages, actor=actor)
    return passages


@service
def sources_reanchor(*, sources: Iterable[Source], actor: Model | None = None) -> AnchorCheck:
    """Locate every passage anchored in these sources again; one query per kind of passage."""
    source_ids = [source.pk for source in sources]
    passages = [
        passage
        for model in AnchoredPassage.kinds()
        for passage in model._default_manager.filter(source__in=source_ids)
        .select_related("source")
        .order_by("source_id", "pk")
    ]
    return passages_reanchor(passages=passages, actor=actor)


@service
def source_create(*, actor: Model | None = None, **fields) -> Source:
    source = Source(**fields)
    if not source.slug:
        source.slug = unique_slug(Source, source.title)
    validated_save(source, actor=actor)
    return source


@service
def source_update(
    *,
    source: Source,
    actor: Model | None = None,
    expected_version: datetime | None = None,
    text_change_note: str = "",
    **fields,
) -> Source:
    """Change a source. When its text changes, every passage anchored in it is located
    again; and if the source is published, the text it had is archived first, as a
    SourceVersion with its SHA-256, who set it and when, `text_change_note` (why, for
    readers) and the passages that moved. Refused if the change (of the text, or back to
    draft) would leave a published claim or a confirmed quote without a passage found in a
    published source."""
    require_version(source, expected_version)
    stored = Source.objects.get(pk=source.pk)
    now = timezone.now()
    text_changed = "text" in fields and fields["text"] != stored.text
    archive = None
    if text_changed:
        if stored.status == Source.Status.PUBLISHED:
            archive = SourceVersion(
                source=source,
                number=stored.text_version,
                text=stored.text,
                set_at=stored.text_set_at or stored.created_at,
                set_by_id=stored.text_set_by_id,
                replaced_at=now,
                replaced_by=actor,
                change_note=text_change_note.strip(),
            )
            fields["text_version"] = stored.text_version + 1
        fields.update(text_set_at=now, text_set_by=actor)
    if text_changed:
        version = fields.get("text_version", stored.text_version)
        set_change_reason(source, f"Text replaced (version {version})")
    # Made draft, clients learn to drop it; published again, to fetch it (apps/core/sync.py).
    with visibility_watched(Source, [source.pk], reason="unpublished"):
        validated_save(source, actor=actor, **fields)
    if text_changed:
        moves = _reanchor_recording_moves(source, actor=actor)
        if archive is not None:
            archive.moved_passages = moves
            validated_save(archive, actor=actor)
    if text_changed or stored.status != source.status:
        for model in AnchoredPassage.kinds():
            model.check_sources_change([source.pk])
    return source


def _reanchor_recording_moves(source: Source, *, actor: Model | None) -> list[dict]:
    """Locate every passage in the source's new text; the moves, as SourceVersion keeps them."""
    moves = []
    reason = f"Re-anchored in text version {source.text_version}"
    for passage in anchored_passages(source):
        passage.source = source
        before = [passage.start, passage.end, passage.match]
        if passage_reanchor(passage=passage, actor=actor, reason=reason):
            moves.append(
                {
                    "kind": passage.owner_name(),
                    "id": passage.pk,
                    "before": before,
                    "after": [passage.start, passage.end, passage.match],
                }
            )
    return moves


@service
def source_delete(
    *, source: Source, actor: Model | None = None, expected_version: datetime | None = None
) -> None:
    require_version(source, expected_version)
    delete_unless_referenced(source, actor=actor)


@service
def publisher_get_or_create(*, name: str, home_page: str = "") -> Publisher:
    publisher = Publisher.objects.filter(name__iexact=name).first()
    if publisher is None:
        publisher = Publisher(name=name, slug=unique_slug(Publisher, name), home_page=home_page)
        publisher.full_clean()
        publisher.save()
    return publisher


@service
def publisher_create(*, name: str, actor: Model | None = None, **fields) -> Publisher:
    publisher = Publisher(name=name, **fields)
    if not publisher.slug:
        publisher.slug = unique_slug(Publisher, name)
    validated_save(publisher, actor=actor)
    return publisher


@service
def publisher_update(
    *,
    publisher: Publisher,
    actor: Model | None = None,
    expected_version: datetime | None = None,
    **fields,
) -> Publisher:
    require_version(publisher, expected_version)
    validated_save(publisher, actor=actor, **fields)
    return publisher


@service
def publisher_delete(
    *, publisher: Publisher, actor: Model | None = None, expected_version: datetime | None = None
) -> None:
    """Delete a publisher no source names; otherwise a ValidationError says which do."""
    require_version(publisher, expected_version)
    delete_unless_referenced(publisher, actor=actor)


@service
def publishers_create_many(
    *, publishers: list[Publisher], actor: Model | None = None, reason: str
) -> None:
    """Write many new publishers at once (an import's); the database's constraints check them."""
    bulk_insert(Publisher, publishers, actor=actor, reason=reason)


@service
def sources_create_drafts(
    *, sources: list[Source], actor: Model | None = None, reason: str
) -> None:
    """Write many new draft sources at once (an import's). Draft, since their text is still
    to be archived and checked."""
    for source in sources:
        if source.status != Source.Status.DRAFT:
            raise ValidationError({"status": "Imported sources are drafts until checked."})
    bulk_insert(Source, sources, actor=actor, reason=reason)
