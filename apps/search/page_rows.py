"""A search page's objects with their snippets, read by a statement compiled once.

search() reads the page's hits of a kind as model instances (the search page's templates
show them, and loading them notes them for the response cache, apps/ops/staleness.py),
with their related rows (`SearchKind.related`), the fields a hit shows only
(`SearchKind.shown`), and each one's snippet. Django compiled
that statement on every search: 0.31 ms of a rare word's 4–5 ms (bench/README.md). Here it
is compiled once per kind, snippet SQL, number of hits and database (apps/core/compiled.py),
with stand-ins for the ids and the snippet's parameters.
tests/search/test_page_rows.py compares the two.
"""

from django.db.models import Model, QuerySet, TextField
from django.db.models.expressions import RawSQL

from apps.core.compiled import compiled, stand_in_id, stand_in_text
from apps.search.kinds import SearchKind

SNIPPET = "_search_snippet"


def page_rows(
    kind: SearchKind, pks: list[int], snippet: tuple[str, list]
) -> tuple[dict[int, Model], dict[int, str]]:
    """({pk: instance}, {pk: snippet}) of these rows of `kind` (those that still exist;
    a NULL snippet is left out), `snippet` being the backend's (SQL, params) for it."""
    sql, params = snippet
    query = compiled(
        ("search-page", kind.name, sql, len(params), len(pks)),
        lambda *values: _queryset(kind, sql, values[: len(params)], values[len(params) :]),
        lambda: [*(stand_in_text() for _ in params), *(stand_in_id() for _ in pks)],
        annotations=(SNIPPET,),
    )
    if query is None:
        return _by_the_orm(_queryset(kind, sql, params, pks))
    found: dict[int, Model] = {}
    shown: dict[int, str] = {}
    for obj, (text,) in query.rows([*params, *pks]):
        found[obj.pk] = obj
        if text is not None:
            shown[obj.pk] = text
    return found, shown


def _queryset(kind: SearchKind, sql: str, params, pks) -> QuerySet:
    queryset = kind.everything().select_related(*kind.related)
    if kind.shown:
        queryset = queryset.only(*kind.shown)
    return (
        queryset.annotate(**{SNIPPET: RawSQL(sql, list(params), output_field=TextField())})
        .filter(pk__in=list(pks))
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
