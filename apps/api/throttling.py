"""Request rates for anonymous and signed-in clients.

DRF's throttles read their rates once, at import; these read the settings on every request,
so `API_THROTTLE_ANON` / `API_THROTTLE_USER` (and tests that override them) always apply.
"""

import re

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from rest_framework.throttling import AnonRateThrottle, UserRateThrottle

RATE_PATTERN = re.compile(r"^[1-9][0-9]*/(s|sec|second|m|min|minute|h|hour|d|day)$")
RATE_SETTINGS = ("API_THROTTLE_ANON", "API_THROTTLE_USER")


def check_throttle_settings() -> None:
    for name in RATE_SETTINGS:
        value = getattr(settings, name)
        if not RATE_PATTERN.match(value):
            raise ImproperlyConfigured(
                f"{name}={value!r} is not a rate: give requests per period, such as 120/min "
                "(periods: s, min, hour, day)."
            )


class AnonThrottle(AnonRateThrottle):
    def get_rate(self):
        return settings.API_THROTTLE_ANON


class UserThrottle(UserRateThrottle):
    def get_rate(self):
        return settings.API_THROTTLE_USER
