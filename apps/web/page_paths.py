"""Paths of objects' pages, without resolving the route again for every link.

A speaker's page links a hundred claims and quotes, and reverse() was a seventh of its
time. Each route is reversed once into a path template (apps/core/paths.py), and the
object's slug or id is put in. tests/web/test_page_paths.py checks that these give what
get_absolute_url() gives.
"""

from apps.claims.models import Claim
from apps.core.paths import PLACEHOLDER, PLAIN, route_template
from apps.quotes.models import Quote
from apps.sources.models import Source
from apps.speakers.models import Speaker
from apps.topics.models import Topic

# How each model's get_absolute_url() names its page: the route and the attribute it puts in.
PAGE_ROUTES = {
    Claim: ("web:claim-detail", "slug"),
    Quote: ("web:quote-detail", "pk"),
    Speaker: ("web:speaker-detail", "slug"),
    Source: ("web:source-detail", "slug"),
    Topic: ("web:topic-detail", "slug"),
}


def page_path(obj) -> str:
    """`obj.get_absolute_url()`."""
    return PagePaths()(obj)


class PagePaths:
    """`page_path` for the objects of one list: each route's template is looked up once
    per instance, not once per object. route_template() reads the URL configuration and
    the script prefix, both context-locals (asgiref's `Local`), 15 µs a look-up: a
    fifth of a card (apps/web/cards.py). Make one per list, within one request."""

    __slots__ = ("_templates",)

    def __init__(self):
        self._templates: dict[tuple[str, str], str] = {}

    def __call__(self, obj) -> str:
        route = PAGE_ROUTES.get(type(obj))
        if route is None:
            return obj.get_absolute_url()
        value = str(getattr(obj, route[1]))
        if not PLAIN.fullmatch(value):
            return obj.get_absolute_url()
        template = self._templates.get(route)
        if template is None:
            template = self._templates[route] = route_template(*route)
        return template.replace(PLACEHOLDER, value)
