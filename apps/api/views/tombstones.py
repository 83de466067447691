"""Tombstones: objects clients keeping a copy must drop (retracted, unpublished, hidden,
rejected or deleted). See docs/api-sync.md for the recipe that uses them."""

from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, serializers, viewsets
from rest_framework.permissions import AllowAny

from apps.api.filters import TombstoneFilterSet
from apps.core.models import Tombstone


class TombstoneSerializer(serializers.ModelSerializer):
    kind = serializers.CharField(
        read_only=True, help_text="The list it was in: claim, quote, source, speaker, …"
    )
    id = serializers.IntegerField(source="object_id", read_only=True, help_text="Its id.")
    removed_at = serializers.DateTimeField(read_only=True)
    reason = serializers.CharField(
        read_only=True, help_text="retracted, unpublished, hidden, rejected or deleted."
    )

    class Meta:
        model = Tombstone
        fields = ["kind", "id", "removed_at", "reason"]
        read_only_fields = fields


@extend_schema_view(
    list=extend_schema(
        summary="List objects clients must drop",
        description="Every object that was public and is no longer (a retracted claim, an "
        "unpublished source, a rejected quote, a deleted topic …), oldest first. A tombstone "
        "lasts only while its object is not public: one that is published again loses its "
        "tombstone and reappears in its list with a new `updated_at`. Pass `since` (the "
        "`removed_at` you last saw) to read only new ones.",
    )
)
class TombstoneViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    serializer_class = TombstoneSerializer
    filterset_class = TombstoneFilterSet
    permission_classes = [AllowAny]
    queryset = Tombstone.objects.all()
    ordering_fields = ("removed_at",)
    ordering = "removed_at"
    ordering_keys: dict = {}
