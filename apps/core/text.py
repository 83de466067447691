"""Text that can be stored, served as HTML and XML, and searched: no control characters.

C0 control characters (U+0000–U+001F, but tab, line feed and carriage return) and DEL carry
no meaning in a quote, a claim or a name, and break what serves them: XML 1.0 cannot hold
them (a feed with one answers 500), PostgreSQL refuses NUL, and search uses two of them to
mark its hits in snippets. So they are refused at input, by one validator that every door
reaches (the models' `clean_fields`, which every service runs through `full_clean`; the
API's text fields; the importers), and removed on output from text stored before.
"""

import re

from django.core.exceptions import ValidationError

# Tab (\x09), line feed (\x0a) and carriage return (\x0d) are text; the rest of C0 and DEL
# are not.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")

MESSAGE = (
    "Remove the control character {name} at position {position}: text may hold tabs and "
    "line breaks, but no other control characters."
)


def control_character(text: str) -> tuple[int, str] | None:
    """The first control character in `text` as (position from 1, its name), or None."""
    found = CONTROL_CHARACTERS.search(text)
    if found is None:
        return None
    return found.start() + 1, f"U+{ord(found.group()):04X}"


def validate_text(value) -> None:
    """Refuse text holding a control character, saying which one and where."""
    if not isinstance(value, str):
        return
    found = control_character(value)
    if found is not None:
        position, name = found
        raise ValidationError(
            MESSAGE.format(name=name, position=position),
            code="control_character",
            params={"position": position},
        )


def without_control_characters(text: str) -> str:
    """`text` with its control characters removed: for serving text stored before they
    were refused (feeds, snippets)."""
    return CONTROL_CHARACTERS.sub("", text)
