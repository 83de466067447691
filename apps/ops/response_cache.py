"""A shared cache of whole responses for anonymous readers, stale only where a write
changed what they show.

Most of an anonymous API request's time is Python (DRF's filters and serializers), not the
database; the same public document is asked for again and again. So the rendered response
of an anonymous GET to the public API and pages is kept, and served again while nothing it
shows has changed.

What it shows is a set of reader keys (apps/core/reader_keys.py): the rows its view loaded
and the sets of rows the view declared (apps/ops/staleness.py). A response is stored with
the current token of each key and the cache's generation; it is served at once while the
generation is the same (no visible write since: one query), and otherwise after checking
its keys' tokens (a second query): a write readers can see changes the generation and the
tokens of the keys it changed, so the responses that showed one of them are made again and
the others are served on. A write readers cannot see (a draft, a proposal, an import of
drafts) changes nothing. Each response carries its keys in `Surrogate-Key`, for a proxy in
front that purges by key (docs/deploying.md).

Something that changes without a write (a template after a deploy) is stale until
`RESPONSE_CACHE_TTL` runs out; so is everything if a process dies between a commit and its
bump.

The cache is a DatabaseCache that stores in one statement (apps/ops/response_store.py;
alias "responses", table `factbase_response_cache`, created by the migration apps.ops.0001,
its answers compressed by lz4 on PostgreSQL since 0004) and the tokens a table beside it:
both are shared
by every gunicorn worker and every host on the same database, which is what makes one bump
seen by all. Not cached, ever: signed-in requests (a session
cookie or an Authorization header, so no editor's view of a draft is ever stored or
served), requests carrying a messages cookie, anything but GET and HEAD, answers other
than 200, answers that set a cookie or carry a CSRF token, `Cache-Control: private` or
`no-store`, and answers that vary on a header the key does not hold.

API throttles still count a hit: the view's own throttles are asked first, and a refused
request falls through to the view, which answers 429 as it always did.

The key is made of exactly what the view is given, each part apart (`_key`): the scheme and
host its absolute links are built from, the script prefix its links start with and the path
it is resolved from (two parts: `SCRIPT_NAME` + path is ambiguous, which let a believed
`SCRIPT_NAME` header store the HTML page /sources/ under the key of /api/v1/sources/), the
raw query string, and for API views the renderer content negotiation picks (pages do not
read `Accept`, and a page that says `Vary: Accept` is not stored). So no header a client
sends can put one URL's answer under another's key; a header the key does not hold cannot
change the answer, or the answer is not stored.

Nor can a client fill the table with copies of one page (`/claims/?utm=1`, `?utm=2`, …):
an answer is stored only if its view read every query parameter sent, and every value of a
repeated one (request.GET notes what the view asks for, `ReadTrackingQueryDict`), and only
for the host as browsers send it (lower case, no port or the server's own). Anything else is
answered by the view and not stored: still correct, only not cached.
"""

import hashlib
import json
import logging
import secrets
import time

from django.conf import settings
from django.core.handlers.wsgi import get_bytes_from_wsgi
from django.db import DatabaseError
from django.http import Http404, HttpResponse, HttpResponseNotModified, QueryDict
from django.http.request import split_domain_port
from django.urls import Resolver404, get_script_prefix, resolve
from django.utils.cache import cc_delim_re
from rest_framework.exceptions import NotAcceptable
from rest_framework.renderers import JSONRenderer
from rest_framework.request import Request

from apps.core.http import if_none_match
from apps.core.reader_keys import ANY, EVERYTHING
from apps.ops.database import describe
from apps.ops.local_responses import local_entries
from apps.ops.staleness import (
    GENERATION_KEY,
    declared,
    noting_keys,
    response_cache,
    tokens,
)

logger = logging.getLogger(__name__)

HEADER = "X-Cache"
SURROGATE_KEY = "Surrogate-Key"
# Past this, a proxy would refuse the header: the response names `any` instead of its rows.
SURROGATE_KEY_MAX = 8000
CACHED_NAMESPACES = frozenset({"api", "web"})
CACHED_URL_NAMES = frozenset({"sitemap", "sitemap-section"})
# What a response may vary on and still be stored. Cookie: only requests without a session
# or messages cookie are served from the cache, and those all see the same page. Accept:
# the key holds the renderer an API view's content negotiation picks from it.
ALLOWED_VARY = frozenset({"cookie"})
API_ALLOWED_VARY = frozenset({"cookie", "accept"})
# Set per request by middleware outside this one; never stored.
UNSTORED_HEADERS = frozenset({"x-cache", "content-length", "set-cookie"})


# --- serving -------------------------------------------------------------------------


class ResponseCacheMiddleware:
    """Serves and stores anonymous GET/HEAD responses of the public pages and API.

    Placed after AuthenticationMiddleware: the middleware above it runs on hits too (request
    id, security headers, CSP, sessions' Vary), the ones below only on misses, and their
    headers (X-Frame-Options) are stored with the response. Responses carry `X-Cache: hit`
    or `miss`; requests the cache does not serve carry no `X-Cache`.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not settings.RESPONSE_CACHE or not _anonymous_read(request):
            return self.get_response(request)
        match = public_match(request)
        if match is None or not _usual_host(request):
            return self.get_response(request)
        view = _api_view(request, match)
        representation = _representation(request, view)
        if representation is None:  # nothing the client accepts: the view answers 406
            return self.get_response(request)
        key = _key(request, representation)
        try:
            generation, entry, held = _lookup(key)
        except DatabaseError as error:
            # Answered without the cache: a view that cannot reach the database either
            # answers 503 (apps/ops/database.py), one that can is served as usual.
            logger.warning("response cache not used: %s", describe(error))
            return self.get_response(request)
        if (held or _fresh(entry, generation, key)) and _throttles_allow(request, view):
            if not held:
                local_entries.keep(key, entry, generation)
            return _hit(request, entry)
        request.GET = ReadTrackingQueryDict(
            get_bytes_from_wsgi(request.META, "QUERY_STRING", ""), encoding=request.encoding
        )
        with noting_keys() as shown:
            response = self.get_response(request)
        if (
            generation is not None
            and request.method == "GET"
            and _storable(request, response, api=view is not None)
        ):
            shown |= declared(match.view_name, request) | {EVERYTHING}
            _store(key, generation, shown, response)
        response[HEADER] = "miss"
        return response


def _lookup(key: str):
    """The cache's generation, the entry for `key` (or None), and whether that entry is this
    process's copy found fresh under that generation (apps/ops/local_responses.py). One
    query: the generation alone when a copy is held, else the generation and the stored
    entry. A copy found fresh under an older generation is checked by `_fresh` as the
    stored entry would be: it is the answer that was stored, or one made under the same
    tokens."""
    cache = response_cache()
    held = local_entries.get(key)
    if held is not None:
        generation = cache.get(GENERATION_KEY)
        entry, found_in = held
        if generation is not None:
            return generation, entry, found_in == generation
        entry = None  # a cleared cache: no copy is served
    else:
        found = cache.get_many([GENERATION_KEY, key])
        generation, entry = found.get(GENERATION_KEY), found.get(key)
    if generation is None:
        # First use, or the token was lost: start one *before* the view reads, and store
        # nothing if a writer set one meanwhile (add() refuses then).
        fresh = secrets.token_hex(16)
        generation = fresh if cache.add(GENERATION_KEY, fresh, None) else None
    return generation, entry, False


class _Checked:
    """The entries this process found fresh by their tokens under one generation, as
    (cache key, the generation they were stored under). While the generation is the same,
    no visible write has happened since, so their tokens are still the same: each is
    checked once per process and generation, not on every hit (after a public write,
    every hit of an entry stored before it asked for its tokens until the entry expired:
    0.6 ms of CPU a hit of a rare-word search under gunicorn, bench/README.md). A new
    generation starts an empty set, replacing the object whole, so a thread that read the
    old one adds only to it."""

    __slots__ = ("entries", "generation")

    def __init__(self, generation: str | None):
        self.generation = generation
        self.entries: set[tuple[str, str]] = set()


_checked = _Checked(None)


def _fresh(entry, generation, key: str) -> bool:
    """Whether a stored response still shows what readers would be shown now: no visible
    write since it was stored, or none that changed one of its keys. Read in this order
    (the generation, then the tokens) so that a bump between the two cannot pass."""
    global _checked
    if entry is None or len(entry) != 6:  # none, or stored by an older release
        return False
    if entry[0] == generation:
        return True
    checked = _checked
    if checked.generation != generation:
        checked = _checked = _Checked(generation)
    if (key, entry[0]) in checked.entries:
        return True
    try:
        fresh = tokens(entry[1]) == entry[1]
    except DatabaseError as error:
        logger.warning("response cache not used: %s", describe(error))
        return False
    if fresh and generation is not None:
        checked.entries.add((key, entry[0]))
    return fresh


def _store(key: str, generation: str, shown: set[str], response) -> None:
    """Store the response with the tokens of what it showed, unless a visible write was
    bumped while it was made (its tokens could then be newer than what it read)."""
    try:
        current = tokens(shown)
        if response_cache().get(GENERATION_KEY) != generation:
            return
        response[SURROGATE_KEY] = _surrogate_keys(shown)
        headers = [(k, v) for k, v in response.items() if k.lower() not in UNSTORED_HEADERS]
        # When it expires goes with it: a process's copy of it expires then too.
        expires = time.time() + settings.RESPONSE_CACHE_TTL
        entry = (generation, current, response.status_code, headers, response.content, expires)
        response_cache().set(key, entry, settings.RESPONSE_CACHE_TTL)
        local_entries.keep(key, entry, generation)
    except DatabaseError as error:
        logger.warning("response not stored in the cache: %s", describe(error))


def _surrogate_keys(shown: set[str]) -> str:
    """The response's keys for a proxy that purges by key; `any`, which every visible write
    purges, when they are too many for a header."""
    named = " ".join(sorted(shown))
    if len(named) > SURROGATE_KEY_MAX:
        return f"{ANY} {EVERYTHING}"
    return named


class ReadTrackingQueryDict(QueryDict):
    """request.GET that notes which parameters were asked for, and how: by one value
    (`get`, `[]`, which give the last) or all of them (`getlist`). Being iterated, copied
    or asked `in` is not reading: a template that copies the query into its page links
    has not used the values."""

    def __init__(self, *args, **kwargs):
        self.read_last, self.read_all = set(), set()
        super().__init__(*args, **kwargs)
        self.read_last.clear()  # filling it in was not reading it
        self.read_all.clear()

    def __getitem__(self, key):
        self.read_last.add(key)
        return super().__getitem__(key)

    def _getlist(self, key, default=None, force_list=False):
        self.read_all.add(key)
        return super()._getlist(key, default, force_list)

    def unread(self) -> list[str]:
        """The parameters with a value the view did not read."""
        return [
            name
            for name, values in dict.items(self)
            if name not in self.read_all and (name not in self.read_last or len(values) > 1)
        ]


def _anonymous_read(request) -> bool:
    return (
        request.method in ("GET", "HEAD")
        and "Authorization" not in request.headers
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and getattr(settings, "MESSAGE_COOKIE_NAME", "messages") not in request.COOKIES
        # Without a session cookie this reads no row; it guards against other sign-ins.
        and not request.user.is_authenticated
    )


def public_match(request):
    """The resolved URL of a public page, the public API or the sitemap; None for the rest
    (the admin, the health checks, a path that resolves to nothing). Resolved once per
    request: the HTTP caching middleware above asks too (apps/ops/http_caching.py)."""
    if not hasattr(request, "_public_match"):
        match = getattr(request, "resolver_match", None)
        if match is None:
            try:
                match = resolve(request.path_info)
            except Resolver404:
                match = None
        public = match is not None and (
            match.namespace in CACHED_NAMESPACES or match.url_name in CACHED_URL_NAMES
        )
        request._public_match = match if public else None
    return request._public_match


def _usual_host(request) -> bool:
    """The host as browsers write it: lower case, without a port or with the server's own.
    Each other spelling (`LOCALHOST`, `localhost:1`, `localhost:01`, …) makes its own
    absolute links, so it would be a copy of every page of its own in the cache."""
    host = request.get_host()
    _, port = split_domain_port(host)
    return host == host.lower() and port in ("", request.META.get("SERVER_PORT"))


def _api_view(request, match):
    """An instance of the API view `match` names, as DRF sets it up; None for pages."""
    view_class = getattr(match.func, "cls", None)
    if view_class is None or not hasattr(view_class, "get_throttles"):
        return None
    view = view_class(**getattr(match.func, "initkwargs", {}))
    view.request, view.args, view.kwargs = request, match.args, match.kwargs
    view.format_kwarg = match.kwargs.get(view.settings.FORMAT_SUFFIX_KWARG)
    return view


def _representation(request, view) -> str | None:
    """What an API view renders for this request's `Accept` and `format`: the renderer's
    class and, for JSON, the indent the accepted media type asks for (all its output
    depends on). "" for pages; None when the view will answer 406 or 404 in its own way."""
    if view is None:
        return ""
    try:
        renderer, media_type = view.get_content_negotiator().select_renderer(
            Request(request), view.get_renderers(), view.format_kwarg
        )
    except (NotAcceptable, Http404):  # no renderer for the `format` asked for, either
        return None
    kind = f"{type(renderer).__module__}.{type(renderer).__qualname__}"
    if isinstance(renderer, JSONRenderer):
        return f"{kind};indent={renderer.get_indent(media_type, {})}"
    return f"{kind};{media_type}"


def _key(request, representation: str) -> str:
    parts = [
        request.scheme,
        request.get_host(),
        get_script_prefix(),  # set from SCRIPT_NAME by the handler; reverse() starts with it
        request.path_info,  # what the view was resolved from
        get_bytes_from_wsgi(request.META, "QUERY_STRING", "").decode("latin-1"),
        representation,
    ]
    # JSON keeps the parts apart: no two lists of strings have the same encoding.
    return "r:" + hashlib.sha256(json.dumps(parts).encode()).hexdigest()


def _storable(request, response, *, api: bool) -> bool:
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    if request.META.get("CSRF_COOKIE_NEEDS_UPDATE") or request.user.is_authenticated:
        return False
    if not isinstance(request.GET, ReadTrackingQueryDict) or request.GET.unread():
        return False
    cache_control = {
        d.strip().split("=")[0].lower()
        for d in cc_delim_re.split(response.get("Cache-Control", ""))
    }
    if cache_control & {"private", "no-store", "no-cache"}:
        return False
    vary = {v.strip().lower() for v in cc_delim_re.split(response.get("Vary", "")) if v.strip()}
    return vary <= (API_ALLOWED_VARY if api else ALLOWED_VARY)


def _throttles_allow(request, view) -> bool:
    """Count a hit against the API view's throttles as its own request would be."""
    if view is None:
        return True
    return all(throttle.allow_request(request, view) for throttle in view.get_throttles())


def _hit(request, entry) -> HttpResponse:
    _, _, status, headers, content, _ = entry
    etag = {k.lower(): v for k, v in headers}.get("etag")
    if etag and if_none_match(request, etag):
        response = HttpResponseNotModified()
        for name, value in headers:
            if name.lower() != "content-type":
                response[name] = value
    else:
        response = HttpResponse(content, status=status)
        for name, value in headers:
            response[name] = value
    response[HEADER] = "hit"
    return response
