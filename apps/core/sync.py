"""What API clients that keep a copy need: every change moves a time, every removal leaves
a tombstone.

A client syncs with `updated_since` on each list (objects whose `updated_at` moved) and
`/api/v1/tombstones/?since=` (objects it must drop); the recipe is in docs/api-sync.md.
For that to miss nothing, the services keep two promises, with the helpers here:

- **An object's `updated_at` moves whenever its API representation changes**, including
  what it shows of other objects: a quote shows its speaker's name, a claim its
  citations' sources. Models say what they show of others in `sync_embeds` (paths to the
  related objects, as in a query); referenced models say which of their fields those
  links show in `sync_link_fields`. When a service changes one of those fields,
  `touch_embedding` moves the `updated_at` of every object that shows it (one UPDATE per
  path). Passages and other parts of an object touch their owner themselves.
- **An object that stops being public leaves a tombstone** (kind, id, time, reason), and
  one that becomes public again loses it and has its `updated_at` moved, so that a client
  that had dropped it fetches it again. `visibility_watched` wraps a service's write and
  compares which of the given objects were public before and after it.

A tombstone exists only while its object is not public, so a client applying tombstones
and updates in any order ends with the same copy.
"""

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from functools import cache

from django.apps import apps
from django.db import models
from django.utils import timezone

from apps.core.models import Tombstone
from apps.core.reader_keys import touched


def kind_of(model: type[models.Model]) -> str:
    """The name clients know a model by: "claim", "quote", "speaker" …"""
    return model._meta.model_name


def public_ids(model: type[models.Model], ids: Iterable[int]) -> set[int]:
    """Which of `ids` anonymous clients may read (models without `public()` are all public)."""
    rows = model._default_manager.filter(pk__in=list(ids))
    if hasattr(rows, "public"):
        rows = rows.public()
    return set(rows.values_list("pk", flat=True))


@contextmanager
def visibility_watched(model: type[models.Model], ids: Iterable[int], *, reason: str) -> Iterator:
    """Around a write that may hide or show these objects of `model`: tombstones (with
    `reason`, such as "retracted") for those public before and not after, and for those
    shown again, their tombstone removed and their `updated_at` moved. Two queries before
    the write is done, and a few after."""
    ids = set(ids)
    before = public_ids(model, ids)
    yield
    after = public_ids(model, ids)
    record_removed(model, before - after, reason=reason)
    record_shown(model, after - before)


@contextmanager
def deletion_recorded(obj: models.Model) -> Iterator:
    """Around the delete of `obj`: what showed it is touched first (its links go with it),
    and, if clients could read it, it leaves a tombstone once deleted."""
    model = type(obj)
    was_public = bool(public_ids(model, [obj.pk]))
    touch_embedding(model, [obj.pk])
    pk = obj.pk
    yield
    if was_public:
        record_removed(model, [pk], reason="deleted")


def record_removed(model: type[models.Model], ids: Iterable[int], *, reason: str) -> None:
    """Tombstones for objects of `model` that clients may no longer read."""
    ids = sorted(ids)
    if not ids:
        return
    kind, now = kind_of(model), timezone.now()
    Tombstone.objects.filter(kind=kind, object_id__in=ids).delete()
    Tombstone.objects.bulk_create(
        [Tombstone(kind=kind, object_id=pk, removed_at=now, reason=reason) for pk in ids]
    )
    touch_embedding(model, ids)  # what showed them shows them no more


def record_shown(model: type[models.Model], ids: Iterable[int]) -> None:
    """Objects of `model` public again: no tombstone, and an `updated_at` clients see."""
    ids = sorted(ids)
    if not ids:
        return
    Tombstone.objects.filter(kind=kind_of(model), object_id__in=ids).delete()
    model._default_manager.filter(pk__in=ids).update(updated_at=timezone.now())
    touched(model, ids)
    touch_embedding(model, ids)


def changed_link_fields(obj: models.Model, fields: dict) -> bool:
    """Whether `fields` (about to be set on `obj`) change what other objects show of it."""
    shown = getattr(type(obj), "sync_link_fields", ())
    return any(name in shown and getattr(obj, name) != value for name, value in fields.items())


def touch_embedding(model: type[models.Model], ids: Iterable[int]) -> None:
    """Move the `updated_at` of every object whose representation shows one of these
    objects of `model` (one UPDATE per path that leads to `model`)."""
    ids = list(ids)
    now = timezone.now()
    for embedding, path in _embedding_paths(model):
        rows = embedding._default_manager.filter(**{f"{path}__in": ids})
        touched(embedding, rows.values("pk"))
        rows.update(updated_at=now)


def touch(obj: models.Model) -> None:
    """Move `obj`'s own `updated_at` (a part of it, such as an alias, changed)."""
    type(obj)._default_manager.filter(pk=obj.pk).update(updated_at=timezone.now())
    touched(type(obj), [obj.pk])


@cache
def _embedding_paths(target: type[models.Model]) -> list[tuple[type[models.Model], str]]:
    """(model, path) for each `sync_embeds` path of any model that ends at `target`."""
    found = []
    for model in apps.get_models():
        for path in getattr(model, "sync_embeds", ()):
            if _path_target(model, path) is target:
                found.append((model, path))
    return found


def _path_target(model: type[models.Model], path: str) -> type[models.Model]:
    for name in path.split("__"):
        model = model._meta.get_field(name).related_model
    return model
