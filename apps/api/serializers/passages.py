"""Anchored passages (appearances, citations) as the API shows and accepts them."""

from rest_framework import serializers

from apps.api.serializers.fields import CachedFieldsMixin, PageUrlField
from apps.api.serializers.links import SourceLinkSerializer
from apps.api.serializers.strict import StrictCharField, StrictIntegerField, StrictSlugRelatedField
from apps.sources.models import Source

# Read with the passage's anchor, as located by apps/sources/anchoring.py on every save.
ANCHOR_FIELDS = ["exact", "prefix", "suffix", "start", "end", "match", "similarity"]


class AnchoredPassageSerializer(CachedFieldsMixin, serializers.ModelSerializer):
    page_url = PageUrlField(help_text="The passage, highlighted on the source's page.")
    source = SourceLinkSerializer(read_only=True)
    found_passage = serializers.CharField(
        read_only=True,
        source="found_text",
        help_text="The source's own words at the anchor (they differ from `exact` when the "
        "match is approximate; empty when not found).",
    )


class PassageWriteSerializer(serializers.Serializer):
    """A passage to anchor. Items with an `id` change that passage; items without one are
    added; passages left out of the list are removed."""

    id = StrictIntegerField(
        required=False, help_text="The passage to keep or change; leave out to add one."
    )
    source = StrictSlugRelatedField(
        slug_field="slug", queryset=Source.objects.all(), help_text="Slug of the source."
    )
    exact = StrictCharField(
        required=False,
        allow_blank=True,
        help_text="The words as the source has them; they are located in its text.",
    )
