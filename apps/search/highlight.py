from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

START, STOP = "\x02", "\x03"


def highlight_html(marked: str) -> SafeString:
    """Escape a snippet whose matches the database marked with \\x02…\\x03, then mark them.

    Everything in the snippet is untrusted text; only the <mark> tags added here are HTML.
    """
    escaped = escape(marked)
    return mark_safe(escaped.replace(START, "<mark>").replace(STOP, "</mark>"))
