"""Errors the API answers beyond DRF's own, in the same JSON shape as every other error.

Every error is `{"type": "validation_error" | "client_error", "errors": [{"code", "detail",
"attr"}]}` (drf-standardized-errors); `attr` names the field or query parameter at fault.
"""

from django.core.exceptions import NON_FIELD_ERRORS
from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import status
from rest_framework.exceptions import APIException, ValidationError
from rest_framework.settings import api_settings


class PreconditionRequired(APIException):
    status_code = status.HTTP_428_PRECONDITION_REQUIRED
    default_detail = (
        "Send the object's ETag in If-Match, so that a change made since you read it is not "
        "overwritten."
    )
    default_code = "precondition_required"


class PreconditionFailed(APIException):
    status_code = status.HTTP_412_PRECONDITION_FAILED
    default_detail = (
        "The object has changed since you read it (its ETag differs from If-Match). "
        "Read it again and re-apply your change."
    )
    default_code = "precondition_failed"


class Conflict(APIException):
    status_code = status.HTTP_409_CONFLICT
    default_detail = "The object cannot be changed this way in its current state."
    default_code = "conflict"


def validation_error(error: DjangoValidationError, *, prefix: str = "") -> ValidationError:
    """A model's ValidationError (from a service's full_clean) as a 400 naming the fields.

    `prefix` places the fields of a nested item, such as `citations.1.` for the second.
    """
    if hasattr(error, "error_dict"):
        detail = {}
        for field, errors in error.error_dict.items():
            detail[f"{prefix}{api_field(field)}"] = [
                ValidationError(message, code=item.code or "invalid").detail[0]
                for item in errors
                for message in item.messages
            ]
        return ValidationError(detail)
    messages = [
        ValidationError(message, code=item.code or "invalid").detail[0]
        for item in error.error_list
        for message in item.messages
    ]
    if prefix:
        return ValidationError({f"{prefix}{api_settings.NON_FIELD_ERRORS_KEY}": messages})
    return ValidationError(messages)


def api_field(name: str) -> str:
    """A service's error key as the API names it: Django's `__all__` (no one field at
    fault), alone or after an item's place (`appearances.1.__all__`, from the passages a
    service syncs), is `non_field_errors`, as DRF's own errors name it."""
    head, dot, last = name.rpartition(".")
    if last != NON_FIELD_ERRORS:
        return name
    return f"{head}{dot}{api_settings.NON_FIELD_ERRORS_KEY}"


def conflict(error: DjangoValidationError) -> Conflict:
    """A service's refusal (say, to delete what evidence points to) as a 409."""
    return Conflict(detail=" ".join(error.messages), code=error.code or "conflict")
