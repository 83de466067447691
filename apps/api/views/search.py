"""Search across claims, quotes, speakers and sources, and claims similar to a statement.

The search answers from apps.search.selectors, the similar claims from
apps.claims.matching. Anonymous clients (and users who may not view
claims) find published objects only; a user with the `claims.view_claim` permission
finds drafts too.
"""

from drf_spectacular.utils import extend_schema
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from apps.api.serializers.search import (
    ClaimMatchSerializer,
    SearchParametersSerializer,
    SearchResultsSerializer,
    SimilarParametersSerializer,
    common_search_parameters,
    represent_matches,
    represent_results,
)
from apps.api.views.base import reject_unsupported_method
from apps.claims.matching import match_claims
from apps.search.selectors import SearchFilters, search, search_forgiving

ERRORS = "Unknown parameters and malformed or out-of-range values answer 400."


def public_only(request) -> bool:
    """Whether the requester finds published objects only."""
    user = request.user
    return not (user and user.is_authenticated and user.has_perm("claims.view_claim"))


class ReadOnlyAPIView(APIView):
    permission_classes = [AllowAny]
    http_method_names = ["get", "head", "options"]

    def initial(self, request, *args, **kwargs):
        reject_unsupported_method(self, request)
        super().initial(request, *args, **kwargs)


class SearchView(ReadOnlyAPIView):
    @extend_schema(
        summary="Search claims, quotes, speakers and sources",
        description="Ranked full-text search across kinds, best first, each hit with a "
        "highlighted snippet (safe HTML, matched words in `<mark>`), and facet counts for "
        "narrowing it. When the words as typed match nothing, misspelt words are corrected to the "
        "nearest words of the published record (one typo from 5 letters, two from 9) and "
        "the corrected query is searched for instead: `corrected_query` says so, and "
        "`exact=true` turns it off. Anonymous clients find published objects only; editors "
        f"who may view claims find drafts too. {ERRORS}",
        parameters=[SearchParametersSerializer],
        responses={200: SearchResultsSerializer},
    )
    def get(self, request, *args, **kwargs):
        """Queries: those of search() (one per kind searched, with its count and facets,
        and one per kind on the page), whatever the number of matches; when nothing
        matches the words as typed, those of correcting them and searching again (see
        search_forgiving)."""
        parameters = common_search_parameters(request.query_params)
        if parameters is None:
            parameters = SearchParametersSerializer(data=request.query_params).validate_parameters()
        filters = SearchFilters(
            kinds=(parameters["kind"],) if parameters.get("kind") else (),
            rating=parameters.get("rating", ""),
            speaker=parameters.get("speaker", ""),
            topic=parameters.get("topic", ""),
            year=parameters.get("year"),
        )
        find = search if parameters["exact"] else search_forgiving
        results = find(
            parameters["q"],
            filters=filters,
            public=public_only(request),
            limit=parameters["limit"],
            offset=parameters["offset"],
        )
        return Response(represent_results(results, request))


class SimilarClaimsView(ReadOnlyAPIView):
    @extend_schema(
        summary="Find claims similar to a statement",
        description="The existing claims most like `text`, best first, each with a "
        "similarity from 0 to 1 (0.8 and above: a near-duplicate): for checking whether a "
        "statement has been checked already. Anonymous clients match published claims "
        f"only. {ERRORS}",
        parameters=[SimilarParametersSerializer],
        responses={200: ClaimMatchSerializer(many=True)},
    )
    def get(self, request, *args, **kwargs):
        parameters = SimilarParametersSerializer(data=request.query_params).validate_parameters()
        matches = match_claims(
            parameters["text"], public=public_only(request), limit=parameters["limit"]
        )
        return Response(represent_matches(matches, request))
