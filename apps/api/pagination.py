"""Cursor pagination: stable under inserts, so a client walking the pages misses nothing."""

from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.pagination import CursorPagination

from apps.api.serializers.rows import prepared_values


class BoundedCursorPagination(CursorPagination):
    """`?cursor=` from the previous page's `next`/`previous`; `?page_size=` from 1 to 100.

    The ordering comes from `StableOrderingFilter` (one field, then the id). A malformed
    cursor or page size answers 400 naming it, rather than DRF's 404 or silent default.
    """

    page_size = 20
    max_page_size = 100
    page_size_query_param = "page_size"
    page_size_query_description = "Results per page, from 1 to 100 (default 20)."
    cursor_query_description = "The `next` or `previous` cursor of the page before."
    ordering = ("-id",)

    def get_page_size(self, request):
        raw = request.query_params.get(self.page_size_query_param)
        if raw is None:
            return self.page_size
        if not (raw.isascii() and raw.isdigit() and 1 <= int(raw) <= self.max_page_size):
            raise ValidationError(
                {
                    self.page_size_query_param: [
                        f"Give a whole number from 1 to {self.max_page_size}."
                    ]
                },
                code="invalid",
            )
        return int(raw)

    def decode_cursor(self, request):
        try:
            cursor = super().decode_cursor(request)
        except NotFound:
            raise self.invalid_cursor() from None
        if cursor is not None and cursor.position is not None and "\x00" in cursor.position:
            raise self.invalid_cursor()
        return cursor

    def paginate_queryset(self, queryset, request, view=None):
        try:
            return super().paginate_queryset(queryset, request, view)
        except (DjangoValidationError, ValueError, TypeError):
            # A cursor that decodes but whose position is not a value of the sort field.
            raise self.invalid_cursor() from None

    def invalid_cursor(self) -> ValidationError:
        return ValidationError(
            {
                self.cursor_query_param: [
                    "Invalid cursor: use a `next` or `previous` link as given."
                ]
            },
            code="invalid",
        )

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            if parameter["name"] == self.page_size_query_param:
                parameter["schema"] = {
                    "type": "integer",
                    "minimum": 1,
                    "maximum": self.max_page_size,
                }
        return parameters


class PreparedFirstPage:
    """A first page (no cursor), read as rows by a statement compiled once per process
    (apps/api/serializers/rows.py), where `BoundedCursorPagination` takes a queryset.

    Without a cursor, the paginator asks a queryset only for its order and one slice from
    the start; reading that queryset (compiling it, making its rows instances) was over a
    quarter of a reader's first page of a speaker's quotes (bench/README.md, "Render
    cost"). `build(*ids)` makes the filtered queryset from `ids` (each an id or a slug, as
    `prepared_values` takes them); the rows are its model's columns by attribute name
    (`speaker_id`) and its annotations, the paginator's sort keys among them.
    `prepare=False` for a page filtered by a skewed column (apps/core/prepared.py).
    """

    def __init__(self, key: str, build, *ids, prepare: bool = True):
        self.key, self.build, self.ids, self.prepare = key, build, ids, prepare
        self.ordering: tuple[str, ...] = ()

    def order_by(self, *ordering):
        self.ordering = ordering
        return self

    def __getitem__(self, window):
        if not isinstance(window, slice) or window.start or window.step:
            # NotImplementedError: the paginator turns a ValueError into a 400.
            raise NotImplementedError("a first page is read from its start")
        ordering, limit = self.ordering, window.stop

        def rows(*ids):
            queryset = self.build(*ids).order_by(*ordering)
            columns = [field.attname for field in queryset.model._meta.concrete_fields]
            return queryset.values(*columns, *queryset.query.annotations)[:limit]

        key = f"{self.key}:{','.join(ordering)}:{limit}"
        return prepared_values(key, rows, *self.ids, prepare=self.prepare)
