"""A values-based read path: representations built from database rows, not model instances.

A claim read in the API was six statements, each made into SQL by the ORM on every request
(a third of its CPU: bench/README.md, "Render cost"), then model instances, then the
serializers' walk. Here:

- `prepared_values(key, build, *args)` runs a `.values()` queryset compiled once per
  process and shape: `build` makes the queryset from stand-in ids, its SQL is kept with the
  position of each stand-in among its parameters, and later calls put the real ids there;
  the rows go through the converters the compiler named, as the ORM's own `.values()` does;
- `row_plan(SerializerClass)` reads a read serializer's fields once, and `represent_row`
  gives, from a row (a dict keyed by the fields' sources), what the serializer gives from
  an instance: each value is converted by the serializer's own field, links are made as
  its link fields make them (fields.py), nested serializers' values are given by the
  caller. tests/api/test_read_representation.py compares the two, key for key.
"""

import itertools
import threading
from datetime import datetime
from urllib.parse import urlencode

from django.conf import settings
from django.db import connection
from django.utils import timezone
from rest_framework import ISO_8601, serializers
from rest_framework.settings import api_settings

from apps.api.serializers.fields import (
    PAGE_ROUTES,
    ApiUrlField,
    ListUrlField,
    PageUrlField,
    _templates,
    absolute_url,
)
from apps.core.compiled import with_values
from apps.core.paths import route_path
from apps.core.prepared import fetched_together, prepare_on_server, sent_together
from apps.ops.staleness import note_rows

# Stand-in ids: no row has a negative id, and each is a parameter the ORM passes as it is.
_STAND_IN = itertools.count(-7_301_000_000, -1)
_prepared: dict = {}
_lock = threading.Lock()


class _Prepared:
    def __init__(self, queryset, stand_ins: list[int]):
        compiler = queryset.query.get_compiler(using=queryset.db)
        sql, params = compiler.as_sql()
        wanted = {value: index for index, value in enumerate(stand_ins)}
        # A text field's lookup (a slug) makes its stand-in text.
        wanted_text = {str(value): index for index, value in enumerate(stand_ins)}
        self.sql = sql
        self.params = list(params)
        self.slots = [
            (i, wanted[p] if _is_int(p) else wanted_text[p])
            for i, p in enumerate(params)
            if (_is_int(p) and p in wanted) or (type(p) is str and p in wanted_text)
        ]
        if sorted(slot for _, slot in self.slots) != list(range(len(stand_ins))):
            raise ValueError("a stand-in is missing from the statement, or repeated")
        query = queryset.query
        # As ValuesIterable names the columns.
        if query.selected:
            self.names = list(query.selected)
        else:
            self.names = [*query.extra_select, *query.values_select, *query.annotation_select]
        selected = [column[0] for column in compiler.select]
        self.converters = list(compiler.get_converters(selected).items())
        if len(self.names) != len(selected):
            raise ValueError("the columns are not the values' names")
        # The rows each statement reads, by model: noted for the response cache as
        # loading them as instances would note them (apps/ops/staleness.py).
        self.noted = [(queryset.model, "id")] if "id" in self.names else []
        for name in self.names:
            if name.endswith("__id"):
                model = queryset.model
                for part in name[: -len("__id")].split("__"):
                    model = model._meta.get_field(part).related_model
                self.noted.append((model, name))

    def rows(self, values: list, *, prepare: bool = True) -> list[dict]:
        with connection.cursor() as cursor:
            if prepare:
                prepare_on_server(connection, cursor)
            cursor.execute(self.sql, self.bound(values))
            return self.collect(cursor.fetchall())

    def bound(self, values: list) -> list:
        """The statement's parameters, the real values put where the stand-ins were."""
        return with_values(self.params, self.slots, values)

    def collect(self, fetched: list) -> list[dict]:
        """The fetched rows as `.values()` gives them, noted for the response cache."""
        if self.converters:
            fetched = [list(row) for row in fetched]
            for row in fetched:
                for index, (functions, expression) in self.converters:
                    value = row[index]
                    for convert in functions:
                        value = convert(value, expression, connection)
                    row[index] = value
        names = self.names
        rows = [dict(zip(names, row, strict=True)) for row in fetched]
        for model, column in self.noted:
            note_rows(model, [row[column] for row in rows])
        return rows


def _is_int(value) -> bool:
    return type(value) is int


def prepared_values(key: str, build, *args, prepare: bool = True) -> list[dict]:
    """The rows of `build(*args).values(…)`, with its SQL compiled once per `key`, database
    and shape of `args` (each an id, a list of distinct ids, or a slug: a text field's
    value, which `build` gets as an id and the field makes text). `prepare=False` for a
    statement whose best plan depends on its values (apps/core/prepared.py)."""
    prepared, values = _compiled(key, build, args)
    if prepared is None:  # a statement these stand-ins cannot be put into: as the ORM does
        return list(build(*args))
    return prepared.rows(values, prepare=prepare)


def prepared_values_together(*asks: tuple) -> list[list[dict]]:
    """Several `prepared_values(key, build, *args)`, each ask a `(key, build, *args)` tuple,
    their rows in the order asked. On PostgreSQL the statements go in one round trip (one
    psycopg pipeline: no answer is awaited between them), so asks that do not depend on
    each other's rows cost one wake-up of each process, not one each; elsewhere, one after
    the other. Each is still its own statement, prepared, logged and counted as one."""
    compiled = [_compiled(key, build, args) for key, build, *args in asks]
    if not sent_together(connection) or len(asks) < 2:
        return [
            prepared.rows(values) if prepared else list(ask[1](*ask[2:]))
            for ask, (prepared, values) in zip(asks, compiled, strict=True)
        ]
    fetched = iter(
        fetched_together(
            connection,
            [(p.sql, p.bound(values), True) for p, values in compiled if p is not None],
        )
    )
    # A statement that could not be compiled is read by the ORM, after the others.
    return [
        prepared.collect(next(fetched)) if prepared else list(ask[1](*ask[2:]))
        for ask, (prepared, _) in zip(asks, compiled, strict=True)
    ]


def _compiled(key: str, build, args: tuple) -> tuple["_Prepared | None", list]:
    """The statement compiled for `key` and the shape of `args` (None if it cannot hold
    stand-ins), and the values to put into it."""
    shape = tuple(len(arg) if isinstance(arg, list | tuple) else None for arg in args)
    cache_key = (key, connection.alias, connection.vendor, shape)
    prepared = _prepared.get(cache_key)
    if prepared is None:
        stand_ins, built = [], []
        for size in shape:
            if size is None:
                stand_ins.append(next(_STAND_IN))
                built.append(stand_ins[-1])
            else:
                made = [next(_STAND_IN) for _ in range(size)]
                stand_ins.extend(made)
                built.append(made)
        try:
            prepared = _Prepared(build(*built), stand_ins)
        except ValueError:
            return None, []
        with _lock:
            _prepared[cache_key] = prepared
    values = []
    for arg, size in zip(args, shape, strict=True):
        values.extend(arg if size is not None else [arg])
    return prepared, values


# --- representations ------------------------------------------------------------------------


_plans: dict = {}


def row_plan(serializer_class, nested: tuple[str, ...] = ()) -> list[tuple]:
    """(key, kind, detail) for each field the serializer shows, made once per class: its
    nested serializers, and the fields named in `nested`, are given by the caller."""
    plan = _plans.get((serializer_class, nested))
    if plan is not None:
        return plan
    model = serializer_class.Meta.model
    plan = []
    for name, field in serializer_class(context={}).fields.items():
        if field.write_only:
            continue
        if isinstance(field, ApiUrlField):
            detail = (field.view_name, field.lookup_url_kwarg, _column(field.lookup_field))
            plan.append((name, "api", detail))
        elif isinstance(field, PageUrlField):
            route = PAGE_ROUTES.get(model)
            if route is not None:
                plan.append((name, "page", (route[0], route[1], _column(route[1]))))
            else:  # a passage: its source's page, at its anchor
                prefix = {"Citation": "citation", "Appearance": "appearance"}[model.__name__]
                plan.append((name, "passage", prefix))
        elif isinstance(field, ListUrlField):
            detail = (field.basename, field.parameter, _column(field.attribute))
            plan.append((name, "list", detail))
        elif isinstance(field, serializers.BaseSerializer) or name in nested:
            plan.append((name, "nested", None))
        else:
            if len(field.source_attrs) != 1:
                raise TypeError(f"{serializer_class.__name__}.{name}: no single column")
            column = field.source_attrs[0]
            if _iso_datetime(field):
                plan.append((name, "datetime", (column, field.to_representation)))
            else:
                plan.append((name, "value", (column, field.to_representation)))
    _plans[serializer_class, nested] = plan
    return plan


def _column(attribute: str) -> str:
    return "id" if attribute == "pk" else attribute


def _iso_datetime(field) -> bool:
    """A DateTimeField that gives ISO 8601 in the current time zone (DRF's default)."""
    return (
        isinstance(field, serializers.DateTimeField)
        and type(field).to_representation is serializers.DateTimeField.to_representation
        and type(field).enforce_timezone is serializers.DateTimeField.enforce_timezone
        and not hasattr(field, "timezone")
        and getattr(field, "format", api_settings.DATETIME_FORMAT) == ISO_8601
    )


def _iso(value, request, to_representation) -> str:
    """What DateTimeField.to_representation gives for `value`, with the current time zone
    read once per request: DRF reads it for every value, through asgiref's Local, which
    was a third of a page of quotes' representation (40 dates)."""
    if (
        not settings.USE_TZ
        or type(value) is not datetime
        or value.tzinfo is None
        or value.utcoffset() is None
    ):
        return to_representation(value)
    templates = _templates(request)
    zone = templates.get(_ZONE)
    if zone is None:
        zone = templates[_ZONE] = timezone.get_current_timezone()
    text = value.astimezone(zone).isoformat()
    return text[:-6] + "Z" if text.endswith("+00:00") else text


_ZONE = ("time zone",)


def represent_row(plan, row: dict, request, nested: dict | None = None) -> dict:
    """What the plan's serializer gives for the object whose columns are `row`."""
    ret = {}
    for name, kind, detail in plan:
        if kind == "value":
            value = row[detail[0]]
            ret[name] = None if value is None else detail[1](value)
        elif kind == "datetime":
            value = row[detail[0]]
            ret[name] = _iso(value, request, detail[1]) if value else None
        elif kind == "nested":
            ret[name] = nested[name]
        elif kind in ("api", "page"):
            view_name, kwarg, attribute = detail
            ret[name] = absolute_url(request, view_name, kwarg, row[attribute])
        elif kind == "passage":
            source = absolute_url(request, "web:source-detail", "slug", row["source__slug"])
            ret[name] = f"{source}#{detail}-{row['id']}"
        else:  # list
            basename, parameter, attribute = detail
            templates = _templates(request)
            url = templates.get(("list", basename))
            if url is None:
                # As DRF's reverse() gives it, with no ?format= (that takes the
                # serializers' way): the route's path, reversed once per process.
                url = templates["list", basename] = request.build_absolute_uri(
                    route_path(f"api:{basename}-list")
                )
            value = row[attribute]
            if type(value) is int:
                ret[name] = f"{url}?{parameter}={value}"
            else:
                ret[name] = f"{url}?{urlencode({parameter: value})}"
    return ret


def link(plan, row: dict, prefix: str, request) -> dict | None:
    """A nested link (speaker, rating, source…) from the columns of `row` named
    `<prefix>__<field>`; None when the relation is empty."""
    made = _prefixed.get((id(plan), prefix))
    if made is None or made[0] is not plan:
        made = _prefixed[id(plan), prefix] = (plan, f"{prefix}__id", _with_prefix(plan, prefix))
    _, id_column, prefixed = made
    if row.get(id_column) is None:
        return None
    return represent_row(prefixed, row, request)


# (plan, its id column, the plan reading `<prefix>__<column>`) by id(plan) and prefix:
# made once, instead of copying each link's columns out of its row.
_prefixed: dict = {}


def _with_prefix(plan, prefix: str) -> list[tuple]:
    prefixed = []
    for name, kind, detail in plan:
        if kind in ("value", "datetime"):
            detail = (f"{prefix}__{detail[0]}", *detail[1:])
        elif kind in ("api", "page", "list"):
            detail = (*detail[:2], f"{prefix}__{detail[2]}")
        else:
            raise TypeError(f"a link cannot show {name!r} ({kind})")
        prefixed.append((name, kind, detail))
    return prefixed
