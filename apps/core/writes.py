"""The steps services take to write curated rows (see apps/core/guard.py for why only
services write them)."""

from typing import TypeVar

from django.core.exceptions import ValidationError
from django.db import connection
from django.db.models import Model
from django.utils import timezone

from apps.core.guard import UnguardedWrite, check_write, service, unguarded
from apps.core.history import attribute_to
from apps.core.sync import changed_link_fields, touch_embedding

M = TypeVar("M", bound=Model)

__all__ = [
    "UnguardedWrite",
    "bulk_insert",
    "check_write",
    "refusal",
    "service",
    "unguarded",
    "validated_save",
]


def validated_save(obj: M, *, actor: Model | None = None, **fields) -> M:
    """Set `fields` on `obj`, name `actor` as the author of its history row, validate it
    (fields, model rules and constraints, each with its message) and save it.

    Validation comes before the save so that bad input is refused with a message saying
    what is wrong, never stored, and never left to the database's bare IntegrityError.
    A change to what other objects show of `obj` (its `sync_link_fields`) moves their
    `updated_at` too (apps/core/sync.py). Called by services (the guard refuses it
    anywhere else).
    """
    shown_elsewhere = obj.pk is not None and changed_link_fields(obj, fields)
    for name, value in fields.items():
        setattr(obj, name, value)
    attribute_to(obj, actor)
    obj.full_clean()
    obj.save()
    if shown_elsewhere:
        touch_embedding(type(obj), [obj.pk])
    return obj


def bulk_insert(model: type[M], objects: list[M], *, actor: Model | None, reason: str) -> None:
    """Insert `objects` in one statement, and their first history rows in another; for the
    services that import many new rows at once (called inside one).

    The history rows are copied by the database from the rows just inserted (INSERT …
    SELECT), which is what simple-history's own bulk helper does in Python, one model
    instance per row, at several times the cost. No signal is sent: the caller tells
    whatever listens (the response cache) itself.
    """
    if not objects:
        return
    model._default_manager.bulk_create(objects)
    history = model.history.model
    columns = [
        connection.ops.quote_name(field.column)
        for field in history._meta.concrete_fields
        if not field.name.startswith("history_")
    ]
    listed = ", ".join(columns)
    pks = [obj.pk for obj in objects]
    with connection.cursor() as cursor:
        for start in range(0, len(pks), 500):
            chunk = pks[start : start + 500]
            cursor.execute(
                f"INSERT INTO {connection.ops.quote_name(history._meta.db_table)} "
                f"({listed}, history_date, history_change_reason, history_type, "
                f"history_user_id) SELECT {listed}, %s, %s, '+', %s "
                f"FROM {connection.ops.quote_name(model._meta.db_table)} "
                f"WHERE id IN ({', '.join(['%s'] * len(chunk))})",
                [timezone.now(), reason[:100], getattr(actor, "pk", None), *chunk],
            )


def refusal(errors: dict[str, str], *, code: str) -> ValidationError:
    """A ValidationError naming the fields at fault, each message with `code` (Django keeps
    no code for the messages of a dict given as such, and the API answers with it)."""
    return ValidationError(
        {name: ValidationError(message, code=code) for name, message in errors.items()}
    )
