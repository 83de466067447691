"""`{% api_alternate %}`: the page's object (or list) in the API, as a
`<link rel="alternate" type="application/json">` in the page's head, so that a reader's
tool finds the data behind any page without knowing the API's addresses.

The API's routes are named here, not imported: web and api are doors on the same layer.
"""

from django import template
from django.urls import NoReverseMatch, reverse
from django.utils.html import format_html

register = template.Library()

# Page (the web namespace's URL name) → the API route of what it shows.
LISTS = {
    "claim-list": "api:claim-list",
    "quote-list": "api:quote-list",
    "speaker-list": "api:speaker-list",
    "source-list": "api:source-list",
    "topic-list": "api:topic-list",
    "method": "api:rating-list",
}
DETAILS = {
    "claim-detail": "api:claim-detail",
    "quote-detail": "api:quote-detail",
    "speaker-detail": "api:speaker-detail",
    "source-detail": "api:source-detail",
    "source-versions": "api:source-detail",
    "topic-detail": "api:topic-detail",
}


@register.simple_tag(takes_context=True)
def api_alternate(context) -> str:
    request = context.get("request")
    match = getattr(request, "resolver_match", None)
    if match is None or match.namespace != "web":
        return ""
    try:
        if match.url_name in LISTS:
            path = reverse(LISTS[match.url_name])
        elif match.url_name in DETAILS and context.get("object") is not None:
            path = reverse(DETAILS[match.url_name], args=[context["object"].pk])
        else:
            return ""
    except NoReverseMatch:
        return ""
    return format_html(
        '<link rel="alternate" type="application/json" title="This page in the API" href="{}">',
        request.build_absolute_uri(path),
    )
