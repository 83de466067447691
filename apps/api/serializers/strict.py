"""Input that takes JSON as the OpenAPI document describes it, and nothing else.

DRF's fields are lenient: a string field takes the number 0, an integer field the string
"5", a relation the empty string (as null), and slugs are trimmed of white space. The
document promises types and patterns, and clients (and schemathesis) rely on a value that
breaks them being refused, so editors' write serializers use these instead.

DRF's serializers are lenient too: a field they do not know, or one they only show, is
dropped without a word, so `PATCH {"status": "published"}` on a claim answered 200 and
changed nothing. Every serializer that reads a body (`StrictFieldsMixin`: the write
serializers, their nested items, a workflow note) refuses such fields with a 400 naming
them, and the document says so (`additionalProperties: false`, apps/api/schema.py).
"""

import re
from collections.abc import Mapping

from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.validators import RegexValidator
from django.db import models
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.exceptions import ErrorDetail, ValidationError
from rest_framework.relations import MANY_RELATION_KWARGS

from apps.core.text import validate_text


class StrictFieldsMixin:
    """Refuse the fields of a body that the serializer does not take: unknown ones
    (`unknown_field`) and ones it only shows (`read_only`), each named in `attr`.

    `noun` names what the body describes ("a passage"; a model serializer's model by
    default); `read_only_reasons` says, by field, where such a field is changed instead.
    """

    noun = ""
    read_only_reasons: dict[str, str] = {}

    def to_internal_value(self, data):
        refused = self.refused_fields(data) if isinstance(data, Mapping) else {}
        try:
            validated = super().to_internal_value(data)
        except ValidationError as error:
            if not refused or not isinstance(error.detail, Mapping):
                raise
            raise ValidationError({**error.detail, **refused}) from error
        if refused:
            raise ValidationError(refused)
        return validated

    def refused_fields(self, data: Mapping) -> dict:
        fields, shown, refused = self.fields, self.shown_fields(), {}
        for name in data:
            field = fields.get(name)
            if field is not None and not field.read_only:
                continue
            if field is None and name not in shown:
                message = f"Unknown field: {self.object_noun()} has no field “{name}”."
                code = "unknown_field"
            else:
                reason = self.read_only_reasons.get(name, "it is set by the server")
                message, code = f"Read-only field: {reason}.", "read_only"
            refused[str(name)] = [ErrorDetail(f"{message} Leave it out.", code=code)]
        return refused

    def object_noun(self) -> str:
        model = getattr(getattr(self, "Meta", None), "model", None)
        if self.noun or model is None:
            return self.noun or "this body"
        name = str(model._meta.verbose_name)
        return f"{'an' if name[0] in 'aeiou' else 'a'} {name}"

    def shown_fields(self) -> set[str]:
        """Names a client may have read (so that sending one back is read-only, not
        unknown): the model's own fields and the links every representation carries."""
        model = getattr(getattr(self, "Meta", None), "model", None)
        names = {"id", "api_url", "page_url", *self.read_only_reasons}
        if model is not None:
            names |= {field.name for field in model._meta.get_fields()}
        return names


class StrictSerializer(StrictFieldsMixin, serializers.Serializer):
    """A body that is not a model's (a passage to anchor, a workflow note)."""


# What the document says of text the API reads (apps/core/text.py refuses the rest): no
# control character; and, where a value may not be blank, one character that is not white
# space (DRF trims white space, and "  " would be blank).
CONTROL = r"\x00-\x08\x0b\x0c\x0e-\x1f\x7f"
# Python's white space (str.isspace, which DRF's trimming and Django's `\s` use), spelled
# out: regular expression engines differ on what `\s` means (U+0085, U+FEFF).
SPACE = r"\t\n\x0b\x0c\r\x1c-\x1f \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"
TEXT_PATTERN = rf"^[^{CONTROL}]*$"
# Not empty (a field that may be blank is "this, or empty": drf-spectacular writes the
# empty string as the other of two `oneOf`s, which must not both match it).
NON_EMPTY_TEXT_PATTERN = rf"^[^{CONTROL}]+$"
NON_BLANK_TEXT_PATTERN = rf"^[^{CONTROL}]*[^{SPACE}{CONTROL}][^{CONTROL}]*$"
SLUG_PATTERN = r"^[-a-zA-Z0-9_]+$"


class StrictCharField(serializers.CharField):
    """A string, and only a string, holding no control character (apps/core/text.py)."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        # Also how apps/api/schema.py knows to say so in the document.
        self.validators.append(validate_text)

    def run_validation(self, data=serializers.empty):
        # Before DRF trims white space, which \x0b, \x0c and \x1c-\x1f are to Python:
        # "\x0c" would otherwise be read as blank, and "\x0cword" as "word".
        if isinstance(data, str):
            try:
                validate_text(data)
            except DjangoValidationError as error:
                raise ValidationError(error.messages, code=error.code) from error
        return super().run_validation(data)

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


# An absolute URL with a host name: what Django's URLValidator takes, less what the
# document could not say as a pattern (IP addresses, user names, more than five labels,
# labels over 50 characters), so that what the pattern allows is what the API takes.
_LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,48}[A-Za-z0-9])?"
URL = (
    rf"(?:https?|ftps?)://(?:{_LABEL}\.){{1,4}}[A-Za-z]{{2,20}}(?::[0-9]{{1,5}})?"
    rf"(?:[/?#][^{SPACE}{CONTROL}]*)?"
)
# drf-spectacular adds the empty string, for a field that may be blank, as a `oneOf`.
BLANK_OR_URL = {"type": "string", "pattern": rf"^{URL}$"}


@extend_schema_field(BLANK_OR_URL)
class StrictURLField(serializers.URLField):
    default_error_messages = {
        "invalid": "Enter an http(s) or ftp(s) URL with a host name, such as "
        "https://example.org/page."
    }

    def __init__(self, **kwargs):
        kwargs.setdefault("trim_whitespace", False)
        super().__init__(**kwargs)
        self.validators.append(RegexValidator(rf"^{URL}\Z", message=self.error_messages["invalid"]))

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


class StrictManyRelatedField(serializers.ManyRelatedField):
    """A list of related objects, and only a list: DRF's takes any iterable, and read a
    JSON object as the list of its keys."""

    def to_internal_value(self, data):
        if not isinstance(data, list):
            self.fail("not_a_list", input_type=type(data).__name__)
        return super().to_internal_value(data)


class StrictSlugRelatedField(serializers.SlugRelatedField):
    default_error_messages = {"invalid": "Give the slug as a string."}

    @classmethod
    def many_init(cls, *args, **kwargs):
        """As DRF's, with a list that is a list."""
        relation = {key: kwargs[key] for key in kwargs if key in MANY_RELATION_KWARGS}
        return StrictManyRelatedField(child_relation=cls(*args, **kwargs), **relation)

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


class WriteSerializer(StrictFieldsMixin, serializers.ModelSerializer):
    """A model serializer for editors' input, with strict fields for the model's fields,
    that refuses fields it does not write."""

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
