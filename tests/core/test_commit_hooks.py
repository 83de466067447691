"""Hooks run after a commit (apps/core/commit_hooks.py): one that fails is logged by Django
under its class's name, and the request that committed goes on."""

import logging
from datetime import UTC, datetime

import pytest
from django.db import OperationalError, transaction
from django.db.models import QuerySet

from apps.claims.matching.semantic import _Restamp
from apps.core.commit_hooks import CommitHook
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
