"""Reading the values of a dump line (see load.py): each value must have the JSON type its
field takes, ids are "<type>:<number>", dates and times are ISO 8601; a value that is not
is refused with a message naming the object, the field and what it was given.
"""

import datetime
import math

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import models
from django.utils.dateparse import parse_datetime


class FieldError(ValueError):
    """A value of the wrong JSON type (or form) for its field; the message names both."""

    def __init__(self, ident: str, field: str, expected: str, value):
        super().__init__(f"{ident}: “{field}” must be {expected}, not {_json_kind(value)}")


class BadJSON(ValueError):
    pass


def error_messages(error: ValidationError) -> str:
    """The models' messages, each with its field's name."""
    if not hasattr(error, "error_dict"):
        return "; ".join(error.messages)
    return "; ".join(
        message if field == NON_FIELD_ERRORS else f"“{field}”: {message}"
        for field, messages in error.message_dict.items()
        for message in messages
    )


def json_object(pairs: list[tuple[str, object]]) -> dict:
    """A JSON object, refused if it names a key twice (json would keep the last quietly)."""
    data = dict(pairs)
    if len(data) != len(pairs):
        seen = set()
        twice = next(key for key, _value in pairs if key in seen or seen.add(key))
        raise BadJSON(f"the key “{twice}” appears twice in one object")
    return data


def no_constant(name: str):
    raise BadJSON(f"{name} is not a number JSON allows")


def _json_kind(value) -> str:
    if isinstance(value, bool):
        return f"{str(value).lower()}"
    if isinstance(value, dict):
        return "an object"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, str):
        return f"the string {value[:40]!r}"
    if value is None:
        return "null"
    return f"the number {value!r}"


def _expected(field) -> tuple[str, object] | None:
    """What a model field takes from JSON: (its description, a test), or None for any."""
    if isinstance(field, models.BooleanField):
        return "true or false", lambda v: isinstance(v, bool)
    if isinstance(field, models.CharField | models.TextField):
        return "a string", lambda v: isinstance(v, str)
    if isinstance(field, models.IntegerField):
        return "a whole number", lambda v: isinstance(v, int) and not isinstance(v, bool)
    if isinstance(field, models.FloatField):
        return (
            "a number",
            lambda v: isinstance(v, int | float) and not isinstance(v, bool) and math.isfinite(v),
        )
    return None


def check_types(obj, ident: str) -> None:
    """Refuse a value whose JSON type is not its field's: a model field would turn an object
    into its text (“{'a': 1}”) or a string into a number without a word."""
    for field in obj._meta.concrete_fields:
        if field.is_relation or getattr(field, "generated", False) or field.primary_key:
            continue
        value = obj.__dict__.get(field.attname)
        expected = _expected(field)
        if value is None or expected is None:
            continue
        description, test = expected
        if not test(value):
            raise FieldError(ident, field.name, description, value)


def objects_of(data: dict, name: str, *, required: bool = True) -> list[dict]:
    """The list of objects `data[name]`, each checked to be an object."""
    items = data[name] if required else data.get(name, [])
    if not isinstance(items, list):
        raise FieldError(data.get("id", ""), name, "a list", items)
    for item in items:
        if not isinstance(item, dict):
            raise FieldError(data.get("id", ""), name, "a list of objects", item)
    return items


def pk_of(data: dict, kind: str) -> int:
    pk = ref(data, "id", kind)
    if pk is None:
        raise ValueError("id")
    return pk


def ref(data: dict, name: str, kind: str) -> int | None:
    value = data[name]
    if value is None:
        return None
    prefix, _, number = value.partition(":") if isinstance(value, str) else ("", "", "")
    if prefix != kind or not number.isdigit():
        raise FieldError(
            data.get("id", "") if name != "id" else f"the {kind}",
            name,
            f"a {kind} id (“{kind}:<number>”)",
            value,
        )
    return int(number)


def refs(data: dict, name: str, kind: str) -> list[int]:
    values = data[name]
    if not isinstance(values, list):
        raise FieldError(data.get("id", ""), name, f"a list of {kind} ids", values)
    return [ref({"id": data.get("id", ""), name: value}, name, kind) for value in values]


def take(data: dict, *names: str) -> dict:
    return {name: data[name] for name in names}


def date_value(data: dict, name: str) -> datetime.date | None:
    value = data[name]
    if not value:
        return None
    try:
        return datetime.date.fromisoformat(value)
    except (TypeError, ValueError):
        raise FieldError(data.get("id", ""), name, "a date (YYYY-MM-DD)", value) from None


def datetime_value(data: dict, name: str) -> datetime.datetime | None:
    value = data.get(name)
    if not value:
        return None
    try:
        parsed = parse_datetime(value) if isinstance(value, str) else None
    except ValueError:  # the form of one, but no such day or hour
        parsed = None
    if parsed is None:
        raise FieldError(data.get("id", ""), name, "a date and time (ISO 8601)", value)
    return parsed
