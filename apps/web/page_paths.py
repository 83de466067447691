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
    route = PAGE_ROUTES.get(type(obj))
    if route is None:
        return obj.get_absolute_url()
    view_name, attribute = route
    value = str(getattr(obj, attribute))
    if not PLAIN.fullmatch(value):
        return obj.get_absolute_url()
    return route_template(view_name, attribute).replace(PLACEHOLDER, value)
