"""Writes to sources and publishers. Each runs in a transaction and validates first."""

from django.db import transaction
from django.db.models import Model

from apps.core.deletion import delete_unless_referenced
from apps.core.history import attribute_to
from apps.core.slugs import unique_slug
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


@transaction.atomic
def source_reanchor(*, source: Source, actor: Model | None = None) -> list[AnchoredPassage]:
    """Locate every passage again in the source's current text. Returns them, re-anchored."""
    passages = anchored_passages(source)
    for passage in passages:
        passage.source = source
        attribute_to(passage, actor)
        passage.save()
    return passages


@transaction.atomic
def source_create(*, actor: Model | None = None, **fields) -> Source:
    source = Source(**fields)
    if not source.slug:
        source.slug = unique_slug(Source, source.title)
    attribute_to(source, actor)
    source.full_clean()
    source.save()
    return source


@transaction.atomic
def source_update(*, source: Source, actor: Model | None = None, **fields) -> Source:
    """Change a source; when its text changes, every passage anchored in it is re-checked."""
    text_changed = "text" in fields and fields["text"] != source.text
    for name, value in fields.items():
        setattr(source, name, value)
    attribute_to(source, actor)
    source.full_clean()
    source.save()
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
    attribute_to(publisher, actor)
    publisher.full_clean()
    publisher.save()
    return publisher


@transaction.atomic
def publisher_update(*, publisher: Publisher, actor: Model | None = None, **fields) -> Publisher:
    for name, value in fields.items():
        setattr(publisher, name, value)
    attribute_to(publisher, actor)
    publisher.full_clean()
    publisher.save()
    return publisher


def publisher_delete(*, publisher: Publisher) -> None:
    """Delete a publisher no source names; otherwise a ValidationError says which do."""
    delete_unless_referenced(publisher)
