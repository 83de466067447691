"""Writes to sources and publishers. Each runs in a transaction and validates first."""

from collections.abc import Iterable
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Model

from apps.core.deletion import delete_unless_referenced
from apps.core.history import attribute_to
from apps.core.slugs import unique_slug
from apps.core.writes import validated_save
from apps.sources.models import AnchoredPassage, Publisher, Source


def anchored_passages(source: Source) -> list[AnchoredPassage]:
    """Every appearance and citation anchored in `source`.

    Found through the reverse relations rather than by importing the quotes and claims apps,
    which sit above this one.
    """
    passages: list[AnchoredPassage] = []
    for relation in source._meta.related_objects:
        if issubclass(relation.related_model, AnchoredPassage):
            manager = getattr(source, relation.get_accessor_name())
            passages.extend(manager.select_related("source"))
    return passages


# The fields anchoring writes: a passage whose values of these are unchanged has not moved.
_ANCHOR_FIELDS = ("exact", "prefix", "suffix", "start", "end", "match", "similarity")


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


def passage_reanchor(*, passage: AnchoredPassage, actor: Model | None = None) -> bool:
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
    passage.save(update_fields=[*_ANCHOR_FIELDS, "updated_at"])
    return True


@transaction.atomic
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


@transaction.atomic
def source_reanchor(*, source: Source, actor: Model | None = None) -> list[AnchoredPassage]:
    """Locate every passage again in the source's current text. Returns them, re-anchored.

    Only the passages whose anchor moved are saved (see `passage_reanchor`).
    """
    passages = anchored_passages(source)
    for passage in passages:
        passage.source = source
    passages_reanchor(passages=passages, actor=actor)
    return passages


@transaction.atomic
def sources_reanchor(*, sources: Iterable[Source], actor: Model | None = None) -> AnchorCheck:
    """Locate every passage anchored in these sources again; one query per kind of passage."""
    source_ids = [source.pk for source in sources]
    passages = [
        passage
        for relation in Source._meta.related_objects
        if issubclass(relation.related_model, AnchoredPassage)
        for passage in relation.related_model._default_manager.filter(source__in=source_ids)
        .select_related("source")
        .order_by("source_id", "pk")
    ]
    return passages_reanchor(passages=passages, actor=actor)


@transaction.atomic
def source_create(*, actor: Model | None = None, **fields) -> Source:
    source = Source(**fields)
    if not source.slug:
        source.slug = unique_slug(Source, source.title)
    validated_save(source, actor=actor)
    return source


@transaction.atomic
def source_update(*, source: Source, actor: Model | None = None, **fields) -> Source:
    """Change a source; when its text changes, every passage anchored in it is re-checked."""
    text_changed = "text" in fields and fields["text"] != source.text
    validated_save(source, actor=actor, **fields)
    if text_changed:
        source_reanchor(source=source, actor=actor)
    return source


def source_delete(*, source: Source) -> None:
    delete_unless_referenced(source)


@transaction.atomic
def publisher_get_or_create(*, name: str, home_page: str = "") -> Publisher:
    publisher = Publisher.objects.filter(name__iexact=name).first()
    if publisher is None:
        publisher = Publisher(name=name, slug=unique_slug(Publisher, name), home_page=home_page)
        publisher.full_clean()
        publisher.save()
    return publisher


@transaction.atomic
def publisher_create(*, name: str, actor: Model | None = None, **fields) -> Publisher:
    publisher = Publisher(name=name, **fields)
    if not publisher.slug:
        publisher.slug = unique_slug(Publisher, name)
    validated_save(publisher, actor=actor)
    return publisher


@transaction.atomic
def publisher_update(*, publisher: Publisher, actor: Model | None = None, **fields) -> Publisher:
    validated_save(publisher, actor=actor, **fields)
    return publisher


def publisher_delete(*, publisher: Publisher) -> None:
    """Delete a publisher no source names; otherwise a ValidationError says which do."""
    delete_unless_referenced(publisher)
