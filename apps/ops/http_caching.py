"""HTTP caching for what sits in front of Factbase: validators, 304s and Cache-Control.

Three middleware, placed together above the response cache (factbase/settings.py), so
that they run on its hits as on its misses:

- `GZipMiddleware` is Django's, for anonymous readers only (see its docstring and
  docs/security.md). Outermost of the three: it compresses what the others produced.
- `ConditionalGetMiddleware` is Django's, for HEAD as well as GET: every 200 without an
  `ETag` gets one (the MD5 of its body: exact, whatever the page shows), and a request
  whose `If-None-Match` (or, without one, `If-Modified-Since`) matches is answered 304.
  A view's own `ETag` is kept (the API's details: version and audience), and so is its
  `Last-Modified` (the feeds'). It runs before compression: GZipMiddleware adds random
  bytes to every body (its BREACH mitigation), so a tag of the compressed body would never
  match; it then only makes a strong tag weak (`W/"…"`), which `If-None-Match` still
  matches (a weak comparison).
- `CacheControlMiddleware` says who may keep an answer and for how long
  (`cache_control_for`). Shared caches may keep only the public pages, API, feeds and
  sitemap as anonymous readers get them; whatever a signed-in requester, the admin, a
  write or an error gets is `private` or `no-store`. It adds `Vary: Cookie` (and
  `Authorization` on the API) to what shared caches may keep, so that a proxy never hands
  a reader's copy to an editor, and `Vary: Accept-Encoding` to anything GZipMiddleware may
  compress, 304s included (GZipMiddleware itself leaves a short body, a 304's among them,
  without it).

None of them reads the database. A view that sets `Cache-Control` itself (the admin's
`never_cache`) keeps its own.
"""

from django.conf import settings
from django.middleware.gzip import GZipMiddleware as DjangoGZipMiddleware
from django.middleware.gzip import re_accepts_gzip
from django.middleware.http import ConditionalGetMiddleware as DjangoConditionalGetMiddleware
from django.utils.cache import (
    get_conditional_response,
    patch_cache_control,
    patch_vary_headers,
    set_response_etag,
)
from django.utils.http import parse_http_date_safe

from apps.ops import response_cache

# Answers a shared cache may keep for everyone (RFC 9110 15.1: cacheable by default, and a
# 304 repeats the headers of the 200 it stands for). A 404 and a 410 too: a missing page is
# as public as a present one, and a spider asking for it again and again is load. Other
# errors (a 429 is one client's, a 503 is a moment's) must not outlive their request.
SHAREABLE_STATUSES = frozenset({200, 203, 204, 300, 301, 304, 308, 404, 410})
# GZipMiddleware compresses nothing shorter (django.middleware.gzip).
GZIP_MIN_LENGTH = 200


class GZipMiddleware(DjangoGZipMiddleware):
    """Django's, for anonymous readers only.

    A signed-in requester's answers go uncompressed, for two reasons. They are the only
    answers that hold a secret (the admin's CSRF tokens, drafts no reader sees), which
    BREACH could read from the sizes of compressed answers to requests that an attacker's
    page makes a signed-in browser send; anonymous answers are the same for everyone.
    And compressing makes an ETag weak (`W/"…"`, RFC 9110 8.8.1), which `If-Match` never
    matches: an editor's client that asks for gzip (most HTTP libraries do) could then
    never write with the ETag it read. Django's own mitigation (random bytes in every
    gzip header) stays on for what is compressed.
    """

    def process_response(self, request, response):
        if _may_be_signed_in(request):
            return response
        if response.status_code == 304:
            return _weakened_like_its_200(request, response)
        return super().process_response(request, response)


def _weakened_like_its_200(request, response):
    """A 304 to a client that accepts gzip carries the ETag the compressed 200 would have
    had (weak), as RFC 9110 15.4.5 asks; GZipMiddleware leaves a 304 alone (no body)."""
    etag = response.get("ETag", "")
    vary = {v.strip().lower() for v in response.get("Vary", "").split(",")}
    if (
        etag.startswith('"')
        and "accept-encoding" in vary
        and re_accepts_gzip.search(request.META.get("HTTP_ACCEPT_ENCODING", ""))
    ):
        response.headers["ETag"] = "W/" + etag
    return response


class ConditionalGetMiddleware(DjangoConditionalGetMiddleware):
    """Django's, for HEAD too: a HEAD gets the headers of the GET, its ETag and 304 too.

    Django's skips HEAD, saying its body is empty; here every view renders its body for
    HEAD as for GET (Django's and DRF's views answer HEAD with `get`), and the server
    drops it, so the tag is the GET's.
    """

    def process_response(self, request, response):
        if request.method not in ("GET", "HEAD"):
            return response
        if self.needs_etag(response) and not response.has_header("ETag"):
            set_response_etag(response)
        etag = response.get("ETag")
        last_modified = response.get("Last-Modified")
        last_modified = last_modified and parse_http_date_safe(last_modified)
        if not (etag or last_modified):
            return response
        conditional = get_conditional_response(
            request, etag=etag, last_modified=last_modified, response=response
        )
        if conditional is not response and response.has_header(response_cache.HEADER):
            # Whether the 304 (or 412) stood for a response-cache hit or miss.
            conditional[response_cache.HEADER] = response[response_cache.HEADER]
        return conditional


class CacheControlMiddleware:
    """Sets `Cache-Control` and `Vary` on every answer that has none (`cache_control_for`)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if _may_be_compressed(request, response):
            patch_vary_headers(response, ["Accept-Encoding"])
        if response.has_header("Cache-Control"):
            return response
        directives, vary = cache_control_for(request, response)
        patch_cache_control(response, **directives)
        if vary:
            patch_vary_headers(response, vary)
        return response


def cache_control_for(request, response) -> tuple[dict, list[str]]:
    """The `Cache-Control` directives and the `Vary` headers for `response`.

    - a write's answer: `no-store`;
    - a request that may be signed in (a session or messages cookie, an `Authorization`
      header): `private, no-cache`: the browser may keep it and revalidate it (its ETag
      answers 304), no proxy may;
    - an anonymous answer that sets a cookie (the CSRF cookie of a form): the same;
    - an anonymous 200, 301, 404, 410 … of the public pages, API, feeds or sitemap:
      `public` for HTTP_CACHE_MAX_AGE seconds in a browser and HTTP_CACHE_S_MAXAGE in a
      shared cache, which may also serve it stale while it revalidates
      (HTTP_CACHE_STALE_WHILE_REVALIDATE) or while Factbase answers errors
      (HTTP_CACHE_STALE_IF_ERROR);
    - anything else (other errors, redirects that may change, the health checks): `no-store`.
    """
    if request.method not in ("GET", "HEAD"):
        return {"no_store": True}, []
    if _may_be_signed_in(request) or response.cookies:
        return {"private": True, "no_cache": True}, []
    if response.status_code not in SHAREABLE_STATUSES:
        return {"no_store": True}, []
    namespace = _public_namespace(request)
    if namespace is None:
        return {"no_store": True}, []
    directives = {
        "public": True,
        "max_age": settings.HTTP_CACHE_MAX_AGE,
        "s_maxage": settings.HTTP_CACHE_S_MAXAGE,
    }
    if settings.HTTP_CACHE_STALE_WHILE_REVALIDATE:
        directives["stale_while_revalidate"] = settings.HTTP_CACHE_STALE_WHILE_REVALIDATE
    if settings.HTTP_CACHE_STALE_IF_ERROR:
        directives["stale_if_error"] = settings.HTTP_CACHE_STALE_IF_ERROR
    # An editor's request to the same URL must not be answered with the reader's copy:
    # they sign in with the session cookie, and on the API with a token too.
    vary = ["Cookie", "Authorization"] if namespace == "api" else ["Cookie"]
    return directives, vary


def _may_be_compressed(request, response) -> bool:
    """Could GZipMiddleware compress this answer for some client? Then the answer varies
    on `Accept-Encoding`, and so does the 304 that stands for it."""
    if request.method not in ("GET", "HEAD") or _may_be_signed_in(request):
        return False
    return (
        response.streaming
        or response.status_code == 304
        or len(response.content) >= GZIP_MIN_LENGTH
    )


def _may_be_signed_in(request) -> bool:
    """Could this request be anyone's but an anonymous reader's? Read from the headers,
    not from `request.user`, which would load the session (a query, and one that fails
    while the database is away)."""
    return (
        "Authorization" in request.headers
        or settings.SESSION_COOKIE_NAME in request.COOKIES
        or getattr(settings, "MESSAGE_COOKIE_NAME", "messages") in request.COOKIES
    )


def _public_namespace(request) -> str | None:
    """The namespace of a public URL, "api" or "web" (the sitemap counts as a page), or
    None for the rest: the response cache's own rule (`public_match`)."""
    match = response_cache.public_match(request)
    if match is None:
        return None
    return "api" if match.namespace == "api" else "web"
