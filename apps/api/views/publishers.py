from apps.api.filters import PublisherFilterSet
from apps.api.serializers.publishers import PublisherSerializer, PublisherWriteSerializer
from apps.api.views.base import ResourceViewSet, resource_schema
from apps.sources import services
from apps.sources.models import Publisher


@resource_schema(
    singular="publisher",
    plural="publishers",
    editor=PublisherSerializer,
    write=PublisherWriteSerializer,
    delete_refusal="A publisher that sources name is not deleted: 409.",
)
class PublisherViewSet(ResourceViewSet):
    """Who published the sources. Publishers are always public."""

    model = Publisher
    serializer_class = PublisherSerializer
    editor_serializer_class = PublisherSerializer
    write_serializer_class = PublisherWriteSerializer
    filterset_class = PublisherFilterSet
    ordering_fields = ("name", "updated_at", "id")
    ordering = "name"

    def visible_queryset(self, *, editor):
        return Publisher.objects.all()

    def create_object(self, data, *, actor):
        return services.publisher_create(actor=actor, **data)

    def update_object(self, instance, data, *, actor, expected_version):
        return services.publisher_update(
            publisher=instance, actor=actor, expected_version=expected_version, **data
        )

    def delete_object(self, instance, *, actor, expected_version):
        services.publisher_delete(
            publisher=instance, actor=actor, expected_version=expected_version
        )
