"""Input fields that take JSON as the OpenAPI document describes it, and nothing else.

DRF's fields are lenient: a string field takes the number 0, an integer field the string
"5", a relation the empty string (as null), and slugs are trimmed of white space. The
document promises types and patterns, and clients (and schemathesis) rely on a value that
breaks them being refused, so editors' write serializers use these instead.
"""

import re

from django.db import models
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers


class StrictCharField(serializers.CharField):
    def to_internal_value(self, data):
        if not isinstance(data, str):
            self.fail("invalid")
        return super().to_internal_value(data)


class StrictSlugField(serializers.SlugField):
    def __init__(self, **kwargs):
        kwargs.setdefault("trim_whitespace", False)
        super().__init__(**kwargs)

    def to_internal_value(self, data):
        if not isinstance(data, str):
            self.fail("invalid")
        return super().to_internal_value(data)


# Empty, or an absolute URL (Django's URLValidator takes no other schemes, and no spaces).
BLANK_OR_URL = {"type": "string", "pattern": r"^((https?|ftps?)://\S+)?$"}


@extend_schema_field(BLANK_OR_URL)
class StrictURLField(serializers.URLField):
    def __init__(self, **kwargs):
        kwargs.setdefault("trim_whitespace", False)
        super().__init__(**kwargs)

    def to_internal_value(self, data):
        if not isinstance(data, str):
            self.fail("invalid")
        return super().to_internal_value(data)


class StrictIntegerField(serializers.IntegerField):
    default_error_messages = {"invalid": "A whole number is required."}

    def to_internal_value(self, data):
        if isinstance(data, bool) or not isinstance(data, int):
            self.fail("invalid")
        return super().to_internal_value(data)


SLUG = re.compile(r"^[-a-zA-Z0-9_]+\Z")


class StrictSlugRelatedField(serializers.SlugRelatedField):
    default_error_messages = {"invalid": "Give the slug as a string."}

    def run_validation(self, data=serializers.empty):
        # DRF reads "" as null for relations; the document says null is null.
        if data == "":
            self.fail("invalid")
        return super().run_validation(data)

    def to_internal_value(self, data):
        if not isinstance(data, str):
            self.fail("invalid")
        if not SLUG.match(data):
            # No such slug can exist; and the database is not asked about what it cannot
            # store (PostgreSQL refuses a NUL character in a query).
            self.fail("does_not_exist", slug_name=self.slug_field, value=data)
        return super().to_internal_value(data)


def optional_by_slug(
    model: type[models.Model], *, help_text: str, many: bool = False
) -> serializers.RelatedField | serializers.ManyRelatedField:
    """A related object named by its slug, or with `many` a list of them, that may be left
    out. Only a single one may be null: a list is sent whole, or not at all."""
    return StrictSlugRelatedField(
        slug_field="slug",
        queryset=model.objects.all(),
        many=many,
        required=False,
        allow_null=not many,
        help_text=help_text,
    )


class StrictPrimaryKeyRelatedField(serializers.PrimaryKeyRelatedField):
    def run_validation(self, data=serializers.empty):
        if data == "":
            self.fail("incorrect_type", data_type="str")
        return super().run_validation(data)

    def to_internal_value(self, data):
        if isinstance(data, bool) or not isinstance(data, int):
            self.fail("incorrect_type", data_type=type(data).__name__)
        return super().to_internal_value(data)


# RFC 3339, as OpenAPI's `date-time` means: a date, a time and an offset.
RFC3339 = re.compile(r"^\d{4}-\d\d-\d\d[Tt]\d\d:\d\d:\d\d(\.\d+)?([Zz]|[+-]\d\d:\d\d)\Z")


class StrictDateTimeField(serializers.DateTimeField):
    default_error_messages = {
        "invalid": "Give a date and time with its offset, such as 2024-05-01T09:30:00Z."
    }

    def to_internal_value(self, value):
        if not isinstance(value, str) or not RFC3339.match(value):
            self.fail("invalid")
        return super().to_internal_value(value)


class WriteSerializer(serializers.ModelSerializer):
    """A model serializer for editors' input, with strict fields for the model's fields."""

    serializer_field_mapping = {
        **serializers.ModelSerializer.serializer_field_mapping,
        models.CharField: StrictCharField,
        models.TextField: StrictCharField,
        models.SlugField: StrictSlugField,
        models.URLField: StrictURLField,
        models.PositiveIntegerField: StrictIntegerField,
        models.PositiveSmallIntegerField: StrictIntegerField,
        models.IntegerField: StrictIntegerField,
        models.DateTimeField: StrictDateTimeField,
    }
    serializer_related_field = StrictPrimaryKeyRelatedField


@extend_schema_field({"type": "string", "readOnly": True})
class BlankOrURLReadField(serializers.CharField):
    """A URL that may be empty, as read (the document cannot call "" a URI)."""

    def __init__(self, **kwargs):
        super().__init__(read_only=True, **kwargs)
