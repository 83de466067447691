"""The steps every service takes to write a curated row."""

from typing import TypeVar

from django.db.models import Model

from apps.core.history import attribute_to

M = TypeVar("M", bound=Model)


def validated_save(obj: M, *, actor: Model | None = None, **fields) -> M:
    """Set `fields` on `obj`, name `actor` as the author of its history row, validate it
    (fields, model rules and constraints, each with its message) and save it.

    Validation comes before the save so that bad input is refused with a message saying
    what is wrong, never stored, and never left to the database's bare IntegrityError.
    """
    for name, value in fields.items():
        setattr(obj, name, value)
    attribute_to(obj, actor)
    obj.full_clean()
    obj.save()
    return obj
