"""Which tests CI's PostgreSQL suite leaves to its SQLite one (`database_independent` in
tests/conftest.py): those whose answer cannot depend on the database."""

import pytest

from tests.conftest import PROCESS_WORDS, database_independent


@pytest.fixture
def unblocking(django_db_blocker):
    with django_db_blocker.unblock():
        yield


def test_a_test_without_database_fixtures_is_independent(request):
    assert database_independent(request.node) is True


def test_a_test_with_the_database_is_not(db, request):
    assert database_independent(request.node) is False


@pytest.mark.django_db
def test_a_test_marked_django_db_is_not(request):
    assert database_independent(request.node) is False


def test_a_test_whose_fixture_unblocks_the_database_is_not(unblocking, request):
    assert database_independent(request.node) is False


@pytest.mark.database_independent
def test_a_marked_test_is_independent_whatever_its_fixtures(db, request):
    assert database_independent(request.node) is True


def test_a_test_in_a_module_that_starts_processes_is_not(request, monkeypatch, tmp_path):
    module = tmp_path / "test_starting.py"
    module.write_text(f"import {PROCESS_WORDS[0]}\n")
    monkeypatch.setattr(request.node.module, "__file__", str(module))

    assert database_independent(request.node) is False
