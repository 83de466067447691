"""What editors' relations by slug take: one related object may be unset with null, a list
may not (it is sent whole or left out)."""

import pytest

from apps.api.serializers.claims import ClaimWriteSerializer
from apps.api.serializers.quotes import QuoteWriteSerializer
from apps.api.serializers.sources import SourceWriteSerializer
from tests.factories import SpeakerFactory


@pytest.mark.django_db
def test_relation_by_slug_takes_a_slug_or_null():
    speaker = SpeakerFactory()
    serializer = QuoteWriteSerializer(
        data={"speaker": speaker.slug, "misattributed_to": None}, partial=True
    )

    assert serializer.is_valid(), serializer.errors
    assert dict(serializer.validated_data) == {"speaker": speaker, "misattributed_to": None}


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("serializer_class", "field"),
    [
        (ClaimWriteSerializer, "claimant"),
        (ClaimWriteSerializer, "rating"),
        (QuoteWriteSerializer, "speaker"),
        (SourceWriteSerializer, "publisher"),
    ],
)
def test_relation_by_slug_refuses_an_unknown_slug(serializer_class, field):
    serializer = serializer_class(data={field: "nobody"}, partial=True)

    assert not serializer.is_valid()
    assert serializer.errors == {field: ["Object with slug=nobody does not exist."]}


@pytest.mark.parametrize("serializer_class", [ClaimWriteSerializer, QuoteWriteSerializer])
def test_list_of_slugs_refuses_null(serializer_class):
    serializer = serializer_class(data={"topics": None}, partial=True)

    assert not serializer.is_valid()
    assert serializer.errors == {"topics": ["This field may not be null."]}
