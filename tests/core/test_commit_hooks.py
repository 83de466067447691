"""Hooks run after a commit (apps/core/commit_hooks.py): one that fails is logged by Django
under its class's name, and the request that committed goes on; the hook a transaction has
waiting is found again, wherever rollbacks of savepoints have moved it."""

import logging
from datetime import UTC, datetime

import pytest
from django.db import OperationalError, transaction
from django.db.models import QuerySet

from apps.claims.matching.semantic import _Restamp
from apps.core.commit_hooks import CommitHook, wait_for_commit, waiting
from apps.ops.staleness import _Bump
from apps.search import vocabulary
from apps.search.vocabulary import _Refresh


class _Failing(CommitHook):
    def __call__(self):
        raise RuntimeError("the database went away")


@pytest.mark.parametrize(
    "hook", [_Bump({"claim:1"}), _Refresh(), _Restamp(datetime(2026, 1, 1, tzinfo=UTC))]
)
def test_every_hook_the_site_registers_answers_with_its_class_name(hook):
    assert hook.__qualname__ == type(hook).__qualname__


def test_any_other_missing_attribute_is_still_missing():
    with pytest.raises(AttributeError, match="no attribute 'keys'"):
        _Failing().keys  # noqa: B018


# serialized_rollback: the flush after this committing test leaves the content types and
# the rating scale as the migrations made them, for the tests that run after.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_failing_hook_is_logged_and_the_transaction_s_caller_goes_on(caplog):
    with caplog.at_level(logging.ERROR, logger="django.db.backends.base"), transaction.atomic():
        transaction.on_commit(_Failing(), robust=True)

    assert "Error calling _Failing in on_commit()" in caplog.text


def _database_gone(*args, **kwargs):
    raise OperationalError("the database system is shutting down")


def test_a_vocabulary_refresh_whose_database_went_away_says_so_in_one_line(monkeypatch, caplog):
    monkeypatch.setattr(vocabulary, "refresh", _database_gone)

    _Refresh()()

    [record] = caplog.records
    assert "rebuild_vocabulary" in record.getMessage()
    assert record.exc_info is None


def test_a_restamp_whose_database_went_away_says_so_in_one_line(monkeypatch, caplog):
    monkeypatch.setattr(QuerySet, "update", _database_gone)

    _Restamp(datetime(2026, 1, 1, tzinfo=UTC))()

    [record] = caplog.records
    assert "not restamped" in record.getMessage()
    assert record.exc_info is None


class _Gathering(CommitHook):
    def __call__(self):
        pass


@pytest.mark.django_db
def test_the_hook_registered_in_this_transaction_is_waiting():
    hook = _Gathering()
    with transaction.atomic():
        wait_for_commit(hook)

        assert waiting(_Gathering) is hook


def test_outside_a_transaction_no_hook_waits():
    assert waiting(_Gathering) is None


@pytest.mark.django_db
def test_a_hook_is_still_waiting_after_a_later_savepoint_rolled_back():
    hook = _Gathering()
    with transaction.atomic():
        wait_for_commit(hook)
        try:
            with transaction.atomic():
                wait_for_commit(_Failing())
                raise RuntimeError("rolled back")
        except RuntimeError:
            pass

        assert waiting(_Gathering) is hook


@pytest.mark.django_db
def test_a_hook_of_a_savepoint_rolled_back_is_not_waiting():
    with transaction.atomic():
        try:
            with transaction.atomic():
                wait_for_commit(_Gathering())
                raise RuntimeError("rolled back")
        except RuntimeError:
            pass

        assert waiting(_Gathering) is None


@pytest.mark.django_db
def test_a_savepoint_s_own_hook_is_not_its_sibling_s():
    with transaction.atomic():
        with transaction.atomic():
            first = _Gathering()
            wait_for_commit(first, this_savepoint=True)
            assert waiting(_Gathering, this_savepoint=True) is first
        with transaction.atomic():
            assert waiting(_Gathering, this_savepoint=True) is None
