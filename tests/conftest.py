import pytest

from tests import factories


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    # Hashing a test user's password properly costs most of a second per user.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _no_response_cache(settings):
    # Tests see what their views do (and their query counts); the response cache's own
    # tests (tests/ops/test_response_cache.py) turn it on.
    settings.RESPONSE_CACHE = False


@pytest.fixture
def editor(db):
    return factories.UserFactory(username="editor", is_staff=True)


@pytest.fixture
def superuser(db):
    return factories.UserFactory(username="admin", is_staff=True, is_superuser=True)
