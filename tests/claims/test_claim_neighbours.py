"""Each public claim's similar claims, found when it is published or its statement changes,
and kept (apps/claims/matching/neighbours.py)."""

import logging
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import DatabaseError

from apps.claims.editing import claim_update
from apps.claims.matching import neighbours, scored_claim_ids
from apps.claims.matching.neighbours import find, stored_neighbours
from apps.claims.matching.semantic import claims_embed
from apps.claims.models import Claim, ClaimNeighbour
from apps.claims.workflow import claim_publish
from tests.claims.test_workflow import in_role, ready_claim
from tests.factories import CitationFactory, ClaimFactory, PublishedClaimFactory


@pytest.fixture
def reviewer(db):
    return in_role("Reviewer")


def published(statement: str, *, cited: bool = False) -> Claim:
    """A public claim with its embedding, its neighbours not found yet (`cited`: with the
    citation a reviewer's change of a published claim needs)."""
    claim = PublishedClaimFactory(statement=statement)
    if cited:
        CitationFactory(claim=claim)
    claims_embed([claim])
    return claim


def kept(claim: Claim) -> list[tuple[str, float]]:
    return [
        (Claim.objects.get(pk=pk).statement, score) for pk, score in stored_neighbours(claim.pk)
    ]


def test_a_claim_published_keeps_its_similar_claims_once_committed(
    reviewer, django_capture_on_commit_callbacks
):
    older = published("Exports rose by 12% last year.")
    claim = ready_claim()

    with django_capture_on_commit_callbacks(execute=True):
        claim_update(claim=claim, statement="Exports rose by 12% in 2025.")
        claim_publish(claim=claim, actor=reviewer)

    assert [pk for pk, _ in stored_neighbours(claim.pk)] == [older.pk]


def test_a_claim_published_joins_the_similar_claims_of_those_it_resembles(
    reviewer, django_capture_on_commit_callbacks
):
    older = published("Exports rose by 12% last year.")
    find(older.pk)
    claim = ready_claim()

    with django_capture_on_commit_callbacks(execute=True):
        claim_update(claim=claim, statement="Exports rose by 12% in 2025.")
        claim_publish(claim=claim, actor=reviewer)

    # The same score both ways: it does not depend on which statement is matched.
    assert stored_neighbours(older.pk) == [(claim.pk, stored_neighbours(claim.pk)[0][1])]


def test_kept_similar_claims_are_what_matching_finds(db):
    claim = published("Russia will not help Iran with its nuclear programme.")
    for statement in (
        "Moscow refuses to aid Tehran's nuclear programme.",
        "Russia will not help Iran.",
        "Russia will help Iran build a reactor.",
        "Exports rose by 12% last year.",
    ):
        published(statement)

    find(claim.pk)

    assert stored_neighbours(claim.pk) == [
        (pk, score)
        for pk, score in scored_claim_ids(
            claim.statement, exclude_pk=claim.pk, limit=neighbours.NEIGHBOURS
        )
        if score >= neighbours.MIN_SCORE
    ]


def test_a_claim_whose_similar_claims_were_not_found_has_none_kept(db):
    claim = published("Exports rose by 12% last year.")

    assert stored_neighbours(claim.pk) is None


def test_a_claim_found_like_none_has_an_empty_list_kept(db):
    claim = published("Exports rose by 12% last year.")
    published("Zebras migrate across the Serengeti every spring.")

    find(claim.pk)

    assert stored_neighbours(claim.pk) == []


def test_a_draft_keeps_no_similar_claims(db):
    published("Exports rose by 12% last year.")
    draft = ClaimFactory(statement="Exports rose by 12% in 2025.")
    claims_embed([draft])

    assert (find(draft.pk), stored_neighbours(draft.pk)) == (set(), None)


def test_a_new_statement_drops_every_kept_pair_holding_the_claim(reviewer):
    claim = published("Exports rose by 12% last year.", cited=True)
    other = published("Exports rose by 12% in 2025.")
    find(claim.pk)

    claim_update(
        claim=claim,
        statement="Zebras migrate across the Serengeti every spring.",
        actor=reviewer,
        correction_note="Reworded.",
    )

    assert (stored_neighbours(claim.pk), stored_neighbours(other.pk)) == (None, None)
    assert not ClaimNeighbour.objects.filter(neighbour=claim).exists()


def test_a_new_statement_is_matched_again_once_committed(
    reviewer, django_capture_on_commit_callbacks
):
    claim = published("Zebras migrate across the Serengeti every spring.", cited=True)
    other = published("Exports rose by 12% in 2025.")
    find(claim.pk)

    with django_capture_on_commit_callbacks(execute=True):
        claim_update(
            claim=claim,
            statement="Exports rose by 12% last year.",
            actor=reviewer,
            correction_note="Reworded.",
        )

    assert [pk for pk, _ in stored_neighbours(claim.pk)] == [other.pk]


def test_a_claim_keeps_its_best_similar_claims_only(db, monkeypatch):
    monkeypatch.setattr(neighbours, "NEIGHBOURS", 2)
    claim = published("Exports rose by 12% last year.")
    close = published("Exports rose by 12% last year, the ministry said.")
    closer = published("Exports rose by 12% last year!")
    find(claim.pk)
    further = published("Exports rose by 12% last year, the ministry said on Monday.")

    find(further.pk)

    assert [pk for pk, _ in stored_neighbours(claim.pk)] == [closer.pk, close.pk]


def test_more_claims_than_one_transaction_finds_are_left_to_the_command(
    db, monkeypatch, django_capture_on_commit_callbacks
):
    monkeypatch.setattr(neighbours, "INLINE", 1)
    first = PublishedClaimFactory(statement="Exports rose by 12% last year.")
    second = PublishedClaimFactory(statement="Exports rose by 12% in 2025.")

    with django_capture_on_commit_callbacks(execute=True):
        claims_embed([first, second])

    assert (stored_neighbours(first.pk), stored_neighbours(second.pk)) == (None, None)


def test_finding_that_fails_after_the_commit_is_logged_and_left_to_the_command(
    db, monkeypatch, django_capture_on_commit_callbacks, caplog
):
    claim = PublishedClaimFactory(statement="Exports rose by 12% last year.")

    def unavailable(claim_ids):
        raise DatabaseError("server closed the connection unexpectedly")

    monkeypatch.setattr(neighbours, "find_each", unavailable)
    with caplog.at_level(logging.ERROR), django_capture_on_commit_callbacks(execute=True):
        claims_embed([claim])

    assert stored_neighbours(claim.pk) is None
    assert "run manage.py find_similar_claims" in caplog.text


def test_the_command_finds_the_claims_not_found_yet_with_its_progress(db):
    first = published("Exports rose by 12% last year.")
    second = published("Exports rose by 12% in 2025.")
    out = StringIO()

    call_command("find_similar_claims", stdout=out)

    assert out.getvalue() == "  2 of 2\nSimilar claims found for 2 claims.\n"
    assert [pk for pk, _ in stored_neighbours(first.pk)] == [second.pk]


def test_the_command_run_again_finds_nothing_more(db):
    published("Exports rose by 12% last year.")
    call_command("find_similar_claims", stdout=StringIO())
    out = StringIO()

    call_command("find_similar_claims", stdout=out)

    assert out.getvalue() == "Similar claims found for 0 claims.\n"


def test_the_command_finds_every_claim_again_with_all(db):
    published("Exports rose by 12% last year.")
    call_command("find_similar_claims", stdout=StringIO())
    out = StringIO()

    call_command("find_similar_claims", "--all", stdout=out)

    assert out.getvalue().endswith("Similar claims found for 1 claims.\n")


def test_the_command_says_which_claims_wait_for_their_embedding(db):
    PublishedClaimFactory(statement="Exports rose by 12% last year.")
    err = StringIO()

    call_command("find_similar_claims", stdout=StringIO(), stderr=err)

    assert "1 claims have no current embedding" in err.getvalue()


def test_embedding_every_claim_says_their_similar_claims_wait_for_the_command(db):
    PublishedClaimFactory(statement="Exports rose by 12% last year.")
    out = StringIO()

    call_command("embed_claims", stdout=out)

    assert "1 public claims have no similar claims kept" in out.getvalue()
