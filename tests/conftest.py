import pytest

from tests import factories


@pytest.fixture
def editor(db):
    return factories.UserFactory(username="editor", is_staff=True)


@pytest.fixture
def superuser(db):
    return factories.UserFactory(username="admin", is_staff=True, is_superuser=True)
