"""Compact, read-only representations of related objects: enough to show and to follow."""

from rest_framework import serializers

from apps.api.serializers.fields import CachedFieldsMixin, PageUrlField, api_url_field
from apps.claims.models import Rating
from apps.quotes.models import Quote
from apps.sources.models import Publisher, Source
from apps.speakers.models import Speaker
from apps.topics.models import Topic


class SpeakerLinkSerializer(CachedFieldsMixin, serializers.ModelSerializer):
    api_url = api_url_field("speaker")
    page_url = PageUrlField()

    class Meta:
        model = Speaker
        fields = ["id", "api_url", "page_url", "name", "slug"]
        read_only_fields = fields


class PublisherLinkSerializer(CachedFieldsMixin, serializers.ModelSerializer):
    api_url = api_url_field("publisher")

    class Meta:
        model = Publisher
        fields = ["id", "api_url", "name", "slug"]
        read_only_fields = fields


class SourceLinkSerializer(CachedFieldsMixin, serializers.ModelSerializer):
    api_url = api_url_field("source")
    page_url = PageUrlField()

    class Meta:
        model = Source
        fields = ["id", "api_url", "page_url", "title", "slug"]
        read_only_fields = fields


class QuoteLinkSerializer(CachedFieldsMixin, serializers.ModelSerializer):
    api_url = api_url_field("quote")
    page_url = PageUrlField()

    class Meta:
        model = Quote
        fields = ["id", "api_url", "page_url", "text"]
        read_only_fields = fields


class TopicLinkSerializer(CachedFieldsMixin, serializers.ModelSerializer):
    api_url = api_url_field("topic")
    page_url = PageUrlField()

    class Meta:
        model = Topic
        fields = ["id", "api_url", "page_url", "name", "slug"]
        read_only_fields = fields


class RatingLinkSerializer(CachedFieldsMixin, serializers.ModelSerializer):
    api_url = api_url_field("rating")

    class Meta:
        model = Rating
        fields = ["id", "api_url", "label", "slug", "score", "normalised_class"]
        read_only_fields = fields
