"""Control characters: refused at input by one validator every door reaches, and dropped on
output from text stored before."""

import pytest
from django.core.exceptions import ValidationError

from apps.claims.services import claim_create
from apps.core.text import validate_text, without_control_characters
from apps.speakers.services import speaker_create
from apps.topics.services import topic_create

MESSAGE = (
    "Remove the control character U+0002 at position 8: text may hold tabs and line breaks, "
    "but no other control characters."
)


@pytest.mark.parametrize("character", ["\x00", "\x01", "\x02", "\x08", "\x0b", "\x1f", "\x7f"])
def test_a_control_character_is_refused(character):
    with pytest.raises(ValidationError):
        validate_text(f"Exports{character}rose")


@pytest.mark.parametrize("text", ["Exports\trose", "Exports\nrose", "Exports\r\nrose", "Ünïcödé"])
def test_tabs_line_breaks_and_letters_are_text(text):
    validate_text(text)


def test_the_refusal_names_the_character_and_its_position():
    with pytest.raises(ValidationError) as refused:
        validate_text("Exports\x02rose")

    assert refused.value.messages == [MESSAGE]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("write", "field"),
    [
        (lambda: claim_create(statement="Exports\x02rose."), "statement"),
        (lambda: speaker_create(name="Exports\x02rose"), "name"),
        (lambda: topic_create(name="Trade", description="Exports\x02rose"), "description"),
    ],
    ids=["claim", "speaker", "topic"],
)
def test_every_service_refuses_a_control_character_naming_the_field(write, field):
    with pytest.raises(ValidationError) as refused:
        write()

    assert refused.value.message_dict[field] == [MESSAGE]


def test_output_drops_what_was_stored_before():
    assert without_control_characters("Exports\x02 rose\x03\tby 12%\n") == "Exports rose\tby 12%\n"
