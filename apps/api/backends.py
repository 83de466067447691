"""The filter backends every list uses: strict query parameters and stable ordering.

Every list answers 400, naming the parameter, when a parameter is unknown or its value
malformed or unknown (a rating slug that does not exist, a date that is not one): a client
with a typo gets told, instead of silently receiving everything or nothing. The filters
each list takes are in apps/api/filters.py.
"""

from datetime import UTC, date, datetime

import django_filters
from django import forms
from django.db.models import DateField, DateTimeField, IntegerField, Value
from django.db.models.functions import Coalesce
from django_filters import CharFilter
from django_filters.fields import IsoDateTimeField, ModelChoiceField, RangeField
from django_filters.rest_framework import DjangoFilterBackend
from django_filters.widgets import DateRangeWidget
from rest_framework.exceptions import ErrorDetail, ValidationError
from rest_framework.filters import BaseFilterBackend

from apps.api.serializers.strict import RFC3339, SLUG

# Query parameters every list understands besides its filters.
COMMON_PARAMETERS = frozenset({"ordering", "cursor", "page_size", "format"})


class StrictFilterBackend(DjangoFilterBackend):
    """django-filter, plus a 400 for any query parameter the list does not know.

    Applies to lists only: a detail URL is not narrowed by list filters.
    """

    def filter_queryset(self, request, queryset, view):
        if getattr(view, "action", "list") != "list":
            return queryset
        filterset_class = self.get_filterset_class(view, queryset)
        filters = query_parameters(filterset_class) if filterset_class is not None else {}
        known = COMMON_PARAMETERS | filters.keys()
        unknown = sorted(set(request.query_params) - known)
        if unknown:
            raise ValidationError(
                {
                    name: [f"Unknown query parameter. This list takes: {', '.join(sorted(known))}."]
                    for name in unknown
                },
                code="unknown_parameter",
            )
        # django-filter ignores an empty value; a client that sent `rating=` meant something.
        empty = sorted(
            name
            for name, filter_ in filters.items()
            if request.query_params.get(name) == "" and not isinstance(filter_, CharFilter)
        )
        if empty:
            raise ValidationError(
                {name: ["Give a value, or leave the parameter out."] for name in empty},
                code="blank",
            )
        filterset = self.get_filterset(request, queryset, view)
        if filterset is None:
            return queryset
        if not filterset.is_valid():
            raise ValidationError(parameter_errors(filterset.form, request.query_params))
        return filterset.qs


def parameter_errors(form, query) -> dict:
    """The filter form's errors by the query parameter at fault: a range filter's form
    field (`published_at`) reads two parameters (`published_at_after`, `…_before`), and
    the error is the one sent that is malformed."""
    errors = {}
    for name, field_errors in form.errors.as_data().items():
        field = form.fields.get(name)
        suffixes = getattr(getattr(field, "widget", None), "suffixes", None)
        if not (isinstance(field, forms.MultiValueField) and suffixes):
            errors[name] = details(field_errors)
            continue
        sent = {}
        for suffix, part in zip(suffixes, field.fields, strict=True):
            parameter = f"{name}_{suffix}"
            if parameter in query:
                sent[parameter] = part
        found = {}
        for parameter, part in sent.items():
            try:
                part.clean(query[parameter])
            except forms.ValidationError as error:
                found[parameter] = details(error.error_list)
        # The two are each well formed but wrong together: both are at fault.
        errors.update(found or dict.fromkeys(sent or [name], details(field_errors)))
    return errors


def details(error_list) -> list[ErrorDetail]:
    return [
        ErrorDetail(error.message % (error.params or ()), code=error.code) for error in error_list
    ]


def query_parameters(filterset_class) -> dict:
    """The query parameters a FilterSet reads (range filters read `<name>_after`, …),
    with the filter that reads each."""
    parameters = {}
    for name, filter_ in filterset_class.base_filters.items():
        suffixes = getattr(filter_.field_class.widget, "suffixes", None)
        for suffix in suffixes or [""]:
            parameters[f"{name}_{suffix}" if suffix else name] = filter_
    return parameters


# Sort keys for nullable columns: cursor pagination compares positions with < and >, which
# never match NULL, so rows without a date would drop out of every page after the first.
# They sort as the earliest possible date instead.
EARLIEST_DATE = Value(date(1, 1, 1), output_field=DateField())
EARLIEST_DATETIME = Value(datetime(1, 1, 1, tzinfo=UTC), output_field=DateTimeField())


class StableOrderingFilter(BaseFilterBackend):
    """`ordering=<field>` or `-<field>` from the view's `ordering_fields`, else 400.

    The primary key always breaks ties, so the order (and every cursor) is stable. A view
    maps nullable fields to non-null sort keys in `ordering_keys`.
    """

    ordering_param = "ordering"

    def get_ordering(self, request, queryset, view) -> tuple[str, ...]:
        raw = request.query_params.get(self.ordering_param)
        term = raw if raw is not None else view.ordering
        field = term.removeprefix("-")
        if field not in view.ordering_fields:
            raise ValidationError(
                {
                    self.ordering_param: [
                        f"Unknown ordering “{term}”: use one of "
                        f"{', '.join(ordering_choices(view))}."
                    ]
                },
                code="invalid_choice",
            )
        descending = term.startswith("-")
        key = f"sort_{field}" if field in getattr(view, "ordering_keys", {}) else field
        sign = "-" if descending else ""
        ordering = [f"{sign}{key}"]
        if field != "id":
            ordering.append(f"{sign}id")
        return tuple(ordering)

    def filter_queryset(self, request, queryset, view):
        if getattr(view, "action", "list") != "list":
            return queryset
        ordering = self.get_ordering(request, queryset, view)
        annotations = {
            f"sort_{field}": expression
            for field, expression in getattr(view, "ordering_keys", {}).items()
            if any(term.lstrip("-") == f"sort_{field}" for term in ordering)
        }
        return queryset.annotate(**annotations).order_by(*ordering)

    def get_schema_operation_parameters(self, view):
        return [
            {
                "name": self.ordering_param,
                "required": False,
                "in": "query",
                "description": f"Sort order; `-` sorts descending. Default: `{view.ordering}`.",
                "schema": {"type": "string", "enum": ordering_choices(view)},
            }
        ]


def ordering_choices(view) -> list[str]:
    return [choice for field in view.ordering_fields for choice in (field, f"-{field}")]


def nullable_date_key(field: str):
    return Coalesce(field, EARLIEST_DATE)


def nullable_datetime_key(field: str):
    return Coalesce(field, EARLIEST_DATETIME)


def nullable_score_key():
    """Ratings off the scale (no score, such as Unproven) sort below the lowest score."""
    return Coalesce("score", Value(0, output_field=IntegerField()))


class SlugChoiceField(ModelChoiceField):
    """Looks up only what could be a slug: anything else is an invalid choice at once."""

    def to_python(self, value):
        if value not in self.empty_values and not SLUG.match(str(value)):
            raise forms.ValidationError(
                self.error_messages["invalid_choice"], code="invalid_choice"
            )
        return super().to_python(value)


class SlugFilter(django_filters.ModelChoiceFilter):
    field_class = SlugChoiceField


class IdChoiceField(ModelChoiceField):
    """Looks up only what could be an id (a positive 64-bit integer)."""

    def to_python(self, value):
        text = str(value)
        if value not in self.empty_values and not (
            text.isascii() and text.isdigit() and 0 < int(text) < 2**63
        ):
            raise forms.ValidationError(
                self.error_messages["invalid_choice"], code="invalid_choice"
            )
        return super().to_python(value)


class IdFilter(django_filters.ModelChoiceFilter):
    field_class = IdChoiceField


class Rfc3339DateTimeField(IsoDateTimeField):
    """An RFC 3339 date-time (OpenAPI's `date-time`), as UTC: PostgreSQL stores offsets
    up to 15:59 only, while the format allows any."""

    default_error_messages = {
        "invalid": "Give a date and time with its offset, such as 2024-05-01T09:30:00Z."
    }

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if not isinstance(value, str) or not RFC3339.match(value):
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        parsed = super().to_python(value)
        try:
            return parsed.astimezone(UTC)
        except OverflowError:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid") from None


class Rfc3339DateTimeFilter(django_filters.IsoDateTimeFilter):
    field_class = Rfc3339DateTimeField


class Rfc3339DateTimeRangeField(RangeField):
    widget = DateRangeWidget

    def __init__(self, *args, **kwargs):
        super().__init__((Rfc3339DateTimeField(), Rfc3339DateTimeField()), *args, **kwargs)


class Rfc3339DateTimeFromToRangeFilter(django_filters.IsoDateTimeFromToRangeFilter):
    field_class = Rfc3339DateTimeRangeField
