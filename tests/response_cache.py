"""The shared fixture of the tests that read through the response cache
(tests/ops/test_response_cache.py, tests/security/test_cache_*.py)."""

import pytest
from django.core.cache import cache
from django.test import Client

from apps.ops.response_cache import response_cache


@pytest.fixture
def response_cache_on(settings):
    """The response cache on and empty, with rates no test reaches."""
    settings.RESPONSE_CACHE = True
    settings.API_THROTTLE_ANON = "100000/min"
    settings.API_THROTTLE_USER = "100000/min"
    cache.clear()
    response_cache().clear()
    yield
    cache.clear()
    response_cache().clear()


@pytest.fixture
def anon():
    """An anonymous reader: no session, no token, so its answers may be stored."""
    return Client()
