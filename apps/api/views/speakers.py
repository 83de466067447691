from apps.api.filters import SpeakerFilterSet
from apps.api.serializers.speakers import (
    SpeakerEditorSerializer,
    SpeakerSerializer,
    SpeakerWriteSerializer,
    public_speaker,
)
from apps.api.views.base import ResourceViewSet, resource_schema
from apps.api.visibility import visible
from apps.speakers import services
from apps.speakers.models import Speaker


@resource_schema(
    singular="speaker",
    plural="speakers",
    editor=SpeakerEditorSerializer,
    write=SpeakerWriteSerializer,
    delete_refusal="A speaker that quotes or claims point to is not deleted: 409.",
)
class SpeakerViewSet(ResourceViewSet):
    """People and organisations whose words are recorded."""

    model = Speaker
    serializer_class = SpeakerSerializer
    editor_serializer_class = SpeakerEditorSerializer
    write_serializer_class = SpeakerWriteSerializer
    filterset_class = SpeakerFilterSet
    ordering_fields = ("name", "updated_at", "id")
    ordering = "name"

    def visible_queryset(self, *, editor):
        """2 queries besides the speakers: aliases, roles."""
        return visible(Speaker.objects, editor=editor).prefetch_related("aliases", "roles")

    def public_representation(self, pk):
        return public_speaker(self.request, pk)

    def create_object(self, data, *, actor):
        return services.speaker_create(actor=actor, **data)

    def update_object(self, instance, data, *, actor, expected_version):
        return services.speaker_update(
            speaker=instance, actor=actor, expected_version=expected_version, **data
        )

    def delete_object(self, instance, *, actor, expected_version):
        services.speaker_delete(speaker=instance, actor=actor, expected_version=expected_version)
