"""Routes reversed once per process into path templates, for pages and API answers that
link hundreds of objects: reverse() resolves the route again on every call (a seventh of a
speaker's page, eight routes on every page of quotes in the API).

`route_path(view_name)` is the path of a route without arguments (the site's navigation:
a dozen on every page), reversed once per URL configuration and script prefix.
`route_template(view_name, kwarg)` is the route's path with PLACEHOLDER where the value
goes, reversed once per URL configuration and script prefix; a value that is PLAIN may be
put in as it is (both the `int` and `slug` converters accept it and reverse() would not
quote it). Any other value takes reverse() the ordinary way.
"""

import re

from django.conf import settings
from django.urls import get_script_prefix, get_urlconf, reverse

# Stands for the slug or id while a route is reversed into a template: digits, so that
# both the `int` and the `slug` converters accept it.
PLACEHOLDER = "90817263544536271809"
# What both converters' values look like and reverse() leaves as it is (no quoting).
PLAIN = re.compile(r"[-a-zA-Z0-9_]+")
_TEMPLATES: dict[tuple, str] = {}


def route_template(view_name: str, kwarg: str) -> str:
    """The path of route `view_name` with PLACEHOLDER for `kwarg`."""
    key = (view_name, kwarg, settings.ROOT_URLCONF, get_urlconf(), get_script_prefix())
    path = _TEMPLATES.get(key)
    if path is None:
        path = _TEMPLATES[key] = reverse(view_name, kwargs={kwarg: PLACEHOLDER})
    return path


def route_path(view_name: str) -> str:
    """`reverse(view_name)` of a route without arguments."""
    key = (view_name, None, settings.ROOT_URLCONF, get_urlconf(), get_script_prefix())
    path = _TEMPLATES.get(key)
    if path is None:
        path = _TEMPLATES[key] = reverse(view_name)
    return path


def path_with(view_name: str, kwarg: str, value) -> str:
    """`reverse(view_name, kwargs={kwarg: value})`: from the route's template when `value`
    is PLAIN, else by reverse()."""
    text = str(value)
    if not PLAIN.fullmatch(text):
        return reverse(view_name, kwargs={kwarg: value})
    return route_template(view_name, kwarg).replace(PLACEHOLDER, text)
