from django.core.validators import RegexValidator
from rest_framework import serializers

from apps.api.serializers.fields import ListUrlField, api_url_field
from apps.api.serializers.strict import (
    StrictCharField,
    StrictIntegerField,
    StrictSlugField,
    WriteSerializer,
)
from apps.claims.models import Rating


class ClaimReviewRatingSerializer(serializers.Serializer):
    """How the rating is published in ClaimReview (schema.org `Rating`)."""

    rating_value = serializers.IntegerField(allow_null=True, source="score")
    best_rating = serializers.SerializerMethodField()
    worst_rating = serializers.SerializerMethodField()
    alternate_name = serializers.CharField(source="label")

    def get_best_rating(self, rating) -> int:
        return Rating.BEST_SCORE

    def get_worst_rating(self, rating) -> int:
        return Rating.WORST_SCORE


class RatingSerializer(serializers.ModelSerializer):
    """One step of the verdict scale, with its published mappings (ratings are public)."""

    api_url = api_url_field("rating")
    claim_review = ClaimReviewRatingSerializer(source="*", read_only=True)
    claims_url = ListUrlField("claim", "rating", help_text="Claims with this verdict.")

    class Meta:
        model = Rating
        fields = [
            "id",
            "api_url",
            "label",
            "slug",
            "score",
            "description",
            "colour",
            "normalised_class",
            "claim_review",
            "claims_url",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields
        ref_name = "Rating"


class RatingWriteSerializer(WriteSerializer):
    label = StrictCharField(max_length=60)
    slug = StrictSlugField(
        max_length=60, required=False, help_text="Made from the label when left out."
    )
    score = StrictIntegerField(
        min_value=1,
        max_value=5,
        allow_null=True,
        required=False,
        help_text="1 (worst) to 5 (best); null for verdicts off the scale, such as Unproven.",
    )

    # The model's constraint (rating_colour_hex), checked here so that the document says it.
    colour = StrictCharField(
        max_length=7,
        validators=[RegexValidator(r"^#[0-9a-fA-F]{6}\Z", "Give the colour as #rrggbb.")],
        help_text="Badge colour as #rrggbb. The badge always shows the label too.",
    )

    class Meta:
        model = Rating
        fields = ["label", "slug", "score", "description", "colour", "normalised_class"]
