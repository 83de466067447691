from apps.api.backends import nullable_score_key
from apps.api.filters import RatingFilterSet
from apps.api.serializers.ratings import RatingSerializer, RatingWriteSerializer
from apps.api.views.base import ResourceViewSet, resource_schema
from apps.claims import services
from apps.claims.models import Rating


@resource_schema(
    singular="rating",
    plural="ratings",
    editor=RatingSerializer,
    write=RatingWriteSerializer,
    delete_refusal="A rating that claims or corrections use is not deleted: 409.",
)
class RatingViewSet(ResourceViewSet):
    """The verdict scale, with each verdict's ClaimReview and ClaimsKG mappings."""

    model = Rating
    serializer_class = RatingSerializer
    editor_serializer_class = RatingSerializer
    write_serializer_class = RatingWriteSerializer
    filterset_class = RatingFilterSet
    ordering_fields = ("score", "label", "updated_at", "id")
    ordering = "-score"
    ordering_keys = {"score": nullable_score_key()}

    def visible_queryset(self, *, editor):
        return Rating.objects.all()

    def create_object(self, data, *, actor):
        return services.rating_create(actor=actor, **data)

    def update_object(self, instance, data, *, actor, expected_version):
        return services.rating_update(
            rating=instance, actor=actor, expected_version=expected_version, **data
        )

    def delete_object(self, instance, *, actor, expected_version):
        services.rating_delete(rating=instance, actor=actor, expected_version=expected_version)
