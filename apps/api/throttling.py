"""Request rates for anonymous and signed-in clients, and for failed token sign-ins.

Counted in the database (apps/ops/ratelimit.py), so the documented rate holds however many
workers and hosts serve the API: one counter per client, one atomic statement per request.
The rates are read from the settings on every request (DRF's own read them once, at
import), so `API_THROTTLE_*` (and tests that override them) always apply.

Every answer counted against a rate says where the client stands, in the IETF draft's
headers (draft-ietf-httpapi-ratelimit-headers-10), beside `Retry-After` on a 429:
`RateLimit-Policy: "anon";q=120;w=60` (the quota and its window, in seconds) and
`RateLimit: "anon";r=119;t=42` (requests left, seconds until the window ends). The throttle
notes them on the request; RateLimitHeadersMiddleware writes them, above the response
cache, so that an answer served from the cache (whose request is counted all the same)
carries this request's numbers, not those of the request that was stored.

Clients are told apart as the sign-in lockouts tell them (apps/ops/client_ip.py): signed-in
editors by account, anonymous clients by address, an IPv6 client by its /64 network (one
subscriber's or server's share: otherwise each of its 2^64 addresses would be a client).
"""

import ipaddress
import math
import re
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from rest_framework import authentication
from rest_framework.exceptions import AuthenticationFailed, Throttled
from rest_framework.throttling import SimpleRateThrottle

from apps.ops import ratelimit
from apps.ops.client_ip import client_ip

RATE_PATTERN = re.compile(r"^[1-9][0-9]*/(s|sec|second|m|min|minute|h|hour|d|day)$")
RATE_SETTINGS = ("API_THROTTLE_ANON", "API_THROTTLE_USER", "API_THROTTLE_FAILED_AUTH")


def check_throttle_settings() -> None:
    for name in RATE_SETTINGS:
        value = getattr(settings, name)
        if not RATE_PATTERN.match(value):
            raise ImproperlyConfigured(
                f"{name}={value!r} is not a rate: give requests per period, such as 120/min "
                "(periods: s, min, hour, day)."
            )


def parse_rate(rate: str) -> tuple[int, int]:
    """("120/min") → (120 requests, 60 seconds); the format check_throttle_settings checks."""
    number, period = rate.split("/")
    return int(number), {"s": 1, "m": 60, "h": 3600, "d": 86400}[period[0]]


def client_network(request) -> str:
    """The client's address; for IPv6, its /64 network."""
    address = client_ip(request) or ""
    try:
        parsed = ipaddress.ip_address(address)
    except ValueError:
        return address
    if parsed.version == 4:
        return str(parsed)
    if parsed.ipv4_mapped is not None:  # ::ffff:203.0.113.7 is 203.0.113.7
        return str(parsed.ipv4_mapped)
    return str(ipaddress.ip_network(f"{parsed}/64", strict=False))


@dataclass(frozen=True)
class RateLimitNote:
    policy: str
    limit: int
    period: int
    decision: ratelimit.Decision

    def headers(self) -> dict[str, str]:
        remaining = max(0, self.limit - self.decision.count) if self.decision.allowed else 0
        return {
            "RateLimit-Policy": f'"{self.policy}";q={self.limit};w={self.period}',
            "RateLimit": f'"{self.policy}";r={remaining};t={math.ceil(self.decision.wait)}',
        }


class RateLimitHeadersMiddleware:
    """Writes the RateLimit headers of the rate a request was counted against, if any."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        note = getattr(request, "rate_limit", None)
        if note is not None:
            for name, value in note.headers().items():
                response[name] = value
        return response


class SharedRateThrottle(SimpleRateThrottle):
    """DRF's throttle interface over the shared counters: `allow_request` is one statement."""

    setting = ""

    def __init__(self):
        # The rate is read per request (get_rate), not once here.
        pass

    def get_rate(self):
        return getattr(settings, self.setting)

    def get_ident(self, request):
        return client_network(request)

    def allow_request(self, request, view):
        key = self.get_cache_key(request, view)
        if key is None:
            return True
        limit, period = parse_rate(self.get_rate())
        self.decision = ratelimit.take_leased(key, limit=limit, period=period)
        # On the Django request (a DRF Request wraps it), which the middleware sees.
        getattr(request, "_request", request).rate_limit = RateLimitNote(
            self.scope, limit, period, self.decision
        )
        return self.decision.allowed

    def wait(self):
        return self.decision.wait


class AnonThrottle(SharedRateThrottle):
    scope = "anon"
    setting = "API_THROTTLE_ANON"

    def get_cache_key(self, request, view):
        if request.user and request.user.is_authenticated:
            return None
        return f"{self.scope}:{self.get_ident(request)}"


class UserThrottle(SharedRateThrottle):
    """Signed-in editors, by account. Anonymous clients have their own rate (DRF's user
    throttle counted them by address too, which cost a second count per request)."""

    scope = "user"
    setting = "API_THROTTLE_USER"

    def get_cache_key(self, request, view):
        if not (request.user and request.user.is_authenticated):
            return None
        return f"{self.scope}:{request.user.pk}"


class TokenAuthentication(authentication.TokenAuthentication):
    """DRF's token sign-in, with failures counted per address.

    After API_THROTTLE_FAILED_AUTH invalid tokens from one address (one /64 for IPv6),
    every request from it that carries a token answers 429 until the window ends, a valid
    token's too, so the answer says nothing about the token tried. A token is 160 random
    bits, so this is not what keeps it from being guessed; it keeps a flood of guesses from
    costing a token lookup each. Requests that arrive together may each be checked before
    any is counted: past the limit, at most one more per worker gets a 401 instead.
    """

    def authenticate(self, request):
        parts = authentication.get_authorization_header(request).split()
        if not parts or parts[0].lower() != self.keyword.lower().encode():
            return None  # no token: nothing to count
        limit, period = parse_rate(settings.API_THROTTLE_FAILED_AUTH)
        key = f"auth-failure:{client_network(request)}"
        already = ratelimit.peek(key, limit=limit)
        if not already.allowed:
            raise Throttled(
                wait=already.wait,
                detail="Too many requests with an invalid token from this address.",
            )
        try:
            return super().authenticate(request)
        except AuthenticationFailed:
            ratelimit.take(key, limit=limit, period=period)
            raise
