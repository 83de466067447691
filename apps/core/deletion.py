"""Refusing deletes that would orphan evidence, with a message an editor can act on."""

from collections import Counter

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Model, ProtectedError

from apps.core.history import attribute_to
from apps.core.sync import deletion_recorded


def describe_protected(obj: Model, error: ProtectedError) -> str:
    """'Cannot delete speaker “X”: 2 quotes and 1 claim point to it.'"""
    counts = Counter(type(item)._meta for item in error.protected_objects)
    parts = []
    for meta, count in sorted(counts.items(), key=lambda pair: pair[0].verbose_name):
        noun = meta.verbose_name if count == 1 else meta.verbose_name_plural
        parts.append(f"{count} {noun}")
    listed = " and ".join([", ".join(parts[:-1]), parts[-1]]) if len(parts) > 1 else parts[0]
    verb = "points" if sum(counts.values()) == 1 else "point"
    return (
        f"Cannot delete {obj._meta.verbose_name} “{obj}”: {listed} {verb} to it. "
        "Remove or reassign them first."
    )


def delete_unless_referenced(obj: Model, *, actor: Model | None = None) -> None:
    """Delete `obj` (its history row naming `actor`), or raise ValidationError saying which
    evidence still points to it.

    Relations to evidence use on_delete=PROTECT, so the database layer refuses the delete;
    this turns Django's ProtectedError into a message for people. A deleted object that
    clients could read leaves a tombstone (apps/core/sync.py).
    """
    attribute_to(obj, actor)
    try:
        with transaction.atomic(), deletion_recorded(obj):
            obj.delete()
    except ProtectedError as error:
        raise ValidationError(describe_protected(obj, error), code="protected") from error
