"""Template helpers for the public pages: verdict badges, the scorecard chart, JSON-LD,
links to objects' pages."""

from django import template
from django.utils.html import format_html

from apps.claims.models import Rating
from apps.core import paths
from apps.web import cards, jsonld, page_paths
from apps.web import scorecard as scorecards

register = template.Library()


@register.simple_tag
def route(view_name: str) -> str:
    """`{% url view_name %}` for a route without arguments, reversed once per process
    (apps/core/paths.py): every page links a dozen of them."""
    return paths.route_path(view_name)


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


@register.simple_tag
def scorecard(rows, speaker_name: str):
    """A speaker's verdicts as a bar chart (apps/web/scorecard.py)."""
    return scorecards.scorecard(rows, speaker_name)


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
