from rest_framework import serializers

from apps.api.serializers.fields import CachedFieldsMixin, PageUrlField, api_url_field
from apps.api.serializers.links import (
    QuoteLinkSerializer,
    RatingLinkSerializer,
    SpeakerLinkSerializer,
    TopicLinkSerializer,
)
from apps.api.serializers.passages import (
    ANCHOR_FIELDS,
    AnchoredPassageSerializer,
    PassageWriteSerializer,
)
from apps.api.serializers.strict import (
    StrictCharField,
    StrictSlugField,
    WriteSerializer,
    optional_by_slug,
)
from apps.claims.models import Citation, Claim, Correction, Rating
from apps.speakers.models import Speaker
from apps.topics.models import Topic


class CitationSerializer(AnchoredPassageSerializer):
    """A passage of a source that states, supports, contradicts or gives context to the claim."""

    class Meta:
        model = Citation
        fields = ["id", "page_url", "source", "relation", *ANCHOR_FIELDS, "found_passage", "note"]
        read_only_fields = fields


class CorrectionSerializer(CachedFieldsMixin, serializers.ModelSerializer):
    """A public, dated note recording a change of substance to the published claim
    (`kind` correction), or its retraction (`kind` retraction)."""

    rating_before = RatingLinkSerializer(read_only=True, allow_null=True)
    rating_after = RatingLinkSerializer(read_only=True, allow_null=True)

    class Meta:
        model = Correction
        fields = ["id", "kind", "date", "note", "rating_before", "rating_after"]
        read_only_fields = fields


class ClaimSerializer(CachedFieldsMixin, serializers.ModelSerializer):
    """A claim as anyone may read it, with its verdict and evidence."""

    api_url = api_url_field("claim")
    page_url = PageUrlField()
    claimant = SpeakerLinkSerializer(read_only=True, allow_null=True)
    quote = QuoteLinkSerializer(read_only=True, allow_null=True)
    rating = RatingLinkSerializer(read_only=True, allow_null=True)
    topics = TopicLinkSerializer(many=True, read_only=True)
    citations = CitationSerializer(many=True, read_only=True)
    corrections = CorrectionSerializer(many=True, read_only=True)

    class Meta:
        model = Claim
        fields = [
            "id",
            "api_url",
            "page_url",
            "statement",
            "slug",
            "claimant",
            "quote",
            "rating",
            "summary",
            "analysis",
            "topics",
            "published_at",
            "citations",
            "corrections",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields
        ref_name = "ClaimPublic"


class ClaimEditorSerializer(ClaimSerializer):
    """A claim as editors read it. Fields marked *editors only* are present only for them."""

    status = serializers.ChoiceField(
        choices=Claim.Status.choices, read_only=True, help_text="Editors only."
    )
    reviewed_by = serializers.SlugRelatedField(
        slug_field="username",
        read_only=True,
        allow_null=True,
        help_text="Editors only: the reviewer who published the verdict.",
    )

    class Meta(ClaimSerializer.Meta):
        fields = [*ClaimSerializer.Meta.fields, "status", "reviewed_by"]
        read_only_fields = fields
        ref_name = "Claim"
        editors_only = ("status", "reviewed_by")


class CitationWriteSerializer(PassageWriteSerializer):
    # Required, unlike a quote's appearance (whose words are the quote's): a citation has
    # nothing else to anchor.
    exact = StrictCharField(
        help_text="The words as the source has them; they are located in its text."
    )
    relation = serializers.ChoiceField(choices=Citation.Relation.choices)
    note = StrictCharField(
        required=False, allow_blank=True, help_text="Why this passage matters to the verdict."
    )


class ClaimWriteSerializer(WriteSerializer):
    """What an editor sends. Each citation is anchored in its source as it is saved.

    A claim is created as a draft; its status moves only through the editorial workflow
    (submit, publish, retract, send back: apps/claims/workflow.py), not by writing it here.
    A reviewer changes a published claim directly; an editor's change to one is proposed
    as a revision for a reviewer to accept (202). A change of substance to a published
    claim (its statement, claimant, rating or summary, or a citation removed) needs a
    `correction_note`, which readers see. A retracted claim is not changed.
    """

    slug = StrictSlugField(
        max_length=220, required=False, help_text="Made from the statement when left out."
    )
    claimant = optional_by_slug(Speaker, help_text="Slug of the speaker who made the claim.")
    rating = optional_by_slug(Rating, help_text="Slug of the verdict.")
    topics = optional_by_slug(Topic, many=True, help_text="Slugs of topics; replaces the list.")
    citations = CitationWriteSerializer(
        many=True,
        required=False,
        help_text="The cited passages; replaces the list (see each item).",
    )
    correction_note = StrictCharField(
        required=False,
        allow_blank=True,
        write_only=True,
        help_text="Required with a change to the statement, claimant, rating or summary of "
        "a published claim, or one that removes a citation: the public note of the "
        "correction. Given with a lesser change, it is recorded as a correction too.",
    )

    read_only_reasons = {
        "status": "a claim's status changes through its workflow actions (submit, publish, "
        "retract, return-to-draft)",
        "published_at": "a claim is dated when a reviewer publishes it",
        "reviewed_by": "the reviewer is recorded when the claim is published",
        "corrections": "a correction is made by giving `correction_note` with a change",
    }

    class Meta:
        model = Claim
        fields = [
            "statement",
            "slug",
            "claimant",
            "quote",
            "rating",
            "summary",
            "analysis",
            "topics",
            "citations",
            "correction_note",
        ]


# --- the values-based read path (rows.py) -----------------------------------------------------

LINK_COLUMNS = {
    "speaker": ("id", "name", "slug"),
    "quote": ("id", "text"),
    "rating": ("id", "label", "slug", "score", "normalised_class"),
    "source": ("id", "title", "slug"),
}


def _prefixed(prefix: str, kind: str) -> list[str]:
    return [f"{prefix}__{column}" for column in LINK_COLUMNS[kind]]


def public_claim(request, pk: int):
    """`(representation, updated_at)` of the public claim `pk` as `ClaimSerializer` gives
    it from `ClaimViewSet.visible_queryset(editor=False)`, or None when there is none: the
    same statements (at most six), each compiled once per process, in two round trips on
    PostgreSQL (`prepared_values_together`), and no model instance."""
    from apps.api.serializers.links import SourceLinkSerializer
    from apps.api.serializers.rows import (
        link,
        prepared_values_together,
        represent_row,
        row_plan,
    )
    from apps.quotes.models import Quote
    from apps.topics.models import Topic

    # The claim and the rows that hang on its id in one round trip; then the two it names.
    rows, topics, citations, corrections = prepared_values_together(
        (
            "claim",
            lambda pk: Claim.objects.public()
            .filter(pk=pk)
            .values(
                "id", "statement", "slug", "claimant_id", "quote_id", "summary", "analysis",
                "published_at", "created_at", "updated_at", *_prefixed("rating", "rating"),
            ),
            pk,
        ),
        (
            "claim:topics",
            lambda pk: Topic.objects.filter(claims=pk).values("id", "name", "slug"),
            pk,
        ),
        (
            "claim:citations",
            lambda pk: Citation.objects.in_public_sources()
            .filter(claim_id=pk)
            .order_by("relation", "start", "id")
            .values(
                "id", "relation", *ANCHOR_FIELDS, "found_passage", "note",
                *_prefixed("source", "source"),
            ),
            pk,
        ),
        (
            "claim:corrections",
            lambda pk: Correction.objects.filter(claim_id=pk).values(
                "id", "kind", "date", "note",
                *_prefixed("rating_before", "rating"), *_prefixed("rating_after", "rating"),
            ),
            pk,
        ),
    )  # fmt: skip
    if not rows:
        return None
    claim = rows[0]
    speaker_plan, quote_plan = row_plan(SpeakerLinkSerializer), row_plan(QuoteLinkSerializer)
    rating_plan, topic_plan = row_plan(RatingLinkSerializer), row_plan(TopicLinkSerializer)
    source_plan = row_plan(SourceLinkSerializer)
    named = []
    if claim["claimant_id"] is not None:
        named.append(
            (
                "claim:claimant",
                lambda pk: Speaker.objects.public().filter(pk=pk).values(*LINK_COLUMNS["speaker"]),
                claim["claimant_id"],
            )
        )
    if claim["quote_id"] is not None:
        named.append(
            (
                "claim:quote",
                lambda pk: Quote.objects.public().filter(pk=pk).values(*LINK_COLUMNS["quote"]),
                claim["quote_id"],
            )
        )
    found = prepared_values_together(*named)
    claimant = quote = None
    if claim["claimant_id"] is not None:
        speaker_rows = found.pop(0)
        claimant = represent_row(speaker_plan, speaker_rows[0], request) if speaker_rows else None
    if claim["quote_id"] is not None:
        quote_rows = found.pop(0)
        quote = represent_row(quote_plan, quote_rows[0], request) if quote_rows else None
    citation_plan, correction_plan = row_plan(CitationSerializer), row_plan(CorrectionSerializer)
    nested = {
        "claimant": claimant,
        "quote": quote,
        "rating": link(rating_plan, claim, "rating", request),
        "topics": [represent_row(topic_plan, row, request) for row in topics],
        "citations": [
            represent_row(
                citation_plan, row, request, {"source": link(source_plan, row, "source", request)}
            )
            for row in citations
        ],
        "corrections": [
            represent_row(
                correction_plan,
                row,
                request,
                {
                    "rating_before": link(rating_plan, row, "rating_before", request),
                    "rating_after": link(rating_plan, row, "rating_after", request),
                },
            )
            for row in corrections
        ],
    }
    return represent_row(row_plan(ClaimSerializer), claim, request, nested), claim["updated_at"]
