import secrets
from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from apps.core.text import without_control_characters


@dataclass(frozen=True)
class Markers:
    """What the database puts around each match in a snippet, for `highlight_html` to turn
    into <mark> tags. Made afresh for each search, from a random token: stored text can
    hold any character (control characters stored before they were refused included), but
    not the token of a search made after it was stored, so no stored text can open or close
    a <mark>."""

    start: str
    stop: str

    @classmethod
    def fresh(cls) -> "Markers":
        token = secrets.token_hex(8)
        # Private-use characters: not words, so no text search configuration splits them.
        return cls(start=f"\ue000{token}\ue001", stop=f"\ue002{token}\ue003")


def highlight_html(marked: str, markers: Markers) -> SafeString:
    """Escape a snippet whose matches the database marked with `markers`, then mark them.

    Everything in the snippet is untrusted text; only the <mark> tags added here are HTML.
    Control characters are dropped: they cannot be shown, and XML cannot hold them.
    """
    escaped = escape(without_control_characters(marked))
    return mark_safe(escaped.replace(markers.start, "<mark>").replace(markers.stop, "</mark>"))
