"""Claim matching's candidates on SQLite: the claims holding the text's rarest words
(apps/claims/matching/sqlite.py)."""

import pytest
from django.db import connection

from apps.claims.matching import sqlite
from apps.claims.matching.visibility import Visible
from apps.claims.models import Claim
from tests.factories import ClaimFactory

pytestmark = pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's FTS5 index")

PUBLISHED = "2025-01-01T00:00Z"


def _published(statement: str) -> Claim:
    return ClaimFactory(statement=statement, status="published", published_at=PUBLISHED)


@pytest.fixture
def wheat_and_barley(db):
    """Five claims on wheat exports, one on barley exports."""
    wheat = [_published(f"Wheat exports rose in {2000 + n}.") for n in range(5)]
    return wheat, _published("Barley exports rose in 2024.")


def test_rarest_words_puts_the_rarest_first(wheat_and_barley):
    assert sqlite.rarest_words("Wheat and barley exports") == ["barley", "wheat", "exports"]


def test_rarest_words_keeps_at_most_rare_words(wheat_and_barley, monkeypatch):
    monkeypatch.setattr(sqlite, "RARE_WORDS", 2)

    assert sqlite.rarest_words("Wheat and barley exports") == ["barley", "wheat"]


def test_rarest_words_stops_before_words_held_by_too_many_claims(wheat_and_barley, monkeypatch):
    monkeypatch.setattr(sqlite, "RARE_ENOUGH", 3)

    assert sqlite.rarest_words("Wheat and barley exports") == ["barley"]


def test_rarest_words_keeps_the_rarest_word_however_common(wheat_and_barley, monkeypatch):
    monkeypatch.setattr(sqlite, "RARE_ENOUGH", 5)  # five claims hold "wheat", six "exports"

    assert sqlite.rarest_words("wheat exports") == ["wheat"]


def test_rarest_words_leaves_out_words_no_claim_holds(wheat_and_barley, monkeypatch):
    monkeypatch.setattr(sqlite, "RARE_WORDS", 1)

    assert sqlite.rarest_words("Zyzzyva barley") == ["barley"]


def test_rarest_words_counts_a_word_as_the_index_stems_it(wheat_and_barley, monkeypatch):
    monkeypatch.setattr(sqlite, "RARE_ENOUGH", 3)

    # "exported" and the claims' "exports" are both "export" to the index: six claims.
    assert sqlite.rarest_words("barley exported") == ["barley"]


def test_claim_candidates_leave_out_claims_holding_only_common_words(wheat_and_barley, monkeypatch):
    _, barley = wheat_and_barley
    monkeypatch.setattr(sqlite, "RARE_ENOUGH", 3)

    candidates = sqlite.claim_candidates("Wheat and barley exports", Visible(), 50)

    assert candidates == [(barley.pk, barley.statement)]


def test_claim_candidates_of_a_text_without_words_are_none(wheat_and_barley):
    assert sqlite.claim_candidates("?!", Visible(), 50) == []


def test_a_text_of_thousands_of_distinct_words_still_finds_its_candidates(db):
    claim = _published("Zebra crossings halve pedestrian deaths.")
    text = "zebra crossings " + " ".join(f"word{n}" for n in range(5_000))

    assert [pk for pk, _ in sqlite.claim_candidates(text, Visible(public=False), 5)] == [claim.pk]
