"""Read serializers represent an object as DRF's own field-by-field walk does."""

import pytest
from django.test import RequestFactory
from rest_framework import serializers
from rest_framework.request import Request

from apps.api.serializers.claims import ClaimSerializer
from apps.api.serializers.fields import CachedFieldsMixin
from apps.api.serializers.quotes import QuoteSerializer
from apps.api.views.claims import ClaimViewSet
from apps.api.views.quotes import QuoteViewSet
from apps.claims.models import Citation
from tests.factories import (
    AppearanceFactory,
    CitationFactory,
    CorrectionFactory,
    PublishedClaimFactory,
    QuoteFactory,
    SourceFactory,
    TopicFactory,
    arranged,
)


@pytest.fixture
def context():
    return {"request": Request(RequestFactory().get("/api/v1/quotes/"))}


def drf_walk(serializer, instance) -> dict:
    """DRF's own Serializer.to_representation, for the top level of `serializer`."""
    return serializers.Serializer.to_representation(serializer, instance)


@pytest.mark.django_db
def test_a_quote_is_represented_as_drf_represents_it(context):
    quote = QuoteFactory(said_on="2024-05-01", occasion="A debate")
    with arranged():
        quote.topics.add(TopicFactory())
    AppearanceFactory(quote=quote, source=SourceFactory())
    quote = QuoteViewSet().visible_queryset(editor=False).get(pk=quote.pk)
    serializer = QuoteSerializer(context=context)

    assert serializer.to_representation(quote) == drf_walk(serializer, quote)


@pytest.mark.django_db
def test_a_claim_is_represented_as_drf_represents_it(context):
    claim = PublishedClaimFactory()
    CitationFactory(claim=claim, relation=Citation.Relation.CONTRADICTS)
    CorrectionFactory(claim=claim)
    claim = ClaimViewSet().visible_queryset(editor=False).get(pk=claim.pk)
    serializer = ClaimSerializer(context=context)

    assert serializer.to_representation(claim) == drf_walk(serializer, claim)


class _Counted(CachedFieldsMixin, serializers.Serializer):
    name = serializers.CharField()
    count = serializers.IntegerField(required=False)


class _Item:
    name = "grain"


def test_a_missing_attribute_is_left_out_as_drf_leaves_it_out():
    assert _Counted().to_representation(_Item()) == {"name": "grain"}
