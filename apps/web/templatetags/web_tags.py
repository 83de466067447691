"""Template helpers for the public pages: verdict badges, the scorecard chart, JSON-LD,
links to objects' pages."""

from django import template
from django.utils.html import format_html

from apps.claims.models import Rating
from apps.web import cards, jsonld, page_paths
from apps.web.templatetags import fragments

register = template.Library()


@register.filter
def page_path(obj) -> str:
    """`obj.get_absolute_url()`, without resolving its route again (apps/web/page_paths.py)."""
    return page_paths.page_path(obj)


register.filter("verdict_class", cards.verdict_class)


@register.simple_tag
def verdict_badge(rating: Rating | None, size: str = ""):
    """A verdict's badge (apps/web/cards.py)."""
    return cards.verdict_badge(rating, size)


@register.filter
def at_most(count: int, cap: int) -> str:
    """`count`, or "<cap>+" past `cap` (for counts that stop counting there)."""
    return f"{cap}+" if count > cap else str(count)


@register.filter
def ld_json(data: dict | None) -> str:
    """A `<script type="application/ld+json">` block that no text in `data` can break."""
    if not data:
        return ""
    return format_html('<script type="application/ld+json">{}</script>', _Raw(jsonld.render(data)))


class _Raw(str):
    """JSON already escaped for a script block by `jsonld.render` (no <, > or & left)."""

    def __html__(self):
        return str(self)


# The scorecard chart's geometry, in SVG user units (the SVG scales to its container).
# Near a phone's width, so that its text stays legible there without scaling down.
CHART_WIDTH = 360
LABEL_WIDTH = 112
COUNT_WIDTH = 30
ROW_HEIGHT = 30
BAR_HEIGHT = 18


@register.simple_tag(takes_context=True)
def scorecard(context, rows, speaker_name: str):
    """A horizontal bar chart of a speaker's verdicts, drawn as SVG on the server.

    Each bar carries its verdict's label and count as text, so the chart reads without
    colour; the same numbers follow as a (visually hidden) table for screen readers, which
    are told to skip the drawing itself.

    Kept as the cards are (apps/web/templatetags/fragments.py), under every value it
    shows: rendering its geometry's sixty-odd localised numbers takes about 0.9 ms.
    """
    total = sum(row.count for row in rows)
    largest = max((row.count for row in rows), default=0) or 1
    bar_room = CHART_WIDTH - LABEL_WIDTH - COUNT_WIDTH
    bars = []
    for index, row in enumerate(rows):
        y = index * ROW_HEIGHT
        width = round(bar_room * row.count / largest, 1)
        bars.append(
            {
                "row": row,
                "css_class": cards.verdict_class(row.rating) if row.rating else "verdict--none",
                "y": y,
                "axis_y2": y + ROW_HEIGHT,
                "bar_y": y + (ROW_HEIGHT - BAR_HEIGHT) // 2,
                "text_y": y + ROW_HEIGHT // 2 + 5,
                "width": width,
                "count_x": LABEL_WIDTH + width + 6,
            }
        )
    shown = (speaker_name, tuple((b["row"].label, b["row"].count, b["css_class"]) for b in bars))
    values = {
        "bars": bars,
        "total": total,
        "speaker_name": speaker_name,
        "width": CHART_WIDTH,
        "height": ROW_HEIGHT * len(rows),
        "label_width": LABEL_WIDTH,
        "label_x": LABEL_WIDTH - 8,
        "bar_height": BAR_HEIGHT,
    }
    return fragments.kept(context, "web/includes/scorecard.html", ("scorecard", *shown), values)


@register.simple_tag(takes_context=True)
def absolute(context, path: str) -> str:
    """`path` as an absolute URL on the host the page was asked for."""
    return context["request"].build_absolute_uri(path)


@register.simple_tag(takes_context=True)
def page_url(context, page_number) -> str:
    """The current list's URL at another page, keeping its filters."""
    query = context["request"].GET.copy()
    query["page"] = page_number
    if str(page_number) == "1":
        del query["page"]
    encoded = query.urlencode()
    return f"?{encoded}" if encoded else context["request"].path


@register.simple_tag(takes_context=True)
def nav_current(context, prefix: str) -> str:
    """`aria-current="page"` text for the navigation link of the section being shown."""
    path = context["request"].path
    current = path == prefix if prefix == "/" else path.startswith(prefix)
    return (
        format_html(' aria-current="{}"', "page" if path == prefix else "true") if current else ""
    )
