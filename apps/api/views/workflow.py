"""Workflow actions of a resource: POST endpoints that move an object through its
editorial states (submit, publish, retract a claim; confirm or reject a quote).

Each is a write to one existing object, so it takes the same precondition as an update:
the object is locked, its current ETag must be in `If-Match` (428 without, 412 when stale,
checked by the action's service as an update's is; the body, a note or none, is checked between
the two),
and the answer is the object's new editor representation with its new ETag. The action
itself is the app's workflow or service function, called with the requesting user: it
decides who may (PermissionDenied answers 403, with its reason) and what is allowed
(ValidationError answers 400 with the service's messages, such as what stops a claim from
being published).
"""

from collections.abc import Callable

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import transaction
from django.db.models import Model
from drf_spectacular.utils import OpenApiResponse, extend_schema
from drf_standardized_errors.openapi_serializers import ErrorResponse403Serializer
from rest_framework import status
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response

from apps.api.etags import if_match, precondition_failed
from apps.api.exceptions import validation_error
from apps.api.schema import (
    ETAG_HEADER,
    IF_MATCH,
    ErrorResponse412Serializer,
    ErrorResponse428Serializer,
    ValidationErrorResponseSerializer,
)
from apps.api.serializers.strict import StrictCharField, StrictSerializer


class WorkflowNoteSerializer(StrictSerializer):
    noun = "a workflow note"

    note = StrictCharField(
        required=False,
        allow_blank=True,
        max_length=2000,
        help_text="Why: kept in the object's history with the change.",
    )

    class Meta:
        ref_name = "WorkflowNote"


def workflow_schema(*, summary: str, description: str, editor, refusal: str, note: bool = False):
    """The OpenAPI description of a workflow action answering with `editor`."""
    return extend_schema(
        summary=summary,
        description=f"{description} Send the `ETag` you read in `If-Match`.",
        request=WorkflowNoteSerializer if note else None,
        parameters=[IF_MATCH, ETAG_HEADER],
        responses={
            200: editor,
            400: OpenApiResponse(ValidationErrorResponseSerializer, description=refusal),
            # Signing in is all the endpoint asks beforehand; the service may still refuse.
            403: OpenApiResponse(
                ErrorResponse403Serializer,
                description="The workflow refused: the user may not make this move.",
            ),
            412: OpenApiResponse(
                ErrorResponse412Serializer, description=ErrorResponse412Serializer.__doc__
            ),
            428: OpenApiResponse(
                ErrorResponse428Serializer, description=ErrorResponse428Serializer.__doc__
            ),
        },
    )


class NoBodySerializer(StrictSerializer):
    """The body of an action that takes none: empty, or absent (any field is unknown)."""

    noun = "this action"


def note_from(request) -> str:
    """The action's optional note, from a body refused (400) for anything else."""
    serializer = WorkflowNoteSerializer(data=request.data)
    serializer.is_valid(raise_exception=True)
    return serializer.validated_data.get("note", "")


def no_body(request) -> str:
    """Refuse (400) a body with fields sent to an action that takes none: they would be
    dropped without a word. The note of such an action is empty."""
    NoBodySerializer(data=request.data).is_valid(raise_exception=True)
    return ""


class WorkflowActionsMixin:
    """For a ResourceViewSet: perform one workflow action on the object of the URL."""

    def perform_action(
        self, request, action: Callable[[Model, str, object], object], *, takes_note: bool = False
    ) -> Response:
        """`action(instance, note, expected_version)`, which hands the version to its service.
        In the order an update asks them: the object (404), `If-Match` present (428), the
        body (400: a note, or nothing), an ETag of this requester's (412), and in the
        service, the version current (412)."""
        with transaction.atomic():
            instance = self.get_object_for_update()
            tags = if_match(request)
            note = note_from(request) if takes_note else no_body(request)
            expected = self.if_match_version(tags, instance)
            try:
                action(instance, note, expected)
            except DjangoPermissionDenied as refusal:
                raise PermissionDenied(str(refusal) or None) from refusal
            except DjangoValidationError as refusal:
                raise precondition_failed(refusal) or validation_error(refusal) from refusal
        return self.written(instance, status.HTTP_200_OK)
