from drf_spectacular.utils import extend_schema
from rest_framework.decorators import action
from rest_framework.response import Response

from apps.api.backends import nullable_date_key
from apps.api.filters import SourceFilterSet
from apps.api.serializers.sources import (
    SourceEditorSerializer,
    SourceSerializer,
    SourceVersionSerializer,
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

    @extend_schema(
        summary="List the earlier texts of a source",
        description="Each text the source had before it was replaced, newest first, with its "
        "SHA-256 and why it was replaced. Not paginated: a source has few.",
        responses=SourceVersionSerializer(many=True),
    )
    @action(
        detail=True, methods=["get"], url_path="versions", pagination_class=None, filter_backends=[]
    )
    def versions(self, request, pk=None):
        source = self.get_object()
        versions = source.versions.select_related("source")
        return Response(
            SourceVersionSerializer(versions, many=True, context=self.get_serializer_context()).data
        )

    def visible_queryset(self, *, editor):
        return visible(Source.objects, editor=editor).select_related("publisher")

    def create_object(self, data, *, actor):
        data.pop("text_change_note", None)  # a new source has no earlier text to replace
        return services.source_create(actor=actor, **data)

    def update_object(self, instance, data, *, actor, expected_version):
        return services.source_update(
            source=instance, actor=actor, expected_version=expected_version, **data
        )

    def delete_object(self, instance, *, actor, expected_version):
        services.source_delete(source=instance, actor=actor, expected_version=expected_version)
