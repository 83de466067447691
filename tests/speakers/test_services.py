import pytest
from django.core.exceptions import ValidationError

from apps.speakers.models import Speaker, SpeakerAlias
from apps.speakers.services import speaker_create, speaker_delete
from tests.factories import ClaimFactory, QuoteFactory, SpeakerAliasFactory, SpeakerFactory


def test_speaker_create_gives_a_free_slug(db):
    SpeakerFactory(slug="vladimir-putin")

    speaker = speaker_create(name="Vladimir Putin")

    assert speaker.slug == "vladimir-putin-2"


def test_speaker_create_records_aliases(db):
    speaker = speaker_create(name="Vladimir Putin", aliases=["Putin", "the Russian President"])

    assert list(speaker.aliases.values_list("name", flat=True)) == [
        "Putin",
        "the Russian President",
    ]


def test_speaker_create_validates_before_saving(db):
    with pytest.raises(ValidationError) as caught:
        speaker_create(name="Vladimir Putin", wikidata_id="7747")

    assert (caught.value.message_dict, Speaker.objects.count()) == (
        {
            "wikidata_id": [
                "A Wikidata id is a Q followed by digits, with no leading zero, such as Q7747."
            ]
        },
        0,
    )


def test_speaker_delete_refuses_speaker_that_quotes_and_claims_point_to(db):
    putin = SpeakerFactory(name="Vladimir Putin")
    QuoteFactory(speaker=putin)
    QuoteFactory(speaker=putin)
    ClaimFactory(claimant=putin)

    with pytest.raises(ValidationError) as caught:
        speaker_delete(speaker=putin)

    assert caught.value.messages == [
        "Cannot delete speaker \u201cVladimir Putin\u201d: 1 claim and 2 quotes point to it. "
        "Remove or reassign them first."
    ]


def test_speaker_delete_keeps_the_refused_speaker(db):
    putin = SpeakerFactory(name="Vladimir Putin")
    QuoteFactory(speaker=putin)

    with pytest.raises(ValidationError):
        speaker_delete(speaker=putin)

    assert Speaker.objects.filter(pk=putin.pk).exists()


def test_speaker_delete_refuses_speaker_named_as_the_real_author(db):
    churchill = SpeakerFactory(name="Winston Churchill")
    QuoteFactory(verdict="misattributed", misattributed_to=churchill)

    with pytest.raises(ValidationError) as caught:
        speaker_delete(speaker=churchill)

    assert caught.value.messages == [
        "Cannot delete speaker \u201cWinston Churchill\u201d: 1 quote points to it. "
        "Remove or reassign them first."
    ]


def test_speaker_delete_deletes_speaker_nothing_points_to_with_its_aliases(db):
    speaker = SpeakerFactory()
    alias = SpeakerAliasFactory(speaker=speaker)

    speaker_delete(speaker=speaker)

    assert (
        Speaker.objects.filter(pk=alias.speaker_id).exists(),
        SpeakerAlias.objects.filter(pk=alias.pk).exists(),
    ) == (False, False)
