from django.core.validators import RegexValidator
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from apps.api.serializers.fields import ListUrlField, PageUrlField, api_url_field
from apps.api.serializers.strict import StrictCharField, StrictSlugField, WriteSerializer
from apps.speakers.models import Speaker, SpeakerRole, wikidata_id_validator


class SpeakerRoleSerializer(serializers.ModelSerializer):
    class Meta:
        model = SpeakerRole
        fields = ["title", "organisation", "start", "end"]
        read_only_fields = fields


@extend_schema_field({"type": "array", "items": {"type": "string"}})
class AliasNamesField(serializers.Field):
    """A speaker's aliases as a list of names (prefetched)."""

    def __init__(self, **kwargs):
        super().__init__(read_only=True, **kwargs)

    def to_representation(self, value):
        return [alias.name for alias in value.all()]


class SpeakerSerializer(serializers.ModelSerializer):
    """A speaker as anyone may read it."""

    api_url = api_url_field("speaker")
    page_url = PageUrlField()
    aliases = AliasNamesField(help_text="Other names the speaker is attributed by.")
    roles = SpeakerRoleSerializer(many=True, read_only=True)
    wikidata_url = serializers.CharField(read_only=True)
    quotes_url = ListUrlField("quote", "speaker", help_text="The speaker's quotes.")
    claims_url = ListUrlField("claim", "speaker", help_text="Claims by or about the speaker.")

    class Meta:
        model = Speaker
        fields = [
            "id",
            "api_url",
            "page_url",
            "name",
            "slug",
            "kind",
            "description",
            "wikidata_id",
            "wikidata_url",
            "aliases",
            "roles",
            "quotes_url",
            "claims_url",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields
        ref_name = "SpeakerPublic"


class SpeakerEditorSerializer(SpeakerSerializer):
    """A speaker as editors read it: with its status. Fields marked *editors only* are
    present only for them."""

    status = serializers.ChoiceField(
        choices=Speaker.Status.choices, read_only=True, help_text="Editors only."
    )

    class Meta(SpeakerSerializer.Meta):
        fields = [*SpeakerSerializer.Meta.fields, "status"]
        read_only_fields = fields
        ref_name = "Speaker"
        editors_only = ("status",)


class SpeakerWriteSerializer(WriteSerializer):
    """What an editor sends to create or change a speaker."""

    slug = StrictSlugField(
        max_length=220, required=False, help_text="Made from the name when left out."
    )
    # The model's pattern ends in `$`, which Python lets match before a final newline.
    wikidata_id = StrictCharField(
        max_length=20,
        required=False,
        allow_blank=True,
        validators=[RegexValidator(r"^Q[1-9][0-9]*\Z", wikidata_id_validator.message)],
        help_text="The speaker's Wikidata item, such as Q7747; empty if none.",
    )
    aliases = serializers.ListField(
        child=StrictCharField(max_length=200),
        required=False,
        help_text="Every other name the speaker is attributed by; replaces the list.",
    )

    class Meta:
        model = Speaker
        fields = ["name", "slug", "kind", "description", "wikidata_id", "status", "aliases"]


def public_speaker(request, pk: int):
    """`(representation, updated_at)` of the public speaker `pk` as `SpeakerSerializer`
    gives it, or None: the same three statements, compiled once per process, in one round
    trip on PostgreSQL, read as rows (apps/api/serializers/rows.py)."""
    from apps.api.serializers.rows import prepared_values_together, represent_row, row_plan
    from apps.speakers.models import SpeakerAlias

    rows, aliases, roles = prepared_values_together(
        (
            "speaker",
            lambda pk: Speaker.objects.public()
            .filter(pk=pk)
            .values(
                "id", "name", "slug", "kind", "description", "wikidata_id", "created_at",
                "updated_at",
            ),
            pk,
        ),
        (
            "speaker:aliases",
            lambda ids: SpeakerAlias.objects.filter(speaker_id__in=ids).values("id", "name"),
            [pk],
        ),
        (
            "speaker:roles",
            lambda ids: SpeakerRole.objects.filter(speaker_id__in=ids).values(
                "id", "title", "organisation", "start", "end"
            ),
            [pk],
        ),
    )  # fmt: skip
    if not rows:
        return None
    speaker = rows[0]
    speaker["wikidata_url"] = Speaker(wikidata_id=speaker["wikidata_id"]).wikidata_url
    role_plan = row_plan(SpeakerRoleSerializer)
    nested = {
        "aliases": [alias["name"] for alias in aliases],
        "roles": [represent_row(role_plan, role, request) for role in roles],
    }
    plan = row_plan(SpeakerSerializer, nested=("aliases",))
    return represent_row(plan, speaker, request, nested), speaker["updated_at"]
