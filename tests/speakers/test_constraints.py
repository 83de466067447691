"""The rules the database keeps for speakers, whatever path a write takes."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from apps.speakers.models import Speaker, SpeakerAlias, SpeakerRole
from tests.factories import SpeakerAliasFactory, SpeakerFactory, arranged

WIKIDATA_MESSAGE = "A Wikidata id is a Q followed by digits, with no leading zero, such as Q7747."
MALFORMED_IDS = ["42", "Q042", "q42", "Q", "Q0", "Q42 ", "Q-42"]


def test_speaker_accepts_wikidata_id(db):
    speaker = SpeakerFactory(wikidata_id="Q42")

    speaker.full_clean()

    assert Speaker.objects.get(wikidata_id="Q42") == speaker


@pytest.mark.parametrize("wikidata_id", MALFORMED_IDS)
def test_speaker_validator_rejects_malformed_wikidata_id(db, wikidata_id):
    speaker = SpeakerFactory.build(wikidata_id=wikidata_id)

    with pytest.raises(ValidationError) as caught:
        speaker.full_clean()

    assert caught.value.message_dict == {"wikidata_id": [WIKIDATA_MESSAGE]}


@pytest.mark.parametrize("wikidata_id", MALFORMED_IDS)
def test_database_rejects_malformed_wikidata_id(db, wikidata_id):
    with pytest.raises(IntegrityError), arranged(), transaction.atomic():
        Speaker.objects.create(name="Douglas Adams", slug="douglas-adams", wikidata_id=wikidata_id)


def test_database_rejects_second_speaker_with_same_wikidata_id(db):
    SpeakerFactory(wikidata_id="Q7747")

    with pytest.raises(IntegrityError), arranged(), transaction.atomic():
        Speaker.objects.create(name="V. Putin", slug="v-putin", wikidata_id="Q7747")


def test_full_clean_rejects_second_speaker_with_same_wikidata_id(db):
    SpeakerFactory(wikidata_id="Q7747")
    duplicate = SpeakerFactory.build(wikidata_id="Q7747")

    with pytest.raises(ValidationError) as caught:
        duplicate.full_clean()

    assert caught.value.message_dict == {
        "__all__": ["Another speaker already has this Wikidata id."]
    }


def test_many_speakers_may_have_no_wikidata_id(db):
    SpeakerFactory(wikidata_id="")

    with arranged():
        Speaker.objects.create(name="An official", slug="an-official", wikidata_id="")

    assert Speaker.objects.filter(wikidata_id="").count() == 2


def test_database_rejects_second_alias_of_same_name_for_a_speaker(db):
    speaker = SpeakerFactory()
    SpeakerAliasFactory(speaker=speaker, name="Putin")

    with pytest.raises(IntegrityError), arranged(), transaction.atomic():
        SpeakerAlias.objects.create(speaker=speaker, name="Putin")


def test_database_rejects_role_ending_before_it_starts(db):
    speaker = SpeakerFactory()

    with pytest.raises(IntegrityError), arranged(), transaction.atomic():
        SpeakerRole.objects.create(
            speaker=speaker,
            title="President",
            start=datetime.date(2012, 5, 7),
            end=datetime.date(2008, 5, 7),
        )


def test_full_clean_rejects_role_ending_before_it_starts(db):
    role = SpeakerRole(
        speaker=SpeakerFactory(),
        title="President",
        start=datetime.date(2012, 5, 7),
        end=datetime.date(2008, 5, 7),
    )

    with pytest.raises(ValidationError) as caught:
        role.full_clean()

    assert caught.value.message_dict == {"__all__": ["A role cannot end before it starts."]}


def test_role_may_end_the_day_it_starts_or_have_open_dates(db):
    speaker = SpeakerFactory()
    day = datetime.date(2024, 6, 1)

    with arranged():
        SpeakerRole.objects.create(speaker=speaker, title="Acting president", start=day, end=day)
        SpeakerRole.objects.create(speaker=speaker, title="Mayor", start=None, end=day)
        SpeakerRole.objects.create(speaker=speaker, title="Senator", start=day, end=None)

    assert speaker.roles.count() == 3
