"""Suggestions for a search box, as the reader types (apps/search/suggest.py)."""

from drf_spectacular.utils import OpenApiExample, extend_schema
from rest_framework.response import Response

from apps.api.serializers.suggest import SuggestionsSerializer, SuggestParametersSerializer
from apps.api.views.search import ERRORS, ReadOnlyAPIView
from apps.search.suggest import suggest


class SuggestView(ReadOnlyAPIView):
    @extend_schema(
        summary="Suggest speakers, topics and claims from the first letters",
        tags=["search"],
        description="Published speakers (by name or alias), topics and claims whose words "
        "begin with what was typed, for a search box to offer as the reader types: the last "
        "word of `q` is read as the beginning of a word (two letters or more), the words "
        "before it as whole words. When the beginning matches no word of the published "
        "record, one typo is allowed in it from four letters (`Putn` suggests Vladimir "
        "Putin) and `corrected` says what was used instead. Published objects only, for "
        f"everyone. A `q` with no word of two letters at its end answers no suggestions. {ERRORS}",
        parameters=[SuggestParametersSerializer],
        responses={200: SuggestionsSerializer},
        examples=[
            OpenApiExample(
                "Suggestions for “puti”",
                value={
                    "query": "puti",
                    "corrected": None,
                    "suggestions": [
                        {
                            "kind": "speaker",
                            "id": 1,
                            "label": "Vladimir Putin",
                            "url": "https://factbase.example/speakers/vladimir-putin/",
                        }
                    ],
                },
                response_only=True,
            )
        ],
    )
    def get(self, request, *args, **kwargs):
        """Queries: at most six, whatever `q` holds (see apps.search.suggest)."""
        parameters = SuggestParametersSerializer(data=request.query_params).validate_parameters()
        found = suggest(parameters["q"], limit=parameters["limit"])
        return Response(SuggestionsSerializer(found, context={"request": request}).data)
