"""The rules the database keeps for quotes and appearances, whatever path a write takes."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from apps.quotes.models import Appearance, Quote
from tests.factories import AppearanceFactory, QuoteFactory, SpeakerFactory, arranged


def test_database_rejects_second_appearance_of_quote_in_same_source(db):
    first = AppearanceFactory()

    with pytest.raises(IntegrityError), arranged(), transaction.atomic():
        Appearance.objects.create(quote=first.quote, source=first.source, exact=first.exact)


def test_full_clean_rejects_second_appearance_of_quote_in_same_source(db):
    first = AppearanceFactory()
    second = Appearance(quote=first.quote, source=first.source, exact=first.exact)

    with pytest.raises(ValidationError) as caught:
        second.full_clean()

    assert caught.value.message_dict == {
        "__all__": ["This quote already has an appearance in this source."]
    }


def test_quote_may_appear_in_several_sources(db):
    first = AppearanceFactory()

    AppearanceFactory(quote=first.quote)

    assert first.quote.appearances.count() == 2


def test_database_rejects_quote_without_speaker_or_name(db):
    with pytest.raises(IntegrityError), arranged(), transaction.atomic():
        Quote.objects.create(text="We will win.", speaker=None, speaker_name="")


def test_full_clean_rejects_quote_without_speaker_or_name(db):
    quote = Quote(text="We will win.", speaker=None, speaker_name="")

    with pytest.raises(ValidationError) as caught:
        quote.full_clean()

    assert caught.value.message_dict == {
        "__all__": ["Link a speaker or give the name the source uses."]
    }


def test_quote_may_name_its_speaker_without_linking_one(db):
    with arranged():
        quote = Quote.objects.create(text="We will win.", speaker=None, speaker_name="A minister")

    quote.full_clean()

    assert quote.display_speaker == "A minister"


def test_database_rejects_quote_with_blank_text(db):
    with pytest.raises(IntegrityError), arranged(), transaction.atomic():
        Quote.objects.create(text=" \n", speaker=SpeakerFactory())


def test_database_rejects_real_speaker_unless_misattributed(db):
    with pytest.raises(IntegrityError), transaction.atomic():
        QuoteFactory(verdict=Quote.Verdict.VERIFIED, misattributed_to=SpeakerFactory())


def test_full_clean_rejects_real_speaker_unless_misattributed(db):
    quote = QuoteFactory.build(
        speaker=SpeakerFactory(),
        verdict=Quote.Verdict.ALTERED,
        misattributed_to=SpeakerFactory(),
    )

    with pytest.raises(ValidationError) as caught:
        quote.full_clean()

    assert caught.value.message_dict == {
        "__all__": ["Only a misattributed quote names who really said it."]
    }
