"""Passwords: at least 12 characters, not common, not all digits, not like the user name."""

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError

from tests.factories import UserFactory


def problems(password: str, user=None) -> list[str]:
    try:
        validate_password(password, user)
    except ValidationError as error:
        return [e.code for e in error.error_list]
    return []


def test_twelve_character_passphrase_is_accepted(db):
    assert problems("vellum-otter-42") == []


def test_eleven_characters_are_too_short(db):
    assert problems("vellum-otte") == ["password_too_short"]


def test_common_password_is_refused(db):
    assert problems("password1234") == ["password_too_common"]


def test_digits_only_are_refused(db):
    assert problems("804615290377") == ["password_entirely_numeric"]


@pytest.mark.django_db
def test_password_like_the_user_name_is_refused():
    user = UserFactory.build(username="margaretha.vellum", email="")

    assert problems("margaretha.vellum", user) == ["password_too_similar"]


def test_the_message_names_the_minimum(db):
    with pytest.raises(ValidationError) as caught:
        validate_password("short-pass")

    assert caught.value.messages == [
        "This password is too short. It must contain at least 12 characters."
    ]
