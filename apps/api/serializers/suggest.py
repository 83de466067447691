"""Suggestions as a reader types (apps/search/suggest.py): the parameters and the answer."""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from apps.api.serializers.fields import page_url
from apps.api.serializers.search import QueryParametersSerializer
from apps.api.serializers.strict import StrictCharField
from apps.search.suggest import DEFAULT_LIMIT, KIND_ORDER, MAX_LENGTH, MAX_LIMIT


class SuggestParametersSerializer(QueryParametersSerializer):
    q = StrictCharField(
        max_length=MAX_LENGTH,
        help_text="What the reader has typed so far: the last word may be the first letters "
        "of one (at least 2), the words before it whole words.",
    )
    limit = serializers.IntegerField(
        required=False,
        default=DEFAULT_LIMIT,
        min_value=1,
        max_value=MAX_LIMIT,
        help_text=f"Suggestions to answer, from 1 to {MAX_LIMIT} (default {DEFAULT_LIMIT}).",
    )


class SuggestionSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=KIND_ORDER)
    id = serializers.IntegerField(source="object.pk")
    label = serializers.CharField(
        help_text="A speaker's name, a topic's name or a claim's statement."
    )
    url = serializers.SerializerMethodField(help_text="The object's public page.")

    @extend_schema_field(OpenApiTypes.URI)
    def get_url(self, suggestion) -> str:
        return page_url(self.context["request"], suggestion.object)


class SuggestionsSerializer(serializers.Serializer):
    query = serializers.CharField(help_text="`q` as sent.")
    corrected = serializers.CharField(
        allow_null=True,
        help_text="When the word being typed begins no word of the published record, the "
        "beginning within one typo that was used instead (`putn` → `puti`); null otherwise.",
    )
    suggestions = SuggestionSerializer(
        source="items",
        many=True,
        help_text="Speakers first, then topics, then claims.",
    )
