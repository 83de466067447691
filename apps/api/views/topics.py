from apps.api.filters import TopicFilterSet
from apps.api.serializers.topics import TopicSerializer, TopicWriteSerializer
from apps.api.views.base import ResourceViewSet, resource_schema
from apps.topics import services
from apps.topics.models import Topic


@resource_schema(
    singular="topic", plural="topics", editor=TopicSerializer, write=TopicWriteSerializer
)
class TopicViewSet(ResourceViewSet):
    """Subjects that claims and quotes are filed under. Topics are always public."""

    model = Topic
    serializer_class = TopicSerializer
    editor_serializer_class = TopicSerializer
    write_serializer_class = TopicWriteSerializer
    filterset_class = TopicFilterSet
    ordering_fields = ("name", "updated_at", "id")
    ordering = "name"
    delete_can_conflict = False

    def visible_queryset(self, *, editor):
        return Topic.objects.all()

    def create_object(self, data, *, actor):
        return services.topic_create(actor=actor, **data)

    def update_object(self, instance, data, *, actor, expected_version):
        return services.topic_update(
            topic=instance, actor=actor, expected_version=expected_version, **data
        )

    def delete_object(self, instance, *, actor, expected_version):
        services.topic_delete(topic=instance, actor=actor, expected_version=expected_version)
