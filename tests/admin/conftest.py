import warnings

import pytest


@pytest.fixture(autouse=True)
def _no_static_root_warning():
    # WhiteNoise warns, as the test client loads the middleware, that STATIC_ROOT was never
    # collected; tests do not serve static files, so that warning is not an error here.
    warnings.filterwarnings("ignore", message="No directory at", category=UserWarning)


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    # Every test signs a user in; hashing each one's password properly costs most of a second.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def superuser_client(client, superuser):
    client.force_login(superuser)
    return client
