from django.db.models import Prefetch
from rest_framework import status
from rest_framework.decorators import action
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from apps.api.backends import nullable_datetime_key
from apps.api.filters import ClaimFilterSet
from apps.api.serializers.claims import (
    ClaimEditorSerializer,
    ClaimSerializer,
    ClaimWriteSerializer,
    public_claim,
)
from apps.api.serializers.revisions import ClaimRevisionSerializer
from apps.api.views.base import ResourceViewSet, link_fields, resource_schema
from apps.api.views.workflow import WorkflowActionsMixin, workflow_schema
from apps.api.visibility import visible, with_source_links
from apps.claims import editing, services, workflow
from apps.claims.models import Citation, Claim, Correction
from apps.quotes.models import Quote
from apps.speakers.models import Speaker
from apps.topics.models import Topic


@resource_schema(
    singular="claim",
    plural="claims",
    editor=ClaimEditorSerializer,
    write=ClaimWriteSerializer,
    delete_refusal="A claim that has been published is retracted, not deleted: 409.",
    proposal=ClaimRevisionSerializer,
)
class ClaimViewSet(WorkflowActionsMixin, ResourceViewSet):
    """Checkable statements with their verdict, the quote they came from and the cited
    passages of sources that state, support or contradict them."""

    model = Claim
    serializer_class = ClaimSerializer
    editor_serializer_class = ClaimEditorSerializer
    write_serializer_class = ClaimWriteSerializer
    filterset_class = ClaimFilterSet
    ordering_fields = ("published_at", "updated_at", "id")
    ordering = "-published_at"
    ordering_keys = {"published_at": nullable_datetime_key("published_at")}

    def visible_queryset(self, *, editor):
        """5 queries besides the claims (with their ratings and reviewers): claimants,
        quotes, topics, citations (in visible sources, with their sources) and corrections."""
        citations = Citation.objects.all()
        if not editor:
            citations = citations.in_public_sources()
        return (
            visible(Claim.objects, editor=editor)
            .select_related("rating", "reviewed_by")
            .prefetch_related(
                Prefetch(
                    "claimant",
                    queryset=link_fields(visible(Speaker.objects, editor=editor), editor=editor),
                ),
                Prefetch(
                    "quote",
                    queryset=link_fields(visible(Quote.objects, editor=editor), editor=editor),
                ),
                Prefetch("topics", queryset=link_fields(Topic.objects.all(), editor=editor)),
                Prefetch(
                    "citations",
                    queryset=with_source_links(citations).order_by("relation", "start", "id"),
                ),
                Prefetch(
                    "corrections",
                    queryset=Correction.objects.select_related("rating_before", "rating_after"),
                ),
            )
        )

    def public_representation(self, pk):
        return public_claim(self.request, pk)

    def create_object(self, data, *, actor):
        data.pop("correction_note", None)  # a new claim has no published verdict to correct
        return services.claim_create(actor=actor, **data)

    def update_object(self, instance, data, *, actor, expected_version):
        """Made through `claim_edit`: an editor's change to a published claim is proposed
        as a revision instead (202, with the revision), for a reviewer to accept."""
        outcome = editing.claim_edit(
            claim=instance, actor=actor, expected_version=expected_version, **data
        )
        if outcome.proposed:
            self.accepted = outcome.revision
        return outcome.claim

    def delete_object(self, instance, *, actor, expected_version):
        services.claim_delete(claim=instance, actor=actor, expected_version=expected_version)

    def accepted_for_review(self, proposal):
        data = ClaimRevisionSerializer(proposal, context=self.get_serializer_context()).data
        return Response(
            data, status=status.HTTP_202_ACCEPTED, headers={"Location": str(data["api_url"])}
        )

    # --- the editorial workflow (apps/claims/workflow.py) ----------------------------------
    # Who may make each move is the workflow's to decide (403 with its reason), so signing
    # in is all these endpoints ask beforehand.

    @workflow_schema(
        summary="Submit a claim for review",
        description="Editors with the change permission; the claim must be a draft.",
        editor=ClaimEditorSerializer,
        refusal="The claim is not a draft.",
    )
    @action(detail=True, methods=["post"], url_path="submit", permission_classes=[IsAuthenticated])
    def submit(self, request, pk=None):
        return self.perform_action(
            request,
            lambda claim, _, version: workflow.claim_submit_for_review(
                claim=claim, actor=request.user, expected_version=version
            ),
        )

    @workflow_schema(
        summary="Send a claim back to draft",
        description="Editors with the change permission; the claim must be in review. "
        "The optional `note` says what to fix.",
        editor=ClaimEditorSerializer,
        refusal="The claim is not in review.",
        note=True,
    )
    @action(
        detail=True,
        methods=["post"],
        url_path="return-to-draft",
        permission_classes=[IsAuthenticated],
    )
    def return_to_draft(self, request, pk=None):
        return self.perform_action(
            request,
            lambda claim, note, version: workflow.claim_return_to_draft(
                claim=claim, actor=request.user, note=note, expected_version=version
            ),
            takes_note=True,
        )

    @workflow_schema(
        summary="Publish a claim",
        description="Reviewers only (403 for anyone else), and (four eyes) not the one who "
        "wrote or last changed the claim. The claim must be in review and ready: a rating, a "
        "verdict summary and a cited passage found in the text of a published source; a 400 "
        "lists what is missing.",
        editor=ClaimEditorSerializer,
        refusal="The claim is not in review, or not ready: each error says what is missing.",
    )
    @action(detail=True, methods=["post"], url_path="publish", permission_classes=[IsAuthenticated])
    def publish(self, request, pk=None):
        return self.perform_action(
            request,
            lambda claim, _, version: workflow.claim_publish(
                claim=claim, actor=request.user, expected_version=version
            ),
        )

    @workflow_schema(
        summary="Retract a claim",
        description="Reviewers only (403 for anyone else). The claim must be published; "
        "`note`, saying why, is required.",
        editor=ClaimEditorSerializer,
        refusal="The claim is not published, or `note` is missing.",
        note=True,
    )
    @action(detail=True, methods=["post"], url_path="retract", permission_classes=[IsAuthenticated])
    def retract(self, request, pk=None):
        return self.perform_action(
            request,
            lambda claim, note, version: workflow.claim_retract(
                claim=claim, actor=request.user, note=note, expected_version=version
            ),
            takes_note=True,
        )
