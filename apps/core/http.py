"""HTTP helpers that every layer serving responses shares (the API's views, the response
cache): plain functions of a request and a header, with no model or view behind them."""

from django.utils.http import parse_etags


def if_none_match(request, etag: str) -> bool:
    """Does the client already hold this representation? (weak comparison, RFC 9110 13.1.2)"""
    header = request.headers.get("If-None-Match")
    if not header:
        return False
    tags = parse_etags(header)
    return "*" in tags or etag.removeprefix("W/") in {tag.removeprefix("W/") for tag in tags}
