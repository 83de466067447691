"""A search page's objects with their snippets, read by a statement compiled once.

search() reads the page's hits of a kind as model instances (the search page's templates
show them, and loading them notes them for the response cache, apps/ops/staleness.py),
with their related rows (`SearchKind.related`) and each one's snippet. Django compiled
that statement on every search: 0.31 ms of a rare word's 4–5 ms (bench/README.md). Here it
is compiled once per kind, snippet SQL, number of hits and database, with stand-ins for
the ids and the snippet's parameters, and its rows are made into instances as the ORM's
own ModelIterable makes them: the same `from_db`, the same related populators, the same
converters. tests/search/test_page_rows.py compares the two.
"""

import threading

from django.db import connections
from django.db.models import Model, QuerySet, TextField
from django.db.models.expressions import RawSQL
from django.db.models.query import get_related_populators

from apps.search.kinds import SearchKind

SNIPPET = "_search_snippet"
# Stand-in ids: no row has a negative id.
_FIRST_ID = -7_302_000_000
_plans: dict[tuple, "_Plan"] = {}
_lock = threading.Lock()


def page_rows(
    kind: SearchKind, pks: list[int], snippet: tuple[str, list]
) -> tuple[dict[int, Model], dict[int, str]]:
    """({pk: instance}, {pk: snippet}) of these rows of `kind` (those that still exist;
    a NULL snippet is left out), `snippet` being the backend's (SQL, params) for it."""
    sql, params = snippet
    queryset = kind.everything()
    key = (kind.name, sql, len(params), len(pks), queryset.db)
    plan = _plans.get(key)
    if plan is None:
        plan = _Plan.made(kind, sql, len(params), len(pks), queryset.db)
        with _lock:
            _plans[key] = plan
    if plan.unusable:
        return _by_the_orm(_queryset(kind, sql, params, pks))
    return plan.rows([*params, *pks])


def _queryset(kind: SearchKind, sql: str, params: list, pks: list) -> QuerySet:
    return (
        kind.everything()
        .select_related(*kind.related)
        .annotate(**{SNIPPET: RawSQL(sql, params, output_field=TextField())})
        .filter(pk__in=pks)
        .order_by()
    )


def _by_the_orm(queryset) -> tuple[dict[int, Model], dict[int, str]]:
    found: dict[int, Model] = {}
    shown: dict[int, str] = {}
    for obj in queryset:
        found[obj.pk] = obj
        # Not left on the object: a hit's object is the model's row, nothing more.
        text = obj.__dict__.pop(SNIPPET)
        if text is not None:
            shown[obj.pk] = text
    return found, shown


class _Plan:
    unusable = False

    @classmethod
    def made(cls, kind: SearchKind, sql: str, parameters: int, hits: int, db: str) -> "_Plan":
        stand_ins = [f"\x00stand-in {n}\x00" for n in range(parameters)]
        ids = [_FIRST_ID - n for n in range(hits)]
        queryset = _queryset(kind, sql, stand_ins, ids)
        compiler = queryset.query.get_compiler(using=db)
        compiled, params = compiler.as_sql()
        plan = cls()
        wanted = {value: index for index, value in enumerate([*stand_ins, *ids])}
        plan.slots = [
            (position, wanted[value])
            for position, value in enumerate(params)
            if type(value) in (str, int) and value in wanted
        ]
        fields = [column[0] for column in compiler.select[: compiler.col_count]]
        if sorted(slot for _, slot in plan.slots) != list(range(len(wanted))) or (
            compiler.has_composite_fields(fields)
        ):
            plan.unusable = True  # not a statement these stand-ins can be put into
            return plan
        plan.sql, plan.params, plan.db = compiled, list(params), db
        klass_info = compiler.klass_info
        plan.model = klass_info["model"]
        start, end = klass_info["select_fields"][0], klass_info["select_fields"][-1] + 1
        plan.model_columns = (start, end)
        plan.init_list = [column[0].target.attname for column in compiler.select[start:end]]
        plan.populators = get_related_populators(klass_info, compiler.select, db)
        plan.snippet_column = compiler.annotation_col_map[SNIPPET]
        plan.converters = list(compiler.get_converters(fields).items())
        return plan

    def rows(self, values: list) -> tuple[dict[int, Model], dict[int, str]]:
        params = list(self.params)
        for position, slot in self.slots:
            params[position] = values[slot]
        connection = connections[self.db]
        with connection.cursor() as cursor:
            cursor.execute(self.sql, params)
            fetched = cursor.fetchall()
        found: dict[int, Model] = {}
        shown: dict[int, str] = {}
        start, end = self.model_columns
        for row in fetched:
            if self.converters:  # as the compiler's apply_converters
                row = list(row)
                for position, (functions, expression) in self.converters:
                    value = row[position]
                    for convert in functions:
                        value = convert(value, expression, connection)
                    row[position] = value
            obj = self.model.from_db(self.db, self.init_list, row[start:end])
            for populator in self.populators:
                populator.populate(row, obj)
            found[obj.pk] = obj
            text = row[self.snippet_column]
            if text is not None:
                shown[obj.pk] = text
        return found, shown
