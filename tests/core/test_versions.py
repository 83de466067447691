"""The one lost-update check (apps/core/versions.py), which every update, delete and
workflow service runs first with the version its caller read."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError

from apps.core.versions import (
    EDIT_CONFLICT,
    edit_conflict,
    require_version,
    version_from_number,
    version_number,
)
from apps.speakers.services import speaker_update
from tests.factories import SpeakerFactory, UserFactory


def test_version_number_round_trips_to_the_microsecond(db):
    speaker = SpeakerFactory()

    assert version_from_number(version_number(speaker.updated_at)) == speaker.updated_at


def test_require_version_passes_the_stored_version(db):
    speaker = SpeakerFactory()

    assert require_version(speaker, speaker.updated_at) is None


def test_require_version_without_an_expected_version_checks_nothing(db):
    speaker = SpeakerFactory()

    assert require_version(speaker, None) is None


def test_require_version_refuses_a_stale_version_naming_who_changed_it(db):
    speaker = SpeakerFactory(description="")
    read = speaker.updated_at
    ada = UserFactory(username="ada", first_name="Ada", last_name="Lovelace")
    speaker_update(speaker=speaker, actor=ada, description="Changed by Ada.")

    with pytest.raises(ValidationError) as refused:
        require_version(speaker, read)

    speaker.refresh_from_db()
    conflict = edit_conflict(refused.value)
    assert (conflict.code, conflict.params["version"], conflict.messages) == (
        EDIT_CONFLICT,
        speaker.updated_at,
        [f"This speaker was changed by {conflict.params['changed_by']}, after you read it."],
    )
    assert conflict.params["changed_by"].startswith("Ada Lovelace (ada) at ")


def test_update_service_given_a_stale_version_changes_nothing(db):
    speaker = SpeakerFactory(description="As created.")
    stale = speaker.updated_at - timedelta(seconds=1)

    with pytest.raises(ValidationError) as refused:
        speaker_update(speaker=speaker, expected_version=stale, description="Overwritten.")

    speaker.refresh_from_db()
    assert (edit_conflict(refused.value).code, speaker.description) == (
        EDIT_CONFLICT,
        "As created.",
    )


def test_update_service_given_the_version_it_read_changes_the_object(db):
    speaker = SpeakerFactory(description="As created.")

    speaker_update(speaker=speaker, expected_version=speaker.updated_at, description="Changed.")

    speaker.refresh_from_db()
    assert speaker.description == "Changed."
