"""Querysets compiled into SQL once per process, for a page's fixed reads.

Django compiles a queryset into SQL every time it is evaluated. A claim's page reads the
claim and five relations, the same six statements on every request but for the claim's
slug and ids: compiling them was about a third of their CPU (bench/README.md, "Render
cost"). Here `instances(key, build, *args)` builds the queryset once from stand-in values,
compiles it, and keeps the SQL with the position of each stand-in among its parameters;
later calls put the real values there, run the statement, and make the model instances as
the ORM's ModelIterable makes them (from_db, `select_related` included, each value through
the converters the compiler named), so an instance is the same as the ORM's and its
`post_init` fires (the response cache notes what a page loaded: apps/ops/staleness.py).

Only plain querysets: no annotations, prefetches or `values()`; anything else, or a
statement in which a stand-in does not come out as one parameter, raises ValueError when
first built. The caller sets the relations' caches itself.
"""

import itertools
import threading

from django.db import connections
from django.db.models.query import get_related_populators

# Stand-in values: no row has a negative id, and no slug holds a colon.
_STAND_IN = itertools.count(-7_401_000_000, -1)
_compiled: dict = {}
_lock = threading.Lock()


class _Compiled:
    def __init__(self, queryset, stand_ins: list):
        if queryset._prefetch_related_lookups or queryset.query.annotation_select:
            raise ValueError("only plain querysets are compiled once")
        compiler = queryset.query.get_compiler(using=queryset.db)
        sql, params = compiler.as_sql()
        wanted = {(type(value), value): index for index, value in enumerate(stand_ins)}
        self.slots = [
            (position, wanted[(type(param), param)])
            for position, param in enumerate(params)
            if isinstance(param, int | str) and (type(param), param) in wanted
        ]
        if sorted(slot for _, slot in self.slots) != list(range(len(stand_ins))):
            raise ValueError("a stand-in is missing from the statement, or repeated")
        self.sql, self.params, self.db = sql, list(params), queryset.db
        select, klass_info = compiler.select, compiler.klass_info
        self.model = klass_info["model"]
        fields = klass_info["select_fields"]
        self.start, self.end = fields[0], fields[-1] + 1
        self.init_list = [column[0].target.attname for column in select[self.start : self.end]]
        self.populators = get_related_populators(klass_info, select, self.db)
        self.converters = list(
            compiler.get_converters([column[0] for column in select[: compiler.col_count]]).items()
        )

    def instances(self, values: list) -> list:
        params = list(self.params)
        for position, slot in self.slots:
            params[position] = values[slot]
        connection = connections[self.db]
        with connection.cursor() as cursor:
            cursor.execute(self.sql, params)
            rows = cursor.fetchall()
        if self.converters:
            rows = [list(row) for row in rows]
            for row in rows:
                for index, (functions, expression) in self.converters:
                    value = row[index]
                    for convert in functions:
                        value = convert(value, expression, connection)
                    row[index] = value
        objects = []
        for row in rows:
            obj = self.model.from_db(self.db, self.init_list, row[self.start : self.end])
            for populator in self.populators:
                populator.populate(row, obj)
            objects.append(obj)
        return objects


def instances(key: str, build, *args) -> list:
    """The instances `build(*args)` would give, its SQL compiled once per `key` and
    database. Each of `args` is an int or a str (an id, a slug) the queryset filters by."""
    connection_key = (key, connections["default"].alias, connections["default"].vendor)
    compiled = _compiled.get(connection_key)
    if compiled is None:
        stand_ins = [
            next(_STAND_IN) if isinstance(arg, int) else f"stand-in:{next(_STAND_IN)}"
            for arg in args
        ]
        compiled = _Compiled(build(*stand_ins), stand_ins)
        with _lock:
            _compiled[connection_key] = compiled
    return compiled.instances(list(args))
