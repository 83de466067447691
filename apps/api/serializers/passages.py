"""Anchored passages (appearances, citations) as the API shows and accepts them."""

from rest_framework import serializers
from rest_framework.exceptions import ErrorDetail, ValidationError

from apps.api.serializers.fields import CachedFieldsMixin, PageUrlField
from apps.api.serializers.links import SourceLinkSerializer
from apps.api.serializers.strict import (
    StrictCharField,
    StrictIntegerField,
    StrictSerializer,
    StrictSlugRelatedField,
)
from apps.sources.models import Source

# Read with the passage's anchor, as located by apps/sources/anchoring.py on every save.
ANCHOR_FIELDS = ["exact", "prefix", "suffix", "start", "end", "match", "similarity"]


class AnchoredPassageSerializer(CachedFieldsMixin, serializers.ModelSerializer):
    page_url = PageUrlField(help_text="The passage, highlighted on the source's page.")
    source = SourceLinkSerializer(read_only=True)
    found_passage = serializers.CharField(
        read_only=True,
        help_text="The source's own words at the anchor (they differ from `exact` when the "
        "match is approximate; empty when not found).",
    )


class PassageWriteSerializer(StrictSerializer):
    """A passage to anchor. Items with an `id` change that passage; items without one are
    added; passages left out of the list are removed."""

    noun = "a passage"

    def to_internal_value(self, data):
        """An item of a list sent whole: its required fields are required in a PATCH too
        (DRF lets a partial change leave out the required fields of nested items)."""
        if isinstance(data, dict):
            missing = [
                name
                for name, field in self.fields.items()
                if field.required and not field.read_only and name not in data
            ]
            if missing:
                raise ValidationError(
                    {
                        name: [ErrorDetail("This field is required.", code="required")]
                        for name in missing
                    }
                )
        return super().to_internal_value(data)

    read_only_reasons = dict.fromkeys(
        ["prefix", "suffix", "start", "end", "match", "similarity", "found_passage"],
        "the anchor is located in the source's text as the passage is saved",
    )

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
