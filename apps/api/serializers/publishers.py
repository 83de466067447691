from rest_framework import serializers

from apps.api.serializers.fields import ListUrlField, api_url_field
from apps.api.serializers.strict import (
    BlankOrURLReadField,
    StrictCharField,
    StrictSlugField,
    WriteSerializer,
)
from apps.sources.models import Publisher


class PublisherSerializer(serializers.ModelSerializer):
    """A publisher of sources (publishers are always public; they have no page)."""

    api_url = api_url_field("publisher")
    home_page = BlankOrURLReadField(help_text="The publisher's home page; empty if unknown.")
    sources_url = ListUrlField("source", "publisher", help_text="The publisher's sources.")

    class Meta:
        model = Publisher
        fields = [
            "id",
            "api_url",
            "name",
            "slug",
            "home_page",
            "sources_url",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields
        ref_name = "Publisher"


class PublisherWriteSerializer(WriteSerializer):
    name = StrictCharField(max_length=200)
    slug = StrictSlugField(
        max_length=220, required=False, help_text="Made from the name when left out."
    )

    class Meta:
        model = Publisher
        fields = ["name", "slug", "home_page"]
