from rest_framework import serializers

from apps.api.serializers.fields import CachedFieldsMixin, ListUrlField, PageUrlField, api_url_field
from apps.api.serializers.links import (
    QuoteLinkSerializer,
    SpeakerLinkSerializer,
    TopicLinkSerializer,
)
from apps.api.serializers.passages import (
    ANCHOR_FIELDS,
    AnchoredPassageSerializer,
    PassageWriteSerializer,
)
from apps.api.serializers.strict import WriteSerializer, optional_by_slug
from apps.quotes.models import Appearance, Quote
from apps.speakers.models import Speaker
from apps.topics.models import Topic


class AppearanceSerializer(AnchoredPassageSerializer):
    """Where the quote appears in a source, anchored in the source's text."""

    class Meta:
        model = Appearance
        fields = ["id", "page_url", "source", *ANCHOR_FIELDS, "found_passage"]
        read_only_fields = fields


class QuoteTranslationSerializer(QuoteLinkSerializer):
    """A translation of the quote: its link, and the language of its words."""

    class Meta(QuoteLinkSerializer.Meta):
        fields = [*QuoteLinkSerializer.Meta.fields, "language"]
        read_only_fields = fields


class QuoteSerializer(CachedFieldsMixin, serializers.ModelSerializer):
    """A quote as anyone may read it, with every source that carries it."""

    api_url = api_url_field("quote")
    page_url = PageUrlField()
    speaker = SpeakerLinkSerializer(read_only=True, allow_null=True)
    translation_of = QuoteLinkSerializer(
        read_only=True,
        allow_null=True,
        help_text="The published quote in the original language that this one translates.",
    )
    translations = QuoteTranslationSerializer(
        many=True,
        read_only=True,
        help_text="The quotes that translate this one (for readers, the published ones), "
        "by language (BCP 47) then id; each names this quote as its `translation_of`.",
    )
    misattributed_to = SpeakerLinkSerializer(read_only=True, allow_null=True)
    topics = TopicLinkSerializer(many=True, read_only=True)
    appearances = AppearanceSerializer(many=True, read_only=True)
    verdict = serializers.ChoiceField(
        choices=Quote.Verdict.choices,
        allow_blank=True,
        read_only=True,
        help_text="How faithfully the words are attributed; empty until checked.",
    )
    claims_url = ListUrlField(
        "claim", "quote", attribute="pk", help_text="Claims drawn from this quote."
    )

    class Meta:
        model = Quote
        fields = [
            "id",
            "api_url",
            "page_url",
            "text",
            "speaker",
            "speaker_name",
            "said_on",
            "occasion",
            "language",
            "original_text",
            "original_language",
            "translation_of",
            "translations",
            "verdict",
            "misattributed_to",
            "topics",
            "appearances",
            "claims_url",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields
        ref_name = "QuotePublic"


class QuoteEditorSerializer(QuoteSerializer):
    """A quote as editors read it. Fields marked *editors only* are present only for them."""

    status = serializers.ChoiceField(
        choices=Quote.Status.choices, read_only=True, help_text="Editors only."
    )

    class Meta(QuoteSerializer.Meta):
        fields = [*QuoteSerializer.Meta.fields, "status"]
        read_only_fields = fields
        ref_name = "Quote"
        editors_only = ("status",)


class DraftOnlyField(serializers.ChoiceField):
    """A quote's status as written: `draft` only. Another status answers 400 `workflow`, as
    the service refuses it (apps/quotes/services.py)."""

    def __init__(self, **kwargs):
        super().__init__(choices=[Quote.Status.DRAFT.value], **kwargs)

    def to_internal_value(self, data):
        if data in Quote.Status.values and data != Quote.Status.DRAFT:
            raise serializers.ValidationError(
                "A quote is confirmed or rejected with Confirm or Reject, not by setting its "
                "status: confirming checks that a public source carries its words.",
                code="workflow",
            )
        return super().to_internal_value(data)


class QuoteWriteSerializer(WriteSerializer):
    """What an editor sends. Each appearance is anchored in its source as it is saved."""

    speaker = optional_by_slug(Speaker, help_text="Slug of the speaker.")
    misattributed_to = optional_by_slug(
        Speaker, help_text="For misattributed quotes: slug of who really said it."
    )
    topics = optional_by_slug(Topic, many=True, help_text="Slugs of topics; replaces the list.")
    appearances = PassageWriteSerializer(
        many=True,
        required=False,
        help_text="The sources that carry the quote; replaces the list (see each item).",
    )
    status = DraftOnlyField(
        required=False,
        help_text="Only `draft`, and only for a quote that is one: a quote is confirmed or "
        "rejected with the confirm and reject actions (400 otherwise).",
    )

    class Meta:
        model = Quote
        fields = [
            "text",
            "speaker",
            "speaker_name",
            "said_on",
            "occasion",
            "language",
            "original_text",
            "original_language",
            "translation_of",
            "status",
            "verdict",
            "misattributed_to",
            "topics",
            "appearances",
        ]


# A speaker's columns that its link shows (`SpeakerLinkSerializer`), as rows read them.
SPEAKER_LINK_VALUES = ("id", "name", "slug")

# How a quote's translations are listed (its page, apps/web/selectors/quotes.py, too).
TRANSLATION_ORDER = ("language", "id")


# --- the values-based read path (rows.py) -----------------------------------------------------


def public_quotes(request, quotes: list, *, known_speakers: tuple = ()) -> list[dict]:
    """What `QuoteSerializer(many=True)` gives for `quotes` (public quotes, loaded without
    prefetching, or their rows: columns by attribute name) with
    `QuoteViewSet.visible_queryset(editor=False)`'s relations: read as rows, in statements
    compiled once per process and number of ids, and one statement for the speakers and
    the misattributions (two as prefetched): 5 statements a page, whatever its size, sent
    in one round trip on PostgreSQL (`prepared_values_together`). `known_speakers`: public
    speakers' rows (id, name, slug) the caller has read already, not read again (a
    speaker's page of quotes: 4 statements)."""
    from apps.api.serializers.links import SourceLinkSerializer
    from apps.api.serializers.rows import (
        link,
        prepared_values_together,
        represent_row,
        row_plan,
    )

    if not quotes:
        return []
    quotes = [quote if type(quote) is dict else quote.__dict__ for quote in quotes]
    ids = [quote["id"] for quote in quotes]
    known = {row["id"]: row for row in known_speakers}
    speaker_ids = sorted(
        {q["speaker_id"] for q in quotes if q["speaker_id"] is not None}
        | {q["misattributed_to_id"] for q in quotes if q["misattributed_to_id"] is not None}
    )
    unknown_ids = [pk for pk in speaker_ids if pk not in known]
    original_ids = sorted(
        {q["translation_of_id"] for q in quotes if q["translation_of_id"] is not None}
    )
    # The related rows' statements, independent of each other: one round trip.
    asks = [
        (
            "quotes:translations",
            lambda ids: (
                Quote.objects.public()
                .filter(translation_of_id__in=ids)
                .order_by("translation_of_id", *TRANSLATION_ORDER)
                .values("id", "translation_of_id", "text", "language")
            ),
            ids,
        ),
        (
            "quotes:topics",
            lambda ids: (
                Quote.topics.through.objects.filter(quote_id__in=ids)
                .order_by("topic__name")
                .values("quote_id", "topic__id", "topic__name", "topic__slug")
            ),
            ids,
        ),
        (
            "quotes:appearances",
            lambda ids: Appearance.objects.in_public_sources()
            .filter(quote_id__in=ids)
            .values(
                "id", "quote_id", *ANCHOR_FIELDS, "found_passage",
                "source__id", "source__title", "source__slug",
            ),
            ids,
        ),
    ]  # fmt: skip
    if unknown_ids:
        asks.append(
            (
                "quotes:speakers",
                lambda ids: (
                    Speaker.objects.public().filter(pk__in=ids).values(*SPEAKER_LINK_VALUES)
                ),
                unknown_ids,
            )
        )
    if original_ids:
        asks.append(
            (
                "quotes:originals",
                lambda ids: Quote.objects.public().filter(pk__in=ids).values("id", "text"),
                original_ids,
            )
        )
    translation_rows, topic_rows, appearance_rows, *more = prepared_values_together(*asks)
    speaker_rows = more.pop(0) if unknown_ids else []
    speaker_rows += [known[pk] for pk in speaker_ids if pk in known]
    original_rows = more.pop(0) if original_ids else []

    plan = row_plan(SpeakerLinkSerializer)
    speakers = {row["id"]: represent_row(plan, row, request) for row in speaker_rows}
    plan = row_plan(QuoteLinkSerializer)
    originals = {row["id"]: represent_row(plan, row, request) for row in original_rows}
    translations = {pk: [] for pk in ids}
    plan = row_plan(QuoteTranslationSerializer)
    for row in translation_rows:
        translations[row["translation_of_id"]].append(represent_row(plan, row, request))
    topics = {pk: [] for pk in ids}
    plan = row_plan(TopicLinkSerializer)
    for row in topic_rows:
        topics[row["quote_id"]].append(link(plan, row, "topic", request))
    appearances = {pk: [] for pk in ids}
    plan, source_plan = row_plan(AppearanceSerializer), row_plan(SourceLinkSerializer)
    for row in appearance_rows:
        nested = {"source": link(source_plan, row, "source", request)}
        appearances[row["quote_id"]].append(represent_row(plan, row, request, nested))
    plan = row_plan(QuoteSerializer)
    return [
        represent_row(
            plan,
            quote,
            request,
            {
                "speaker": speakers.get(quote["speaker_id"]),
                "translation_of": originals.get(quote["translation_of_id"]),
                "translations": translations[quote["id"]],
                "misattributed_to": speakers.get(quote["misattributed_to_id"]),
                "topics": topics[quote["id"]],
                "appearances": appearances[quote["id"]],
            },
        )
        for quote in quotes
    ]
