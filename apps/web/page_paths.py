"""Paths of objects' pages, without resolving the route again for every link.

A speaker's page links a hundred claims and quotes, and reverse() was a seventh of its
time. Each route is reversed once (per URL configuration and script prefix) into a path
template with a placeholder, and the object's slug or id is put in. Values a path converter
might not accept take the ordinary way. tests/web/test_page_paths.py checks that these give
what get_absolute_url() gives.
"""

import re

from django.conf import settings
from django.urls import get_script_prefix, get_urlconf, reverse

from apps.claims.models import Claim
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
# Stands for the slug or id while a route is reversed into a template: digits, so that
# both the `int` and the `slug` converters accept it.
_PLACEHOLDER = "90817263544536271809"
# What both converters' values look like and reverse() leaves as it is (no quoting).
_PLAIN = re.compile(r"[-a-zA-Z0-9_]+")
_PATH_TEMPLATES: dict[tuple, str] = {}


def page_path(obj) -> str:
    """`obj.get_absolute_url()`."""
    route = PAGE_ROUTES.get(type(obj))
    if route is None:
        return obj.get_absolute_url()
    view_name, attribute = route
    value = str(getattr(obj, attribute))
    if not _PLAIN.fullmatch(value):
        return obj.get_absolute_url()
    key = (view_name, settings.ROOT_URLCONF, get_urlconf(), get_script_prefix())
    path = _PATH_TEMPLATES.get(key)
    if path is None:
        path = _PATH_TEMPLATES[key] = reverse(view_name, kwargs={attribute: _PLACEHOLDER})
    return path.replace(_PLACEHOLDER, value)
