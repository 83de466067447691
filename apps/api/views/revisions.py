"""Proposed changes to published claims: what reviewers accept or reject.

An editor proposes one by changing a published claim (PUT or PATCH on the claim answers
202 with the revision); the revision is then read here and decided by a reviewer. Only
editors of claims see revisions; they are never public.
"""

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import transaction
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from drf_standardized_errors.openapi_serializers import (
    ErrorResponse403Serializer,
    ErrorResponse404Serializer,
)
from rest_framework import mixins, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound, PermissionDenied
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from apps.api.exceptions import validation_error
from apps.api.filters import ClaimRevisionFilterSet
from apps.api.permissions import is_editor
from apps.api.schema import ValidationErrorResponseSerializer
from apps.api.serializers.revisions import ClaimRevisionSerializer
from apps.api.views.workflow import WorkflowNoteSerializer, no_body, note_from
from apps.claims import editing
from apps.claims.models import Claim, ClaimRevision

NOT_AN_EDITOR = OpenApiResponse(
    ErrorResponse404Serializer, description="The user is not an editor of claims."
)
REFUSED = OpenApiResponse(
    ErrorResponse403Serializer,
    description="The user may not decide: not a reviewer, or (four eyes) the one who "
    "proposed the change.",
)


@extend_schema_view(
    list=extend_schema(
        summary="List proposed changes to published claims",
        description="Editors of claims only (404 for anyone else). Filter on `claim` and "
        "`status`; newest first.",
        responses={200: ClaimRevisionSerializer, 404: NOT_AN_EDITOR},
    ),
    retrieve=extend_schema(summary="Read a proposed change", description="Editors only."),
)
class ClaimRevisionViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    serializer_class = ClaimRevisionSerializer
    filterset_class = ClaimRevisionFilterSet
    permission_classes = [IsAuthenticated]
    ordering_fields = ("id",)
    ordering = "-id"
    ordering_keys: dict = {}

    def get_queryset(self):
        revisions = ClaimRevision.objects.select_related("claim", "proposed_by", "decided_by")
        if getattr(self, "swagger_fake_view", False):
            return revisions.none()
        if not is_editor(self.request.user, Claim):
            raise NotFound("Revisions are for editors of claims.")
        return revisions

    def decide(self, request, pk, decision) -> Response:
        with transaction.atomic():
            revision = self.get_object()
            try:
                decision(revision)
            except DjangoPermissionDenied as refusal:
                raise PermissionDenied(str(refusal)) from refusal
            except DjangoValidationError as refusal:
                raise validation_error(refusal) from refusal
        revision.refresh_from_db()
        return Response(self.get_serializer(revision).data)

    @extend_schema(
        summary="Accept a proposed change",
        description="Reviewers only, and (four eyes) not the one who proposed it. The "
        "change is made, with its correction if it needs one; 400 if the claim has changed "
        "the proposed fields since.",
        request=None,
        responses={
            200: ClaimRevisionSerializer,
            400: OpenApiResponse(
                ValidationErrorResponseSerializer,
                description="The revision is already decided, the claim is no longer "
                "published, or it has changed the proposed fields since.",
            ),
            403: REFUSED,
        },
    )
    @action(detail=True, methods=["post"])
    def accept(self, request, pk=None):
        no_body(request)
        return self.decide(
            request,
            pk,
            lambda revision: editing.revision_accept(revision=revision, actor=request.user),
        )

    @extend_schema(
        summary="Reject a proposed change",
        description="Reviewers only. The optional `note` tells the editor why.",
        request=WorkflowNoteSerializer,
        responses={
            200: ClaimRevisionSerializer,
            400: OpenApiResponse(
                ValidationErrorResponseSerializer,
                description="The revision is already decided, or `note` is malformed.",
            ),
            403: REFUSED,
        },
    )
    @action(detail=True, methods=["post"])
    def reject(self, request, pk=None):
        note = note_from(request)
        return self.decide(
            request,
            pk,
            lambda revision: editing.revision_reject(
                revision=revision, actor=request.user, note=note
            ),
        )
