"""Reading one ClaimReview item's values strictly (see `Values`): what mapping.py builds a
review from. A value that is not what its field takes is never turned into one silently."""

import datetime
import math
import re

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator

from apps.core.text import validate_text


class SkipItem(Exception):
    """The item cannot be imported as it is; the message says why, naming the field."""


_URL = URLValidator(schemes=["http", "https"])
_PLAIN_URL = re.compile(
    r"https?://(?:[a-z0-9](?:[a-z0-9\-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}(?::[0-9]{1,5})?"
    r"(?:[/?#][\x21-\x7e]*)?",
    re.IGNORECASE,
)

# The kinds of note a value gets in the import report (with the item's number).
LEFT_OUT = "value left out (not what its field takes)"
SHORTENED = "text shortened to fit its field"
SEVERAL = "several values where one is expected (the first kept)"
APPEARANCE_LEFT_OUT = "appearance left out"

# A claim is one checkable statement; its analysis, the review's article. Longer ones are
# not what the fields are for (and a 2,000,000-character "statement" is not a claim).
STATEMENT_MAX = 5_000
ANALYSIS_MAX = 200_000
SUMMARY_MAX = 500
# No rating scale goes further: beyond it, a number is a mistake (1e308), not a verdict.
RATING_NUMBER_MAX = 1_000_000


class Values:
    """Reads one item's values strictly: a value that is not of its field's kind is never
    turned into one silently. It is refused (SkipItem, naming the field) where the item
    cannot do without it, and otherwise left out, shortened or narrowed to its first value
    with a note saying so. Text with a control character is refused wherever it is
    (apps.core.text): no model's `full_clean` sees a bulk import's rows."""

    def __init__(self):
        self.notes: list[tuple[str, str]] = []

    def note(self, kind: str, text: str) -> None:
        self.notes.append((kind, text))

    def text(self, value, field: str, *, required: bool = False, limit: int = 0) -> str:
        """The text of `value` with its whitespace collapsed. `required`: the item is skipped
        rather than take a part of it (one of several values, a shortened text)."""
        if isinstance(value, list):
            texts = [v for v in value if v not in (None, "")]
            if len(texts) > 1:
                if required:
                    raise SkipItem(f"`{field}` holds {len(texts)} values, where one is expected")
                self.note(SEVERAL, f"`{field}` holds {len(texts)} values; the first is kept")
            value = texts[0] if texts else None
        if isinstance(value, dict):  # a Thing given for its name
            value = value.get("name")
        if value is None:
            return ""
        if isinstance(value, dict | list | bool) or (required and not isinstance(value, str)):
            if required:
                raise SkipItem(f"`{field}` is {_kind(value)}, not a text")
            self.note(LEFT_OUT, f"`{field}` is {_kind(value)}, not a text; left out")
            return ""
        value = str(value)
        try:
            validate_text(value)
        except ValidationError as error:
            raise SkipItem(f"`{field}`: {error.messages[0]}") from None
        text = _WHITESPACE.sub(" ", value).strip()
        if limit and len(text) > limit:
            if required:
                raise SkipItem(
                    f"`{field}` is {len(text):,} characters long; at most {limit:,} are imported"
                )
            return self.shortened(text, field, limit)
        return text

    def shortened(self, text: str, field: str, limit: int) -> str:
        if len(text) <= limit:
            return text
        self.note(SHORTENED, f"`{field}` shortened from {len(text):,} to {limit:,} characters")
        return text[: limit - 1].rstrip() + "…"

    def number(self, value, field: str) -> float | None:
        if isinstance(value, list) and len(value) == 1:
            value = value[0]
        if value is None or value == "":
            return None
        number = None
        if not isinstance(value, bool | dict | list):
            try:
                number = float(value)
            except (TypeError, ValueError):
                number = None
        if number is None or not math.isfinite(number) or abs(number) > RATING_NUMBER_MAX:
            shown = repr(value)[:40] if not isinstance(value, dict | list) else _kind(value)
            self.note(
                LEFT_OUT,
                f"`{field}` {shown} is not a rating number (finite, at most "
                f"{RATING_NUMBER_MAX:,} either way); left out",
            )
            return None
        return number

    def date(self, value, field: str) -> datetime.date | None:
        text = self.text(value, field)
        if not text:
            return None
        try:
            return datetime.date.fromisoformat(text[:10])
        except ValueError:
            pass
        try:
            return datetime.datetime.fromisoformat(text).date()
        except ValueError:
            self.note(LEFT_OUT, f"`{field}` {text[:40]!r} is not a date (YYYY-MM-DD); left out")
            return None

    def language(self, value, field: str) -> str:
        text = self.text(value, field)
        if not text:
            return ""
        if not re.fullmatch(r"[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*", text) or len(text) > 35:
            self.note(
                LEFT_OUT, f"`{field}` {text[:40]!r} is not a language code (BCP 47); left out"
            )
            return ""
        return text

    def url(self, value, field: str) -> str:
        text = self.text(value, field)
        if text and (len(text) > 2000 or not valid_url(text)):
            self.note(LEFT_OUT, f"`{field}` {text[:60]!r} is not a web address; left out")
            return ""
        return text


_WHITESPACE = re.compile(r"\s+")


def _kind(value) -> str:
    if isinstance(value, bool):
        return "true or false"
    if isinstance(value, dict):
        return "an object"
    if isinstance(value, list):
        return "a list"
    return "a number" if isinstance(value, int | float) else "a text"


def valid_url(url: str) -> bool:
    """An http(s) address with a plausible host. Django's URLValidator says the same of the
    addresses fact-checkers publish, at a tenth of the cost (it is most of the time spent
    reading an item); anything unusual still goes through it."""
    if _PLAIN_URL.fullmatch(url):
        return True
    try:
        _URL(url)
    except ValidationError:
        return False
    return True
