from apps.api.backends import nullable_date_key
from apps.api.filters import SourceFilterSet
from apps.api.serializers.sources import (
    SourceEditorSerializer,
    SourceSerializer,
    SourceWriteSerializer,
)
from apps.api.views.base import ResourceViewSet, resource_schema
from apps.api.visibility import visible
from apps.sources import services
from apps.sources.models import Source


@resource_schema(
    singular="source",
    plural="sources",
    editor=SourceEditorSerializer,
    write=SourceWriteSerializer,
    delete_refusal="A source that appearances or citations are anchored in is not deleted: 409.",
)
class SourceViewSet(ResourceViewSet):
    """Documents with their archived text. Changing a source's text re-anchors every
    passage in it."""

    model = Source
    serializer_class = SourceSerializer
    editor_serializer_class = SourceEditorSerializer
    write_serializer_class = SourceWriteSerializer
    filterset_class = SourceFilterSet
    ordering_fields = ("published_on", "title", "updated_at", "id")
    ordering = "-published_on"
    ordering_keys = {"published_on": nullable_date_key("published_on")}

    def visible_queryset(self, *, editor):
        return visible(Source.objects, editor=editor).select_related("publisher")

    def create_object(self, data, *, actor):
        return services.source_create(actor=actor, **data)

    def update_object(self, instance, data, *, actor):
        return services.source_update(source=instance, actor=actor, **data)

    def delete_object(self, instance):
        services.source_delete(source=instance)
