"""How the OpenAPI document (drf-spectacular) describes what the API really does.

Beyond drf-standardized-errors' error responses, every operation documents the conditional
requests it honours: `If-None-Match` and 304 on reads of one object, a required `If-Match`
with 412 and 428 on writes to one, the `ETag` each answers with, 409 where a delete can
be refused, 413 on writes whose body is over the size limits (apps/ops/limits.py), the
414 of the server in front for a request line over its limit, and the 503 (with
`Retry-After`) that any of them answers while the database cannot be reached
(apps/ops/database.py). Request bodies take no field they do not list; text holds no
control character.
"""

from django.core.validators import RegexValidator
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse
from drf_standardized_errors.openapi import AutoSchema
from drf_standardized_errors.openapi_serializers import (
    ClientErrorEnum,
    ServerErrorEnum,
    ValidationErrorEnum,
)
from rest_framework import serializers
from rest_framework.permissions import SAFE_METHODS

from apps.api.serializers.strict import (
    NON_BLANK_TEXT_PATTERN,
    NON_EMPTY_TEXT_PATTERN,
    SLUG_PATTERN,
    TEXT_PATTERN,
    StrictFieldsMixin,
    StrictSlugRelatedField,
    StrictURLField,
)
from apps.core.text import validate_text


class ErrorSerializer(serializers.Serializer):
    code = serializers.CharField(help_text="A machine-readable code, such as `required`.")
    detail = serializers.CharField(help_text="What was wrong, for people.")
    attr = serializers.CharField(
        allow_null=True,
        help_text="The field or query parameter at fault (`citations.1.exact` for a nested "
        "one); null when the error concerns the request as a whole.",
    )


ERROR_TYPE_CHOICES = [*ValidationErrorEnum.choices, *ClientErrorEnum.choices]


class ValidationErrorResponseSerializer(serializers.Serializer):
    """A 400: the request body or a query parameter was malformed or unknown."""

    type = serializers.ChoiceField(
        choices=ERROR_TYPE_CHOICES,
        help_text="`validation_error` for invalid values; `client_error` for a body that is "
        "not JSON.",
    )
    errors = ErrorSerializer(many=True)

    class Meta:
        ref_name = "ErrorResponse400"


def error_serializer(status_code: int, codes: list[str], doc: str, types=ClientErrorEnum):
    class CodeSerializer(serializers.Serializer):
        code = serializers.ChoiceField(choices=[(value, value) for value in codes])
        detail = serializers.CharField()
        attr = serializers.CharField(allow_null=True)

        class Meta:
            ref_name = f"Error{status_code}"

    class ResponseSerializer(serializers.Serializer):
        type = serializers.ChoiceField(choices=types.choices)
        errors = CodeSerializer(many=True)

        class Meta:
            ref_name = f"ErrorResponse{status_code}"

    ResponseSerializer.__doc__ = doc
    return ResponseSerializer


ErrorResponse409Serializer = error_serializer(
    409,
    ["protected", "published"],
    "The service refused the delete: evidence still points to the object (`protected`), "
    "or the claim has been published (`published`: retract it instead).",
)
ErrorResponse412Serializer = error_serializer(
    412, ["precondition_failed"], "If-Match does not match the object's current ETag."
)
ErrorResponse428Serializer = error_serializer(
    428, ["precondition_required"], "A write to an existing object needs If-Match."
)
ErrorResponse413Serializer = error_serializer(
    413,
    ["request_too_large"],
    "The request body is over the size the site accepts (DATA_UPLOAD_MAX_MEMORY_SIZE).",
)
ErrorResponse503Serializer = error_serializer(
    503,
    ["database_unavailable"],
    "The database cannot be reached just now; try again after `Retry-After` seconds.",
    types=ServerErrorEnum,
)

ETAG_HEADER = OpenApiParameter(
    "ETag",
    str,
    OpenApiParameter.HEADER,
    description="Strong validator of this representation; send it back in If-Match to "
    "write, or in If-None-Match to read only if it changed.",
    response=["200", "201", "304"],
    required=True,
)
IF_NONE_MATCH = OpenApiParameter(
    "If-None-Match",
    str,
    OpenApiParameter.HEADER,
    description="ETags you hold; if one is current the answer is 304 without a body.",
)
IF_MATCH = OpenApiParameter(
    "If-Match",
    # Not blank: an empty If-Match is a missing one (428).
    {"type": "string", "pattern": r"\S"},
    OpenApiParameter.HEADER,
    required=True,
    description="The ETag you read. A write without it answers 428; with a stale one, 412.",
)

RETRY_AFTER = OpenApiParameter(
    "Retry-After",
    int,
    OpenApiParameter.HEADER,
    description="Seconds to wait before trying again.",
    response=["503"],
    required=True,
)

# The IETF draft's rate-limit headers (apps/api/throttling.py). Every answer to a counted
# request carries them; documented on the 429, where a client needs them (the API's
# description says the rest), so that each operation's headers stay its own.
RATE_LIMIT_POLICY = OpenApiParameter(
    "RateLimit-Policy",
    str,
    OpenApiParameter.HEADER,
    description='The rate this request was counted against: `"anon";q=120;w=60` is 120 '
    "requests (q) per window of 60 seconds (w); `anon` for anonymous clients, `user` for "
    "signed-in editors (draft-ietf-httpapi-ratelimit-headers).",
    response=["429"],
    required=True,
)
RATE_LIMIT = OpenApiParameter(
    "RateLimit",
    str,
    OpenApiParameter.HEADER,
    description='Where the client stands: `"anon";r=119;t=42` is 119 requests left (r) in '
    "a window that ends in 42 seconds (t).",
    response=["429"],
    required=True,
)

PROPOSAL_LOCATION = OpenApiParameter(
    "Location",
    str,
    OpenApiParameter.HEADER,
    description="The URL of the proposed revision.",
    response=["202"],
    required=True,
)

NOT_MODIFIED = {"description": "Not modified: the representation matches If-None-Match."}
# gunicorn (gunicorn.conf.py, limit_request_line) refuses a request line over 4,094 bytes
# before Django sees it, in plain HTML. Every parameter's documented maxLength fits in it
# even percent-encoded (12 bytes a character at worst); many long values together may not.
URI_TOO_LONG = (
    "The request line is over 4,094 bytes (the server's limit): send shorter query "
    "parameters. Answered by the server in front of the API, as HTML."
)


class FactbaseAutoSchema(AutoSchema):
    def get_description(self):
        """Only what `extend_schema` says: a view's docstrings are notes for the people who
        maintain it (query counts, design choices), not the API's documentation."""
        return ""

    def _map_basic_serializer(self, serializer, direction):
        """Fields an editor serializer adds are in its schema, but not required: anonymous
        clients read the same objects without them."""
        schema = super()._map_basic_serializer(serializer, direction)
        # inspect.getdoc gives a base class's docstring to a class without one: that says
        # how the base works (for maintainers), not what this representation is (clients).
        own_doc = vars(type(serializer)).get("__doc__")
        annotated = getattr(serializer, "_spectacular_annotation", {}).get("description")
        if not own_doc and not annotated:
            schema.pop("description", None)
        editors_only = getattr(getattr(serializer, "Meta", None), "editors_only", ())
        if editors_only and "required" in schema:
            schema["required"] = [name for name in schema["required"] if name not in editors_only]
        if direction == "request" and isinstance(serializer, StrictFieldsMixin):
            # A field the serializer does not write is refused (400), not dropped.
            schema["additionalProperties"] = False
        return schema

    def _map_serializer_field(self, field, direction, bypass_extensions=False):
        """Text the API reads is said to hold no control character (and, where it may not
        be blank, something besides white space); a slug naming an object, to be one."""
        schema = super()._map_serializer_field(field, direction, bypass_extensions)
        if direction != "request" or field.read_only or schema.get("type") != "string":
            return schema
        if any(key in schema for key in ("pattern", "format", "enum")):
            return schema
        if isinstance(field, StrictSlugRelatedField):
            schema["pattern"] = SLUG_PATTERN
        elif (
            isinstance(field, serializers.CharField)
            and validate_text in field.validators
            # A field's own pattern (a Wikidata id) is the document's, as drf-spectacular
            # writes it from the validator.
            and not any(isinstance(v, RegexValidator) for v in field.validators)
        ):
            # What DRF takes: "" only if the field may be blank (drf-spectacular then adds
            # the empty string as a `oneOf` of its own); white space alone only if it is
            # not trimmed to "" first.
            blank = field.allow_blank or not field.trim_whitespace
            schema["pattern"] = NON_EMPTY_TEXT_PATTERN if blank else NON_BLANK_TEXT_PATTERN
        return schema

    def _insert_field_validators(self, field, schema):
        """As drf-spectacular, but a URL the API takes is its pattern (BLANK_OR_URL), not
        any `format: uri`: characters RFC 3986 leaves out of a URI (a Cyrillic path) are
        taken too."""
        super()._insert_field_validators(field, schema)
        if isinstance(field, StrictURLField):
            for option in [schema, *schema.get("oneOf", [])]:
                if option.get("format") == "uri":
                    del option["format"]

    def _get_filter_parameters(self):
        """A list's free-text filters (`q`, `language`) hold no control character either
        (apps/ops/control_characters.py answers 400)."""
        return [text_parameter(parameter) for parameter in super()._get_filter_parameters()]

    def _get_pagination_parameters(self):
        return [text_parameter(parameter) for parameter in super()._get_pagination_parameters()]

    def get_auth(self):
        auths = super().get_auth()
        # Reads are open to everyone (what they see depends on who they are).
        if self.method in SAFE_METHODS and {} not in auths:
            auths.append({})
        return auths

    def _action(self) -> str | None:
        # Plain list views (the ClaimReview feed) have no viewset action.
        return getattr(self.view, "action", "list")

    def _is_object_operation(self) -> bool:
        return self._action() in {"retrieve", "update", "partial_update", "destroy"}

    def _is_conditional(self) -> bool:
        """Whether the view answers with ETags and honours If-None-Match and If-Match: the
        resource views do (apps/api/views/base.py); the claim revisions, read by editors and
        decided by reviewers, do not."""
        return getattr(self.view, "conditional_requests", False)

    def get_override_parameters(self):
        parameters = [
            *super().get_override_parameters(),
            RETRY_AFTER,
            RATE_LIMIT_POLICY,
            RATE_LIMIT,
        ]
        if not self._is_conditional():
            return parameters
        if self._action() == "retrieve":
            parameters += [IF_NONE_MATCH, ETAG_HEADER]
        elif self._is_object_operation():
            parameters.append(IF_MATCH)
            if self.method != "DELETE":
                parameters.append(ETAG_HEADER)
        elif self._action() == "create":
            parameters.append(ETAG_HEADER)
        return parameters

    def _should_add_error_response(self, responses, status_code):
        """Leave out the errors an operation cannot answer: no body is read on GET or
        DELETE (no 400 but on lists, no 415), reads are never forbidden (no 403), and a
        list's bad cursor is a 400, not a 404."""
        action, safe = self._action(), self.method in SAFE_METHODS
        never = {
            "400": action not in {"list", "create", "update", "partial_update"},
            "403": safe,
            "404": action in {"list", "create"},
            "415": self.method in {"GET", "HEAD", "DELETE"},
        }
        if never.get(status_code, False):
            return False
        return super()._should_add_error_response(responses, status_code)

    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction=direction)
        if direction != "response":
            return responses
        extra = {}
        conditional = self._is_conditional()
        if conditional and self._action() == "retrieve":
            extra["304"] = {**NOT_MODIFIED, "headers": self._get_response_headers_for_code("304")}
        if conditional and self._is_object_operation() and self.method != "GET":
            extra["412"] = self._error(ErrorResponse412Serializer, "412")
            extra["428"] = self._error(ErrorResponse428Serializer, "428")
        if self.method == "DELETE" and getattr(self.view, "delete_can_conflict", False):
            extra["409"] = self._error(ErrorResponse409Serializer, "409")
        if self.method in {"POST", "PUT", "PATCH"}:
            extra["413"] = self._error(ErrorResponse413Serializer, "413")
        extra["414"] = self._get_response_for_code(OpenApiResponse(description=URI_TOO_LONG), "414")
        extra["503"] = self._error(ErrorResponse503Serializer, "503")
        return {
            **responses,
            **{code: body for code, body in extra.items() if code not in responses},
        }

    def _error(self, serializer, code: str):
        return self._get_response_for_code(
            OpenApiResponse(serializer, description=serializer.__doc__), code
        )


def text_parameter(parameter: dict) -> dict:
    """A query parameter whose value is free text, said to hold no control character."""
    schema = parameter.get("schema", {})
    if parameter.get("in") != "query" or schema.get("type") != "string":
        return parameter
    if any(key in schema for key in ("pattern", "format", "enum")):
        return parameter
    return {**parameter, "schema": {**schema, "pattern": TEXT_PATTERN}}


# RFC 9457 problem details: what an error is for a client that asks for them
# (apps/api/problems.py).
PROBLEM_SCHEMA = {
    "type": "object",
    "description": "An error as RFC 9457 problem details, for a client whose `Accept` lists "
    "application/problem+json. `errors` lists the same errors as the default shape.",
    "properties": {
        "type": {"type": "string", "format": "uri-reference", "enum": ["about:blank"]},
        "title": {"type": "string", "description": "The HTTP status's phrase."},
        "status": {"type": "integer"},
        "detail": {"type": "string"},
        "errors": {"type": "array", "items": {"$ref": "#/components/schemas/Error"}},
    },
    "required": ["type", "title", "status", "detail", "errors"],
}


def document_hook(result, generator, request, public):
    """The document's `servers` (this site, as the client reached it) and, beside each
    error's JSON, its problem-details form."""
    result["servers"] = [
        {
            "url": request.build_absolute_uri("/") if request is not None else "/",
            "description": "This site",
        }
    ]
    schemas = result.setdefault("components", {}).setdefault("schemas", {})
    schemas.setdefault(
        "Error",
        {
            "type": "object",
            "properties": {
                "code": {"type": "string"},
                "detail": {"type": "string"},
                "attr": {"type": "string", "nullable": True},
            },
            "required": ["code", "detail", "attr"],
        },
    )
    schemas["Problem"] = PROBLEM_SCHEMA
    problem = {"schema": {"$ref": "#/components/schemas/Problem"}}
    for operations in result.get("paths", {}).values():
        for operation in operations.values():
            if not isinstance(operation, dict):
                continue
            for code, response in operation.get("responses", {}).items():
                content = response.get("content", {})
                if code[:1] in "45" and "application/json" in content:
                    content["application/problem+json"] = problem
    return result
