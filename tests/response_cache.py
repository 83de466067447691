"""The shared fixtures and helpers of the tests that read through the response cache
(tests/ops/test_response_cache.py, test_staleness.py, test_http_caching.py,
tests/security/test_cache_*.py)."""

import pytest
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.test import Client

from apps.accounts.roles import Role
from apps.claims.models import Claim
from apps.ops.local_responses import local_entries
from apps.ops.response_cache import response_cache
from tests.factories import CitationFactory, PublishedClaimFactory, UserFactory


@pytest.fixture
def response_cache_on(settings):
    """The response cache on and empty, with rates no test reaches."""
    settings.RESPONSE_CACHE = True
    settings.API_THROTTLE_ANON = "100000/min"
    settings.API_THROTTLE_USER = "100000/min"
    cache.clear()
    response_cache().clear()
    local_entries.clear()
    yield
    cache.clear()
    response_cache().clear()
    local_entries.clear()


@pytest.fixture
def anon():
    """An anonymous reader: no session, no token, so its answers may be stored."""
    return Client()


def published_claim(**fields) -> Claim:
    """A claim readers see, with what a published claim keeps to be changed: a summary of
    its verdict, and a citation found in a published source."""
    claim = PublishedClaimFactory(**{"summary": "By the ministry's figures.", **fields})
    CitationFactory(claim=claim)
    return claim


def reviewer():
    """A user who changes published claims (and publishes them)."""
    user = UserFactory(username="cache-reviewer", is_staff=True)
    user.groups.add(Group.objects.get(name=Role.REVIEWER))
    return user
