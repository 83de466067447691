"""What each list can be filtered by: the FilterSets, one per resource.

Filters that name a speaker, source or topic look it up among the objects the requester may
see, so a draft's slug answers exactly as a slug that does not exist.
"""

import django_filters
from django.db.models import Q
from drf_spectacular.utils import extend_schema_field

from apps.api.backends import (
    IdFilter,
    Rfc3339DateTimeFilter,
    Rfc3339DateTimeFromToRangeFilter,
    SlugFilter,
)
from apps.api.serializers.strict import SLUG_PATTERN
from apps.api.visibility import visible_to_requester
from apps.claims.models import Citation, Claim, ClaimRevision, Rating
from apps.core.models import Tombstone
from apps.quotes.models import Appearance, Quote
from apps.search.selectors import text_match
from apps.sources.models import Publisher, Source
from apps.speakers.models import Speaker
from apps.topics.models import Topic

# Longer than any slug the models hold (220).
SLUG_MAX_LENGTH = 255


def slug_filter(model, help_text: str, **kwargs):
    """A filter naming an object by its slug; an unknown (or invisible) slug answers 400."""
    return extend_schema_field(
        {"type": "string", "pattern": SLUG_PATTERN, "maxLength": SLUG_MAX_LENGTH}
    )(
        SlugFilter(
            queryset=visible_to_requester(model),
            to_field_name="slug",
            help_text=help_text,
            **kwargs,
        )
    )


def own_slug_filter():
    """`?slug=`: the object whose page is at that slug (/claims/<slug>/ and so on), as a
    list of one, or of none; a slug is the page's address, the id the API's."""
    return extend_schema_field({"type": "string", "maxLength": SLUG_MAX_LENGTH})(
        django_filters.CharFilter(
            field_name="slug",
            max_length=SLUG_MAX_LENGTH,
            help_text="The slug in the object's page address: the list holds that object, "
            "or nothing when no visible object has it.",
        )
    )


class ResourceFilterSet(django_filters.FilterSet):
    """What every list takes: `updated_since` for clients keeping a copy, and `q`."""

    updated_since = Rfc3339DateTimeFilter(
        field_name="updated_at",
        lookup_expr="gte",
        help_text="Only objects changed at or after this moment (ISO 8601, with a time zone), "
        "for clients that keep a copy in sync.",
    )
    q = django_filters.CharFilter(
        method="search",
        help_text="Words to look for (case-insensitive substring of the main text fields).",
    )

    # A substring search, for the lists that are not searchable kinds (publishers, topics,
    # ratings: short names); claims, quotes, sources and speakers use FullTextFilterSet.
    search_fields: tuple[str, ...] = ()

    def search(self, queryset, name, value):
        return queryset.filter(self.search_condition(value))

    def search_condition(self, value: str) -> Q:
        condition = Q()
        for field in self.search_fields:
            condition |= Q(**{f"{field}__icontains": value})
        return condition


class FullTextFilterSet(ResourceFilterSet):
    """`q` by the search service's full-text matching (as /api/v1/search/, on the same
    indexes), without its ranking or cap: the list keeps its order and its cursor."""

    q = django_filters.CharFilter(
        method="search",
        help_text='Words to look for, as in /api/v1/search/: "quoted phrases" must stand '
        "together, -word excludes, OR between two terms takes either. Words are matched "
        "whole, in any form (`strike` finds `strikes`); the list keeps its order.",
    )
    # The search service's kind (apps.search.kinds.KINDS) this list's objects are.
    search_kind: str = ""

    def search_condition(self, value: str) -> Q:
        return text_match(self.search_kind, value)


class SpeakerFilterSet(FullTextFilterSet):
    search_kind = "speaker"  # name and description, and aliases

    slug = own_slug_filter()

    class Meta:
        model = Speaker
        fields = ["kind", "status"]


class PublisherFilterSet(ResourceFilterSet):
    search_fields = ("name",)

    class Meta:
        model = Publisher
        fields = []


class TopicFilterSet(ResourceFilterSet):
    search_fields = ("name", "description")

    slug = own_slug_filter()

    class Meta:
        model = Topic
        fields = []


class RatingFilterSet(ResourceFilterSet):
    search_fields = ("label", "description")

    class Meta:
        model = Rating
        fields = ["normalised_class"]


class SourceFilterSet(FullTextFilterSet):
    search_kind = "source"  # title and text

    slug = own_slug_filter()

    publisher = slug_filter(Publisher, "Slug of the publisher.")
    language = django_filters.CharFilter(help_text="BCP 47 language code, such as `en`.")
    published_on = django_filters.DateFromToRangeFilter(
        help_text="Published on or after `published_on_after`, on or before "
        "`published_on_before` (YYYY-MM-DD)."
    )

    class Meta:
        model = Source
        fields = ["publisher", "kind", "language", "status", "published_on"]


class QuoteFilterSet(FullTextFilterSet):
    search_kind = "quote"  # text, speaker's name as given, occasion

    speaker = slug_filter(Speaker, "Slug of the speaker who said it.")
    topic = slug_filter(Topic, "Slug of a topic the quote is filed under.", field_name="topics")
    source = slug_filter(Source, "Slug of a source that carries the quote.", method="in_source")
    publisher = slug_filter(
        Publisher, "Slug of a publisher of a source that carries it.", method="in_publisher"
    )
    language = django_filters.CharFilter(help_text="BCP 47 language code, such as `en`.")
    said_on = django_filters.DateFromToRangeFilter(
        help_text="Said on or after `said_on_after`, on or before `said_on_before` (YYYY-MM-DD)."
    )

    class Meta:
        model = Quote
        fields = ["speaker", "topic", "source", "publisher", "language", "verdict", "status"]

    def in_source(self, queryset, name, value):
        return queryset.filter(pk__in=Appearance.objects.filter(source=value).values("quote_id"))

    def in_publisher(self, queryset, name, value):
        appearances = Appearance.objects.filter(source__publisher=value)
        return queryset.filter(pk__in=appearances.values("quote_id"))


class ClaimFilterSet(FullTextFilterSet):
    search_kind = "claim"  # statement, summary, analysis

    slug = own_slug_filter()

    speaker = slug_filter(
        Speaker,
        "Slug of a speaker who made the claim or said the quote it came from.",
        method="by_speaker",
    )
    claimant = slug_filter(Speaker, "Slug of the speaker who made the claim.")
    rating = slug_filter(Rating, "Slug of the verdict, such as `false`.")
    topic = slug_filter(Topic, "Slug of a topic the claim is filed under.", field_name="topics")
    source = slug_filter(Source, "Slug of a source cited for the claim.", method="cites_source")
    publisher = slug_filter(
        Publisher, "Slug of a publisher of a source cited for it.", method="cites_publisher"
    )
    quote = IdFilter(
        queryset=visible_to_requester(Quote), help_text="Id of the quote the claim came from."
    )
    published_at = Rfc3339DateTimeFromToRangeFilter(
        help_text="Published at or after `published_at_after`, at or before "
        "`published_at_before` (ISO 8601, with a time zone)."
    )

    class Meta:
        model = Claim
        fields = [
            "speaker",
            "claimant",
            "rating",
            "topic",
            "source",
            "publisher",
            "quote",
            "status",
            "published_at",
        ]

    def by_speaker(self, queryset, name, value):
        return queryset.filter(Q(claimant=value) | Q(quote__speaker=value))

    def cites_source(self, queryset, name, value):
        return queryset.filter(pk__in=Citation.objects.filter(source=value).values("claim_id"))

    def cites_publisher(self, queryset, name, value):
        citations = Citation.objects.filter(source__publisher=value)
        return queryset.filter(pk__in=citations.values("claim_id"))


class ClaimReviewFilterSet(ResourceFilterSet):
    search_fields = ("statement", "summary")

    class Meta:
        model = Claim
        fields = []


class ClaimRevisionFilterSet(django_filters.FilterSet):
    claim = IdFilter(queryset=Claim.objects.all(), field_name="claim", help_text="The claim's id.")

    class Meta:
        model = ClaimRevision
        fields = ["status"]


class TombstoneFilterSet(django_filters.FilterSet):
    since = Rfc3339DateTimeFilter(
        field_name="removed_at",
        lookup_expr="gte",
        help_text="Only objects removed at or after this moment (ISO 8601, with a time zone).",
    )

    class Meta:
        model = Tombstone
        fields = ["kind"]
