"""Search and claim matching: the query parameters they take and the answers they give.

The parameters are validated by serializers (an unknown parameter, a year that is not a
whole number or a limit out of range answers 400 naming it); the answers are built from
apps.search.selectors' SearchResults and apps.claims.matching's ClaimMatch.
"""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.exceptions import ValidationError
from rest_framework.reverse import reverse

from apps.api.serializers.fields import (
    ApiUrlField,
    CachedFieldsMixin,
    absolute_url,
    format_in_query,
    page_url,
)
from apps.api.serializers.links import RatingLinkSerializer
from apps.api.serializers.strict import StrictCharField
from apps.search.selectors import MAX_LIMIT, MAX_OFFSET

SEARCH_KINDS = ("claim", "quote", "speaker", "source")
# Query parameters any endpoint understands besides its own (the renderer's).
ALWAYS_ALLOWED = frozenset({"format"})
SLUG_PATTERN = r"^[-a-zA-Z0-9_]+\Z"
# In characters. A GET's parameters travel in its request line, which gunicorn bounds at
# 4,094 bytes (414 beyond; gunicorn.conf.py): 300 characters percent-encoded take at most
# 3,600 of them, so any value these limits allow is answered by the API itself.
MAX_QUERY_LENGTH = 300
MAX_TEXT_LENGTH = 300


class QueryParametersSerializer(serializers.Serializer):
    """Validates `request.query_params`, refusing any parameter it does not declare."""

    def validate_parameters(self) -> dict:
        unknown = sorted(set(self.initial_data) - set(self.fields) - ALWAYS_ALLOWED)
        if unknown:
            known = ", ".join(sorted(self.fields))
            raise ValidationError(
                {
                    name: [f"Unknown query parameter. This endpoint takes: {known}."]
                    for name in unknown
                },
                code="unknown_parameter",
            )
        # DRF reads an empty optional parameter as left out; a client that sent `year=`
        # meant something, so it is told.
        blank = sorted(
            name
            for name, field in self.fields.items()
            if not field.required and self.initial_data.get(name) == ""
        )
        if blank:
            raise ValidationError(
                {name: ["Give a value, or leave the parameter out."] for name in blank},
                code="blank",
            )
        self.is_valid(raise_exception=True)
        return self.validated_data


def slug_parameter(help_text: str) -> serializers.RegexField:
    return serializers.RegexField(SLUG_PATTERN, required=False, max_length=100, help_text=help_text)


class SearchParametersSerializer(QueryParametersSerializer):
    q = StrictCharField(
        max_length=MAX_QUERY_LENGTH,
        help_text='Words to look for: "quoted phrases" must stand together, -word excludes, '
        "OR between two terms takes either.",
    )
    kind = serializers.ChoiceField(
        choices=SEARCH_KINDS, required=False, help_text="Only this kind of object."
    )
    exact = serializers.BooleanField(
        required=False,
        default=False,
        help_text="`true` to search for the words as typed only. By default, when they match "
        "nothing, misspelt words are corrected (see `corrected_query` in the answer).",
    )
    rating = slug_parameter("Only claims with this verdict (its slug, such as `false`).")
    speaker = slug_parameter("Only claims made and quotes said by this speaker (its slug).")
    topic = slug_parameter("Only claims and quotes filed under this topic (its slug).")
    year = serializers.IntegerField(
        required=False,
        min_value=1,
        max_value=9999,
        help_text="Only claims published, quotes said and sources published in this year.",
    )
    limit = serializers.IntegerField(
        required=False,
        default=20,
        min_value=1,
        max_value=MAX_LIMIT,
        help_text=f"Results to answer, from 1 to {MAX_LIMIT} (default 20).",
    )
    offset = serializers.IntegerField(
        required=False,
        default=0,
        min_value=0,
        max_value=MAX_OFFSET,
        help_text=f"Results to skip, from 0 to {MAX_OFFSET} (default 0).",
    )


_SEARCH_DEFAULTS = {
    name: field.default
    for name, field in SearchParametersSerializer._declared_fields.items()
    if field.default is not serializers.empty
}


def common_search_parameters(query_params) -> dict | None:
    """A reader's common ask, words alone or of one kind (`?q=…&kind=quote`), validated
    here as SearchParametersSerializer validates it, without making the serializer and its
    nine fields per request (a twentieth of a rare word's search: bench/README.md,
    "Render cost"). Anything else (another parameter, a repeated one, a value the
    serializer might refuse or change beyond trimming) is None: the serializer decides.
    tests/api/test_search_parameters.py holds the two equal."""
    if not query_params.keys() <= {"q", "kind"}:
        return None
    if any(len(values) != 1 for _, values in query_params.lists()):
        return None
    words, kind = query_params.get("q"), query_params.get("kind")
    if words is None or len(words) > MAX_QUERY_LENGTH or not words.isprintable():
        return None
    words = words.strip()
    if not words or (kind is not None and kind not in SEARCH_KINDS):
        return None
    parameters = {"q": words, **_SEARCH_DEFAULTS}
    if kind is not None:
        parameters["kind"] = kind
    return parameters


class SimilarParametersSerializer(QueryParametersSerializer):
    text = StrictCharField(
        max_length=MAX_TEXT_LENGTH,
        help_text="The statement to compare with existing claims.",
    )
    limit = serializers.IntegerField(
        required=False,
        default=5,
        min_value=1,
        max_value=MAX_LIMIT,
        help_text=f"Matches to answer, from 1 to {MAX_LIMIT} (default 5).",
    )


# --- answers --------------------------------------------------------------------------------

TITLE_FIELDS = {"claim": "statement", "quote": "text", "speaker": "name", "source": "title"}


class SearchObjectSerializer(CachedFieldsMixin, serializers.Serializer):
    """The object a hit found: enough to show it and to follow it."""

    id = serializers.IntegerField(source="object.pk")
    api_url = serializers.SerializerMethodField(help_text="The object in the API.")
    page_url = serializers.SerializerMethodField(help_text="The object's public page.")
    title = serializers.SerializerMethodField(
        help_text="A claim's statement, a quote's words, a speaker's name or a source's title."
    )

    @extend_schema_field(OpenApiTypes.URI)
    def get_api_url(self, hit) -> str:
        request = self.context["request"]
        if format_in_query(request):  # DRF's reverse() carries `?format=` into the link
            return reverse(f"api:{hit.kind}-detail", kwargs={"pk": hit.object.pk}, request=request)
        return absolute_url(request, f"api:{hit.kind}-detail", "pk", hit.object.pk)

    @extend_schema_field(OpenApiTypes.URI)
    def get_page_url(self, hit) -> str:
        return page_url(self.context["request"], hit.object)

    def get_title(self, hit) -> str:
        return getattr(hit.object, TITLE_FIELDS[hit.kind])


class SearchHitSerializer(CachedFieldsMixin, serializers.Serializer):
    kind = serializers.ChoiceField(choices=SEARCH_KINDS)
    score = serializers.FloatField(help_text="Relevance: higher is better.")
    snippet = serializers.CharField(
        help_text="Safe HTML: the matching text, escaped, with the matched words in <mark>."
    )
    object = SearchObjectSerializer(source="*")


class FacetValueSerializer(serializers.Serializer):
    value = serializers.CharField(help_text="What to give the parameter of the same name.")
    label = serializers.CharField()
    count = serializers.IntegerField()


class FacetsSerializer(serializers.Serializer):
    kind = FacetValueSerializer(many=True, required=False)
    rating = FacetValueSerializer(many=True, required=False)
    speaker = FacetValueSerializer(many=True, required=False)
    topic = FacetValueSerializer(many=True, required=False)
    year = FacetValueSerializer(many=True, required=False)


class SearchResultsSerializer(serializers.Serializer):
    query = serializers.CharField(help_text="The words asked for, as typed.")
    corrected_query = serializers.SerializerMethodField(
        help_text="The query searched for instead, when the words as typed matched nothing "
        "and some were misspelt (`Putn` → `Putin`); null when `query` itself was searched "
        "for. Ask again with `exact=true` to search for `query` as typed."
    )
    total = serializers.IntegerField(help_text="How many objects match, over every page.")
    capped = serializers.BooleanField(
        help_text="True when some kind matched too many objects to count them all: `total` "
        "and the facet counts are then lower bounds."
    )
    results = SearchHitSerializer(source="hits", many=True)
    facets = FacetsSerializer(
        help_text="Counts of the matches by kind, verdict, speaker, topic and year, for "
        "narrowing the search."
    )

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_corrected_query(self, results) -> str | None:
        return results.corrected_query or None


def represent_results(results, request) -> dict:
    """What `SearchResultsSerializer(results, context={"request": request}).data` gives, key
    for key, built directly: DRF made a serializer per facet list and walked every field
    of every facet value (a rare word's 60-odd speakers, years and topics), deep-copying
    the declared fields as it went: 0.9 ms of a 6.6 ms search request at a million quotes,
    against 0.2 ms so (bench/README.md). The serializers above stay the documented schema;
    tests/api/test_search_representation.py holds the two equal. A request that carries
    `?format=` (whose links DRF builds its own way) goes through the serializer."""
    if format_in_query(request):
        return SearchResultsSerializer(results, context={"request": request}).data
    hits = []
    for hit in results.hits:
        obj = hit.object
        hits.append(
            {
                "kind": hit.kind,
                "score": float(hit.score),
                "snippet": str(hit.snippet),
                "object": {
                    "id": int(obj.pk),
                    "api_url": absolute_url(request, f"api:{hit.kind}-detail", "pk", obj.pk),
                    "page_url": page_url(request, obj),
                    "title": getattr(obj, TITLE_FIELDS[hit.kind]),
                },
            }
        )
    facets = {
        name: [
            {"value": str(value.value), "label": str(value.label), "count": int(value.count)}
            for value in values
        ]
        for name, values in results.facets.items()
        if name in FACET_NAMES
    }
    return {
        "query": str(results.query),
        "corrected_query": results.corrected_query or None,
        "total": int(results.total),
        "capped": bool(results.capped),
        "results": hits,
        "facets": {name: facets[name] for name in FACET_NAMES if name in facets},
    }


FACET_NAMES = ("kind", "rating", "speaker", "topic", "year")


class MatchedClaimSerializer(CachedFieldsMixin, serializers.Serializer):
    id = serializers.IntegerField()
    api_url = ApiUrlField(view_name="api:claim-detail")
    page_url = serializers.SerializerMethodField()
    statement = serializers.CharField()
    rating = RatingLinkSerializer(allow_null=True, help_text="The verdict, if it has one.")

    @extend_schema_field(OpenApiTypes.URI)
    def get_page_url(self, claim) -> str:
        return page_url(self.context["request"], claim)


class ClaimMatchSerializer(CachedFieldsMixin, serializers.Serializer):
    score = serializers.FloatField(
        help_text="Similarity from 0 to 1: 0.8 and above is a near-duplicate."
    )
    claim = MatchedClaimSerializer()


def represent_matches(matches, request) -> list:
    """What `ClaimMatchSerializer(matches, many=True, context={"request": request}).data`
    gives, key for key, built directly: DRF deep-copied the two serializers' declared fields
    and walked every field of every match and its rating, 1.5 ms of a 15 ms match at a
    million quotes, against about 0.1 ms so (docs/benchmarks.md, "Render cost"). The
    serializers above stay the documented schema; tests/api/test_search_representation.py
    holds the two equal. A request that carries `?format=` (whose links DRF builds its own
    way) goes through the serializer."""
    if format_in_query(request):
        return ClaimMatchSerializer(matches, many=True, context={"request": request}).data
    return [
        {"score": float(match.score), "claim": _matched_claim(match.claim, request)}
        for match in matches
    ]


def _matched_claim(claim, request) -> dict:
    rating = claim.rating
    return {
        "id": int(claim.pk),
        "api_url": absolute_url(request, "api:claim-detail", "pk", claim.pk),
        "page_url": page_url(request, claim),
        "statement": str(claim.statement),
        "rating": None
        if rating is None
        else {
            "id": int(rating.pk),
            "api_url": absolute_url(request, "api:rating-detail", "pk", rating.pk),
            "label": str(rating.label),
            "slug": str(rating.slug),
            "score": None if rating.score is None else int(rating.score),
            "normalised_class": str(rating.normalised_class),
        },
    }
