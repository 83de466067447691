"""The claim workflow's rules, called as the admin and the API call them."""

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied, ValidationError

from apps.claims.editing import claim_update
from apps.claims.models import Claim, Correction
from apps.claims.workflow import (
    claim_publish,
    claim_retract,
    claim_return_to_draft,
    claim_submit_for_review,
    publication_problems,
)
from tests.factories import CitationFactory, ClaimFactory, UserFactory, rating


def in_role(role: str):
    user = UserFactory(is_staff=True)
    user.groups.add(Group.objects.get(name=role))
    return user


@pytest.fixture
def editor_user(db):
    return in_role("Editor")


@pytest.fixture
def reviewer(db):
    return in_role("Reviewer")


def ready_claim(status=Claim.Status.IN_REVIEW):
    claim = ClaimFactory(status=status, rating=rating("false"), summary="It is not so.")
    CitationFactory(claim=claim)  # its passage stands in the factory's source text
    return claim


def published_claim(reviewer):
    claim = ready_claim()
    return claim_publish(claim=claim, actor=reviewer)


def test_editor_submits_a_draft_for_review(editor_user):
    claim = ClaimFactory(status=Claim.Status.DRAFT)

    claim_submit_for_review(claim=claim, actor=editor_user)

    claim.refresh_from_db()
    assert claim.status == Claim.Status.IN_REVIEW


def test_submitting_records_who_and_why_in_history(editor_user):
    claim = ClaimFactory(status=Claim.Status.DRAFT)

    claim_submit_for_review(claim=claim, actor=editor_user)

    latest = claim.history.first()
    assert (latest.status, latest.history_user, latest.history_change_reason) == (
        "in_review",
        editor_user,
        "Submitted for review",
    )


def test_reviewer_publishes_a_ready_claim(reviewer):
    claim = ready_claim()

    claim_publish(claim=claim, actor=reviewer)

    claim.refresh_from_db()
    assert (claim.status, claim.reviewed_by, claim.published_at is not None) == (
        "published",
        reviewer,
        True,
    )


def test_editor_cannot_publish(editor_user):
    claim = ready_claim()

    with pytest.raises(PermissionDenied, match="Only reviewers may publish a claim"):
        claim_publish(claim=claim, actor=editor_user)


def test_anonymous_actor_cannot_publish(db):
    with pytest.raises(PermissionDenied):
        claim_publish(claim=ready_claim(), actor=None)


def test_publishing_needs_rating_summary_and_a_found_citation(reviewer):
    claim = ClaimFactory(status=Claim.Status.IN_REVIEW)
    CitationFactory(claim=claim, exact="words that stand nowhere in the source at all")

    with pytest.raises(ValidationError) as refused:
        claim_publish(claim=claim, actor=reviewer)

    assert refused.value.messages == [
        "Give the claim a rating.",
        "Write the verdict summary.",
        "Cite at least one passage that is found in the text of a published source.",
    ]


def test_a_ready_claim_has_no_publication_problems(db):
    assert publication_problems(ready_claim()) == []


def test_publishing_a_draft_skips_review_and_is_refused(reviewer):
    claim = ready_claim(status=Claim.Status.DRAFT)

    with pytest.raises(ValidationError, match="Only a claim that is in review can be published"):
        claim_publish(claim=claim, actor=reviewer)


def test_reviewer_sends_a_claim_back_to_draft_with_a_note(reviewer):
    claim = ready_claim()

    claim_return_to_draft(claim=claim, actor=reviewer, note="Cite the ministry's figures.")

    assert claim.history.first().history_change_reason == (
        "Sent back to draft: Cite the ministry's figures."
    )


def test_reviewer_retracts_a_published_claim_with_a_reason(reviewer):
    claim = published_claim(reviewer)

    claim_retract(claim=claim, actor=reviewer, note="The source was a forgery.")

    claim.refresh_from_db()
    assert (claim.status, claim.history.first().history_change_reason) == (
        "retracted",
        "Retracted: The source was a forgery.",
    )


def test_retracting_needs_a_reason(reviewer):
    claim = published_claim(reviewer)

    with pytest.raises(ValidationError):
        claim_retract(claim=claim, actor=reviewer, note="  ")


def test_editor_cannot_retract(reviewer, editor_user):
    claim = published_claim(reviewer)

    with pytest.raises(PermissionDenied):
        claim_retract(claim=claim, actor=editor_user, note="Wrong.")


def test_status_cannot_be_set_directly(editor_user):
    claim = ready_claim()

    with pytest.raises(ValidationError) as refused:
        claim_update(claim=claim, actor=editor_user, status=Claim.Status.PUBLISHED)

    assert list(refused.value.message_dict) == ["status"]


def test_editor_may_change_the_verdict_of_an_unpublished_claim(editor_user):
    claim = ready_claim()

    claim_update(claim=claim, actor=editor_user, rating=rating("true"))

    claim.refresh_from_db()
    assert (claim.rating.slug, Correction.objects.count()) == ("true", 0)


def test_changing_a_published_verdict_needs_a_correction_note(reviewer):
    claim = published_claim(reviewer)

    with pytest.raises(ValidationError) as refused:
        claim_update(claim=claim, actor=reviewer, rating=rating("true"))

    assert list(refused.value.message_dict) == ["correction_note"]


def test_editor_cannot_change_a_published_verdict(reviewer, editor_user):
    claim = published_claim(reviewer)

    with pytest.raises(PermissionDenied):
        claim_update(claim=claim, actor=editor_user, summary="Changed.", correction_note="Why.")


def test_changing_a_published_verdict_writes_a_public_correction(reviewer):
    claim = published_claim(reviewer)

    claim_update(
        claim=claim,
        actor=reviewer,
        rating=rating("true"),
        correction_note="The ministry confirmed the figure.",
    )

    correction = claim.corrections.get()
    assert (
        correction.note,
        correction.rating_before.slug,
        correction.rating_after.slug,
    ) == ("The ministry confirmed the figure.", "false", "true")


def test_a_refused_verdict_change_changes_nothing(reviewer, editor_user):
    claim = published_claim(reviewer)

    with pytest.raises(PermissionDenied):
        claim_update(claim=claim, actor=editor_user, rating=rating("true"), correction_note="x")

    claim.refresh_from_db()
    assert (claim.rating.slug, Correction.objects.count()) == ("false", 0)


def test_editing_a_published_claim_without_touching_the_verdict_needs_no_note(reviewer):
    claim = published_claim(reviewer)

    claim_update(claim=claim, actor=reviewer, analysis="More reasoning.")

    claim.refresh_from_db()
    assert (claim.analysis, Correction.objects.count()) == ("More reasoning.", 0)


def test_a_long_correction_note_is_kept_whole_and_its_history_reason_cut_to_fit(reviewer):
    # The history's change reason is a varchar(100), which PostgreSQL enforces.
    claim = published_claim(reviewer)
    note = "The ministry's census tables, published after the check, confirm the figure. " * 3

    claim_update(claim=claim, actor=reviewer, rating=rating("true"), correction_note=note)

    reason = claim.history.latest().history_change_reason
    assert (claim.corrections.get().note, len(reason), reason[:12]) == (
        note.strip(),
        100,
        "Correction: ",
    )
