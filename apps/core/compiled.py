"""Querysets compiled into SQL once per process, for a hot page's fixed reads.

Django compiles a queryset into SQL every time it is evaluated. A claim's page reads the
claim and five relations, and a search page its hits of each kind with their snippets:
the same statements on every request but for a slug, some ids and a snippet's
parameters, and compiling them was a third of their CPU (bench/README.md, "Render cost").

`CompiledQuery(queryset, stand_ins)` compiles the queryset once, built with stand-in
values (`stand_in_id()`, `stand_in_text()`) where the real ones go, and keeps the SQL with
the position of each stand-in among its parameters. `rows(values)` puts the real values
there, runs the statement (prepared by PostgreSQL: apps/core/prepared.py), and makes the
model instances as the ORM's ModelIterable makes them — `from_db`, `select_related`'s
populators, each value through the converters the compiler named — so an instance is the
ORM's own and its `post_init` fires (the response cache notes what a page loaded:
apps/ops/staleness.py). Annotations named when compiling come back beside each instance,
not on it. A `values_list()` queryset becomes a `CompiledValues`, whose rows are tuples.

A queryset with prefetches, composite fields, or a stand-in that does not come out as
exactly one parameter raises ValueError when compiled: the caller reads it through the
ORM instead. Compiled statements are kept per key and connection (`compiled()`); keys
must be few (a page's fixed reads), as they are kept for the life of the process.
"""

import itertools
import threading
from collections.abc import Callable

from django.db import connections
from django.db.models import Model, QuerySet
from django.db.models.query import ValuesListIterable, get_related_populators

from apps.core.prepared import fetched_together, prepare_on_server, sent_together

# No row has a negative id, and no slug, word or query holds a NUL character.
_STAND_INS = itertools.count(7_401_000_000)


def stand_in_id() -> int:
    return -next(_STAND_INS)


def stand_in_text() -> str:
    return f"\x00stand-in {next(_STAND_INS)}\x00"


class _Compiled:
    """What both kinds share: the SQL with its stand-ins' slots, and the converters the
    compiler named for its columns."""

    def __init__(self, queryset: QuerySet, stand_ins: list):
        if queryset._prefetch_related_lookups:
            raise ValueError("a queryset with prefetches is not compiled once")
        self.compiler = queryset.query.get_compiler(using=queryset.db)
        sql, params = self.compiler.as_sql()
        self.slots = _slots(params, stand_ins)
        self.columns = [column[0] for column in self.compiler.select[: self.compiler.col_count]]
        self.sql, self.params, self.db = sql, list(params), queryset.db
        self.converters = list(self.compiler.get_converters(self.columns).items())

    def _fetch(self, values: list, prepare: bool) -> list:
        """The rows, with `values` in place of the stand-ins, each value converted as the
        compiler's apply_converters converts it."""
        connection = connections[self.db]
        with connection.cursor() as cursor:
            if prepare:
                prepare_on_server(connection, cursor)
            cursor.execute(self.sql, self.bound(values))
            return self.converted(cursor.fetchall())

    def bound(self, values: list) -> list:
        return with_values(self.params, self.slots, values)

    def converted(self, fetched: list) -> list:
        if not self.converters:
            return fetched
        connection = connections[self.db]
        converted = []
        for row in fetched:
            row = list(row)
            for position, (functions, expression) in self.converters:
                value = row[position]
                for convert in functions:
                    value = convert(value, expression, connection)
                row[position] = value
            converted.append(tuple(row))
        return converted


class CompiledQuery(_Compiled):
    def __init__(self, queryset: QuerySet, stand_ins: list, *, annotations: tuple = ()):
        super().__init__(queryset, stand_ins)
        compiler = self.compiler
        if compiler.has_composite_fields(self.columns):
            raise ValueError("composite fields are not compiled once")
        klass_info = compiler.klass_info
        self.model = klass_info["model"]
        fields = klass_info["select_fields"]
        self.start, self.end = fields[0], fields[-1] + 1
        self.init_list = [
            column[0].target.attname for column in compiler.select[self.start : self.end]
        ]
        self.populators = get_related_populators(klass_info, compiler.select, self.db)
        self.annotation_columns = [compiler.annotation_col_map[name] for name in annotations]

    def rows(self, values: list, *, prepare: bool = True) -> list[tuple[Model, tuple]]:
        """(instance, its named annotations' values) of each row, with `values` in place of
        the stand-ins, in the order they were given; the statement prepared by PostgreSQL
        unless `prepare` is False (see apps/core/prepared.py: which may be)."""
        return self.made(self._fetch(values, prepare))

    def made(self, fetched: list) -> list[tuple[Model, tuple]]:
        """(instance, annotations) of each converted row."""
        found = []
        for row in fetched:
            obj = self.model.from_db(self.db, self.init_list, row[self.start : self.end])
            for populator in self.populators:
                populator.populate(row, obj)
            found.append((obj, tuple(row[column] for column in self.annotation_columns)))
        return found

    def instances(self, values: list, *, prepare: bool = True) -> list[Model]:
        return [obj for obj, _ in self.rows(values, prepare=prepare)]


class CompiledValues(_Compiled):
    """A `values_list()` queryset compiled once: `rows(values)` gives its rows as tuples,
    each value through the converters the compiler named, as the ORM gives them."""

    def rows(self, values: list, *, prepare: bool = True) -> list[tuple]:
        return self._fetch(values, prepare)


def with_values(params: list, slots: list[tuple[int, int]], values: list) -> list:
    """A statement's parameters with `values` put where its stand-ins were (`slots`:
    (position among the parameters, index in `values`) of each)."""
    bound = list(params)
    for position, slot in slots:
        bound[position] = values[slot]
    return bound


def _slots(params, stand_ins: list) -> list[tuple[int, int]]:
    """(position among `params`, index in `stand_ins`) of each stand-in."""
    # By type and value: True must not stand for 1.
    wanted = {(type(value), value): index for index, value in enumerate(stand_ins)}
    slots = [
        (position, wanted[(type(param), param)])
        for position, param in enumerate(params)
        if isinstance(param, int | str) and (type(param), param) in wanted
    ]
    if sorted(slot for _, slot in slots) != list(range(len(stand_ins))):
        raise ValueError("a stand-in is missing from the statement, or repeated")
    return slots


_compiled: dict[tuple, CompiledQuery | CompiledValues | None] = {}
_lock = threading.Lock()


def compiled(
    key: tuple,
    build: Callable[..., QuerySet],
    stand_ins: Callable[[], list],
    *,
    annotations: tuple = (),
) -> "CompiledQuery | CompiledValues | None":
    """The CompiledQuery of `build(*stand_ins())` under `key` on the default connection (its
    CompiledValues for a `values_list()` one), compiled on first use; None when it cannot
    be compiled (see the module's docstring)."""
    default = connections["default"]
    full_key = (key, default.alias, default.vendor)
    if full_key not in _compiled:
        values = stand_ins()
        try:
            queryset = build(*values)
            if queryset._iterable_class is ValuesListIterable:
                query = CompiledValues(queryset, values)
            else:
                query = CompiledQuery(queryset, values, annotations=annotations)
        except ValueError:
            query = None
        with _lock:
            _compiled[full_key] = query
    return _compiled[full_key]


def instances(
    key: str, build: Callable[..., QuerySet], *args: int | str, prepare: bool = True
) -> list[Model]:
    """The instances `build(*args)` gives, its SQL compiled once per `key`. Each of `args` is
    an id or a text (a slug) the queryset filters by. `prepare=False` for a statement whose
    best plan depends on its values (apps/core/prepared.py)."""

    def stand_ins() -> list:
        return [stand_in_id() if isinstance(arg, int) else stand_in_text() for arg in args]

    query = compiled((key,), build, stand_ins)
    if query is None:
        return list(build(*args))
    return query.instances(list(args), prepare=prepare)


def instances_together(*asks: tuple, unprepared: frozenset = frozenset()) -> list[list[Model]]:
    """Several `instances(key, build, *args)`, each ask a `(key, build, *args)` tuple, the
    instances of each in the order asked. On PostgreSQL the statements go in one round
    trip (one psycopg pipeline: no answer is awaited between them), so reads that do not
    depend on each other's rows wake each process once, not once each; elsewhere, one
    after the other. Each is still its own statement, logged and counted as one, prepared
    unless its key is in `unprepared` (`instances(…, prepare=False)`)."""
    queries = []
    for key, build, *args in asks:
        queries.append(
            compiled(
                (key,),
                build,
                lambda args=args: [
                    stand_in_id() if isinstance(arg, int) else stand_in_text() for arg in args
                ],
            )
        )
    connection = connections["default"]
    if not sent_together(connection) or len(asks) < 2:
        return [
            query.instances(list(args), prepare=key not in unprepared)
            if query is not None
            else list(build(*args))
            for (key, build, *args), query in zip(asks, queries, strict=True)
        ]
    fetched = iter(
        fetched_together(
            connection,
            [
                (query.sql, query.bound(list(args)), key not in unprepared)
                for (key, _, *args), query in zip(asks, queries, strict=True)
                if query is not None
            ],
        )
    )
    # A statement that could not be compiled is read by the ORM, after the others.
    return [
        [obj for obj, _ in query.made(query.converted(next(fetched)))]
        if query is not None
        else list(build(*args))
        for (_, build, *args), query in zip(asks, queries, strict=True)
    ]


def cache_as_prefetched(instance: Model, name: str, objects: list[Model]) -> None:
    """Cache `objects` as `instance.<name>.all()`, as prefetch_related caches a relation:
    under the relation's name, a queryset of it whose results are already there, and for a
    reverse foreign key each object's own link back to `instance`."""
    relation = instance._meta.get_field(name)
    if relation.one_to_many:  # a reverse foreign key: relation.field is the foreign key
        for obj in objects:
            relation.field.set_cached_value(obj, instance)
    queryset = getattr(instance, name).get_queryset()
    queryset._result_cache, queryset._prefetch_done = objects, True
    if not hasattr(instance, "_prefetched_objects_cache"):
        instance._prefetched_objects_cache = {}
    instance._prefetched_objects_cache[name] = queryset
