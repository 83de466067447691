"""Slugs name pages, so no two rows of a kind share one; `unique_slug` picks a free one."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from apps.core.slugs import unique_slug
from apps.speakers.models import Speaker
from tests.factories import (
    ClaimFactory,
    PublisherFactory,
    SourceFactory,
    SpeakerFactory,
    TopicFactory,
)

SLUGGED = pytest.mark.parametrize(
    ("factory", "build_fields", "message"),
    [
        (SpeakerFactory, {}, "Speaker with this Slug already exists."),
        (SourceFactory, {"publisher": None}, "Source with this Slug already exists."),
        (ClaimFactory, {"claimant": None}, "Claim with this Slug already exists."),
        (TopicFactory, {}, "Topic with this Slug already exists."),
        (PublisherFactory, {}, "Publisher with this Slug already exists."),
    ],
    ids=["speaker", "source", "claim", "topic", "publisher"],
)


@SLUGGED
def test_database_rejects_duplicate_slug(db, factory, build_fields, message):
    factory(slug="taken")

    with pytest.raises(IntegrityError), transaction.atomic():
        factory(slug="taken")


@SLUGGED
def test_full_clean_rejects_duplicate_slug(db, factory, build_fields, message):
    factory(slug="taken")
    duplicate = factory.build(slug="taken", **build_fields)

    with pytest.raises(ValidationError) as caught:
        duplicate.full_clean()

    assert caught.value.message_dict == {"slug": [message]}


def test_unique_slug_slugifies_the_text(db):
    assert unique_slug(Speaker, "Vladimir Putin") == "vladimir-putin"


def test_unique_slug_numbers_slugs_already_taken(db):
    SpeakerFactory(slug="vladimir-putin")
    SpeakerFactory(slug="vladimir-putin-2")

    assert unique_slug(Speaker, "Vladimir Putin") == "vladimir-putin-3"


def test_unique_slug_ignores_the_row_being_renamed(db):
    putin = SpeakerFactory(slug="vladimir-putin")

    assert unique_slug(Speaker, "Vladimir Putin", exclude_pk=putin.pk) == "vladimir-putin"


def test_unique_slug_transliterates_to_ascii(db):
    assert unique_slug(Speaker, "Zoë Ångström") == "zoe-angstrom"


def test_unique_slug_falls_back_to_model_name_when_nothing_is_left(db):
    assert unique_slug(Speaker, "Путин") == "speaker"


def test_unique_slug_keeps_within_max_length_when_numbering(db):
    SpeakerFactory(slug="abcdefghij")

    assert unique_slug(Speaker, "abcdefghij", max_length=10) == "abcdefgh-2"
