from rest_framework import serializers

from apps.api.serializers.fields import api_url_field
from apps.claims.models import Claim, ClaimRevision


class RevisionClaimSerializer(serializers.ModelSerializer):
    api_url = api_url_field("claim")

    class Meta:
        model = Claim
        fields = ["id", "api_url", "statement", "slug"]
        read_only_fields = fields
        ref_name = "RevisionClaim"


class ClaimRevisionSerializer(serializers.ModelSerializer):
    """A change to a published claim proposed by an editor, for a reviewer to decide on.
    Editors only."""

    api_url = api_url_field("claim-revision")
    claim = RevisionClaimSerializer(read_only=True)
    changes = serializers.JSONField(
        read_only=True,
        help_text="The proposed values by field; related objects (claimant, quote, rating, "
        "topics, a citation's source) by id, `citations` as the whole new list.",
    )
    before = serializers.JSONField(
        read_only=True,
        help_text="The claim's values of those fields when proposed: the revision is "
        "accepted only while the claim still has them.",
    )
    proposed_by = serializers.SlugRelatedField(slug_field="username", read_only=True)
    decided_by = serializers.SlugRelatedField(
        slug_field="username", read_only=True, allow_null=True
    )

    class Meta:
        model = ClaimRevision
        fields = [
            "id",
            "api_url",
            "claim",
            "status",
            "changes",
            "before",
            "correction_note",
            "proposed_by",
            "decided_by",
            "decided_at",
            "decision_note",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields
