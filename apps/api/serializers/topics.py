from rest_framework import serializers

from apps.api.serializers.fields import ListUrlField, PageUrlField, api_url_field
from apps.api.serializers.strict import StrictCharField, StrictSlugField, WriteSerializer
from apps.topics.models import Topic


class TopicSerializer(serializers.ModelSerializer):
    """A subject that claims and quotes are filed under (topics are always public)."""

    api_url = api_url_field("topic")
    page_url = PageUrlField()
    claims_url = ListUrlField("claim", "topic", help_text="Claims on this topic.")
    quotes_url = ListUrlField("quote", "topic", help_text="Quotes on this topic.")

    class Meta:
        model = Topic
        fields = [
            "id",
            "api_url",
            "page_url",
            "name",
            "slug",
            "description",
            "claims_url",
            "quotes_url",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields
        ref_name = "Topic"


class TopicWriteSerializer(WriteSerializer):
    name = StrictCharField(max_length=120)
    slug = StrictSlugField(
        max_length=140, required=False, help_text="Made from the name when left out."
    )

    class Meta:
        model = Topic
        fields = ["name", "slug", "description"]
