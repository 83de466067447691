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


# --- the values-based read path (apps/api/serializers/rows.py) ------------------------------


def serialized_claim(pk, context) -> dict:
    claim = ClaimViewSet().visible_queryset(editor=False).get(pk=pk)
    return ClaimSerializer(context=context).to_representation(claim)


@pytest.mark.django_db
def test_a_claim_read_from_rows_is_the_serializers_claim(context):
    from apps.api.serializers.claims import public_claim
    from apps.quotes.models import Quote
    from apps.sources.models import Source
    from tests.factories import rating

    quote = QuoteFactory()
    claim = PublishedClaimFactory(quote=quote, summary="Less.", analysis="See the figures.")
    with arranged():
        claim.topics.add(TopicFactory(name="Trade"), TopicFactory(name="Grain"))
    CitationFactory(claim=claim, relation=Citation.Relation.CONTRADICTS, note="Lower.")
    CitationFactory(claim=claim, exact="not in the text at all")
    CitationFactory(claim=claim, source=SourceFactory(status=Source.Status.DRAFT))
    CorrectionFactory(claim=claim, rating_before=rating("true"), rating_after=rating("false"))
    CorrectionFactory(claim=claim)
    assert quote.status == Quote.Status.CONFIRMED

    data, updated_at = public_claim(context["request"], claim.pk)

    assert data == serialized_claim(claim.pk, context)
    assert (len(data["citations"]), updated_at) == (2, claim.updated_at)


@pytest.mark.django_db
def test_a_claim_without_relations_read_from_rows_is_the_serializers_claim(context):
    from apps.api.serializers.claims import public_claim
    from apps.speakers.models import Speaker
    from tests.factories import SpeakerFactory

    claim = PublishedClaimFactory(
        claimant=SpeakerFactory(status=Speaker.Status.DRAFT), rating=None, quote=None
    )

    data, _ = public_claim(context["request"], claim.pk)

    assert data == serialized_claim(claim.pk, context)
    assert (data["claimant"], data["rating"], data["topics"]) == (None, None, [])


@pytest.mark.django_db
def test_a_claim_readers_cannot_see_has_no_row_representation(context):
    from apps.api.serializers.claims import public_claim
    from tests.factories import ClaimFactory

    assert public_claim(context["request"], ClaimFactory().pk) is None


@pytest.mark.django_db
def test_quotes_read_from_rows_are_the_serializers_quotes(context):
    from apps.api.serializers.quotes import public_quotes
    from apps.quotes.models import Quote
    from apps.sources.models import Source
    from apps.speakers.models import Speaker
    from tests.factories import SpeakerFactory

    original = QuoteFactory(said_on="2023-01-02", language="fr")
    translated = QuoteFactory(
        translation_of=original,
        misattributed_to=SpeakerFactory(),
        verdict=Quote.Verdict.MISATTRIBUTED,
        original_text="Nous n'avons jamais",
        original_language="fr",
    )
    hidden = QuoteFactory(
        misattributed_to=SpeakerFactory(status=Speaker.Status.DRAFT),
        verdict=Quote.Verdict.MISATTRIBUTED,
    )
    bare = QuoteFactory(speaker=None, speaker_name="A spokesperson")
    with arranged():
        translated.topics.add(TopicFactory(name="Trade"), TopicFactory(name="Grain"))
        hidden.topics.add(TopicFactory(name="Aid"))
    AppearanceFactory(quote=translated, source=SourceFactory())
    AppearanceFactory(quote=translated, source=SourceFactory(), exact="nowhere in it")
    AppearanceFactory(quote=hidden, source=SourceFactory(status=Source.Status.DRAFT))
    ids = [original.pk, translated.pk, hidden.pk, bare.pk]
    expected = QuoteSerializer(many=True, context=context).to_representation(
        QuoteViewSet().visible_queryset(editor=False).filter(pk__in=ids)
    )

    data = public_quotes(context["request"], list(Quote.objects.public().filter(pk__in=ids)))

    assert data == expected
    assert [len(q["appearances"]) for q in data].count(2) == 1


@pytest.mark.django_db
def test_a_speaker_read_from_rows_is_the_serializers_speaker(context):
    from apps.api.serializers.speakers import SpeakerSerializer, public_speaker
    from apps.api.views.speakers import SpeakerViewSet
    from tests.factories import SpeakerAliasFactory, SpeakerFactory, SpeakerRoleFactory

    speaker = SpeakerFactory(wikidata_id="Q7747", description="A minister.")
    SpeakerAliasFactory(speaker=speaker, name="The Minister")
    SpeakerAliasFactory(speaker=speaker, name="Ana")
    SpeakerRoleFactory(speaker=speaker, start="2020-01-01", end="2022-01-01")
    SpeakerRoleFactory(speaker=speaker, start="2023-01-01")
    bare = SpeakerFactory()
    queryset = SpeakerViewSet().visible_queryset(editor=False)
    serializer = SpeakerSerializer(context=context)

    data = [public_speaker(context["request"], s.pk)[0] for s in (speaker, bare)]

    assert data == [serializer.to_representation(queryset.get(pk=s.pk)) for s in (speaker, bare)]
    assert (data[0]["aliases"], len(data[0]["roles"]), data[1]["wikidata_url"]) == (
        ["Ana", "The Minister"],
        2,
        "",
    )


@pytest.mark.django_db
def test_quotes_read_from_rows_give_their_dates_in_the_current_time_zone(context, settings):
    from django.utils import timezone

    from apps.api.serializers.quotes import public_quotes
    from apps.quotes.models import Quote

    settings.TIME_ZONE = "America/Sao_Paulo"
    quote = QuoteFactory()
    with timezone.override("America/Sao_Paulo"):
        expected = QuoteSerializer(many=True, context=context).to_representation(
            QuoteViewSet().visible_queryset(editor=False).filter(pk=quote.pk)
        )

        data = public_quotes(context["request"], list(Quote.objects.public().filter(pk=quote.pk)))

    assert data == expected
    assert data[0]["created_at"].endswith("-03:00")
