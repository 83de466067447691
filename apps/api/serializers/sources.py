from rest_framework import serializers

from apps.api.serializers.fields import ListUrlField, PageUrlField, absolute_url, api_url_field
from apps.api.serializers.links import PublisherLinkSerializer
from apps.api.serializers.strict import (
    BlankOrURLReadField,
    StrictCharField,
    StrictSlugField,
    StrictURLField,
    WriteSerializer,
    optional_by_slug,
)
from apps.sources.models import Publisher, Source, SourceVersion


class SourceSerializer(serializers.ModelSerializer):
    """A source as anyone may read it, with its archived text and that text's SHA-256."""

    api_url = api_url_field("source")
    page_url = PageUrlField()
    publisher = PublisherLinkSerializer(read_only=True, allow_null=True)
    text_sha256 = serializers.CharField(read_only=True, help_text="SHA-256 of `text`, in hex.")
    url = BlankOrURLReadField(help_text="Where the document was published; empty if not online.")
    archive_url = BlankOrURLReadField(help_text="A copy in a web archive; empty if none.")
    text_version = serializers.IntegerField(
        read_only=True,
        help_text="The text's version: 1, then one more each time the text of the published "
        "source was replaced (the earlier texts are at `versions_url`).",
    )
    text_updated_at = serializers.DateTimeField(
        source="text_set_at", read_only=True, allow_null=True, help_text="When the text was set."
    )
    versions_url = serializers.SerializerMethodField(
        help_text="The earlier versions of the text, each with its SHA-256."
    )
    quotes_url = ListUrlField("quote", "source", help_text="Quotes this source carries.")
    claims_url = ListUrlField("claim", "source", help_text="Claims that cite this source.")

    class Meta:
        model = Source
        fields = [
            "id",
            "api_url",
            "page_url",
            "title",
            "slug",
            "url",
            "publisher",
            "authors",
            "published_on",
            "retrieved_at",
            "language",
            "kind",
            "text",
            "text_sha256",
            "text_version",
            "text_updated_at",
            "versions_url",
            "archive_url",
            "quotes_url",
            "claims_url",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields
        ref_name = "SourcePublic"

    def get_versions_url(self, source) -> str:
        return absolute_url(self.context["request"], "api:source-versions", "pk", source.pk)


class SourceVersionSerializer(serializers.ModelSerializer):
    """An earlier text of a published source, kept when the text was replaced."""

    text_sha256 = serializers.CharField(read_only=True, help_text="SHA-256 of `text`, in hex.")
    page_url = PageUrlField()

    class Meta:
        model = SourceVersion
        fields = [
            "number",
            "page_url",
            "text",
            "text_sha256",
            "set_at",
            "replaced_at",
            "change_note",
            "moved_passages",
        ]
        read_only_fields = fields


class SourceEditorSerializer(SourceSerializer):
    """A source as editors read it. Fields marked *editors only* are present only for them."""

    status = serializers.ChoiceField(
        choices=Source.Status.choices, read_only=True, help_text="Editors only."
    )

    class Meta(SourceSerializer.Meta):
        fields = [*SourceSerializer.Meta.fields, "status"]
        read_only_fields = fields
        ref_name = "Source"
        editors_only = ("status",)


class SourceWriteSerializer(WriteSerializer):
    """What an editor sends. Changing `text` re-anchors every passage in the source; the
    text of a published source is archived as an earlier version first."""

    text_change_note = StrictCharField(
        required=False,
        allow_blank=True,
        write_only=True,
        help_text="Why the text is replaced: readers see it beside the earlier version.",
    )

    slug = StrictSlugField(
        max_length=220, required=False, help_text="Made from the title when left out."
    )
    url = StrictURLField(
        max_length=2000,
        required=False,
        allow_blank=True,
        help_text="Where the document was published, if online; unique.",
    )
    publisher = optional_by_slug(Publisher, help_text="Slug of the publisher.")

    class Meta:
        model = Source
        fields = [
            "title",
            "slug",
            "url",
            "publisher",
            "authors",
            "published_on",
            "retrieved_at",
            "language",
            "kind",
            "text",
            "archive_url",
            "status",
            "text_change_note",
        ]
