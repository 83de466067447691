"""A reader's common search ask is validated by `common_search_parameters`, without the
serializer: for every ask it takes, it gives what the serializer gives; every other ask
is left to the serializer (None)."""

import pytest
from django.http import QueryDict

from apps.api.serializers.search import SearchParametersSerializer, common_search_parameters

TAKEN = [
    "q=inflation",
    "q=inflation&kind=quote",
    "kind=claim&q=two+words",
    "q=%20%20padded%20%20",
    "q=%22a+phrase%22+-excluded+OR+either",
    "q=" + "x" * 300,
    "q=caf%C3%A9+%E2%80%94+na%C3%AFve",
]
LEFT = [
    "q=inflation&limit=5",
    "q=inflation&kind=quote&kind=claim",
    "q=a&q=b",
    "q=inflation&kind=",
    "q=inflation&kind=Quote",
    "q=",
    "q=%20",
    "q=" + "x" * 301,
    "q=tab%09inside",
    "q=%0Cword",
    "kind=quote",
    "q=inflation&format=json",
]


@pytest.mark.parametrize("query", TAKEN)
def test_a_common_ask_is_validated_as_the_serializer_validates_it(query):
    params = QueryDict(query)

    expected = SearchParametersSerializer(data=params).validate_parameters()

    assert common_search_parameters(params) == expected


@pytest.mark.parametrize("query", LEFT)
def test_any_other_ask_is_left_to_the_serializer(query):
    assert common_search_parameters(QueryDict(query)) is None
