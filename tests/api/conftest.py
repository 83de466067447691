import warnings

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.cache import cache
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from apps.accounts.roles import Role
from tests.factories import UserFactory

# The apps whose models the API serves; an editor holds every model permission in them.
CURATED_APPS = ["speakers", "sources", "quotes", "claims", "topics"]


@pytest.fixture(autouse=True)
def _api_test_environment():
    # WhiteNoise warns, as the test client loads the middleware, that STATIC_ROOT was never
    # collected; tests do not serve static files, so that warning is not an error here.
    warnings.filterwarnings("ignore", message="No directory at", category=UserWarning)
    # Throttling counts requests in the cache: every test starts with a clean count.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def anon(db):
    """A client with no credentials."""
    return APIClient()


def token_client(user) -> APIClient:
    client = APIClient()
    token, _ = Token.objects.get_or_create(user=user)
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    return client


def curation_permissions():
    return Permission.objects.filter(content_type__app_label__in=CURATED_APPS)


@pytest.fixture
def api_editor_user(db):
    """Every model permission of the curated apps, but not that of publishing verdicts."""
    user = UserFactory(username="api-editor", password="!")  # token only: no password hashing
    user.user_permissions.set(curation_permissions().exclude(codename="publish_claim"))
    return user


@pytest.fixture
def api_editor(api_editor_user):
    """A client signed in with the token of an editor holding every curation permission."""
    return token_client(api_editor_user)


@pytest.fixture
def api_reviewer(db):
    """A client signed in with the token of a reviewer, who may also publish verdicts."""
    user = UserFactory(username="api-reviewer", password="!")
    user.user_permissions.set(curation_permissions())
    return token_client(user)


@pytest.fixture
def newsroom_editor(db):
    """A client signed in as a member of the Editor role the newsroom gives its editors."""
    user = UserFactory(username="newsroom-editor", password="!")
    user.groups.set([Group.objects.get(name=Role.EDITOR)])
    return token_client(user)


@pytest.fixture
def outsider(db):
    """A client signed in with the token of a user holding no permission at all."""
    return token_client(UserFactory(username="outsider", password="!"))
