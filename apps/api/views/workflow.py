"""Workflow actions of a resource: POST endpoints that move an object through its
editorial states (submit, publish, retract a claim; confirm or reject a quote).

Each is a write to one existing object, so it takes the same precondition as an update:
the object is locked, its current ETag must be in `If-Match` (428 without, 412 when stale),
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
from drf_spectacular.utils import OpenApiResponse, extend_schema
from drf_standardized_errors.openapi_serializers import ErrorResponse403Serializer
from rest_framework import serializers, status
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response

from apps.api.etags import etag_for, require_if_match
from apps.api.exceptions import validation_error
from apps.api.schema import (
    ETAG_HEADER,
    IF_MATCH,
    ErrorResponse412Serializer,
    ErrorResponse428Serializer,
    ValidationErrorResponseSerializer,
)


class WorkflowNoteSerializer(serializers.Serializer):
    note = serializers.CharField(
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


def note_from(request) -> str:
    serializer = WorkflowNoteSerializer(data=request.data)
    serializer.is_valid(raise_exception=True)
    return serializer.validated_data.get("note", "")


class WorkflowActionsMixin:
    """For a ResourceViewSet: perform one workflow action on the object of the URL."""

    def perform_action(self, request, action: Callable) -> Response:
        with transaction.atomic():
            instance = self.get_object_for_update()
            require_if_match(request, etag_for(self.represent(instance)))
            try:
                action(instance)
            except DjangoPermissionDenied as refusal:
                raise PermissionDenied(str(refusal) or None) from refusal
            except DjangoValidationError as refusal:
                raise validation_error(refusal) from refusal
        return self.written(instance, status.HTTP_200_OK)
