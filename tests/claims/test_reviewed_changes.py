"""Published means reviewed: changes to a published claim, made by reviewers or proposed by
editors, with a correction for a change of substance; four eyes on publishing."""

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied, ValidationError

from apps.accounts.roles import Role
from apps.claims import editing, services, workflow
from apps.claims.models import Citation, Claim, ClaimRevision, Correction
from tests.factories import (
    CitationFactory,
    ClaimFactory,
    PublishedClaimFactory,
    SourceFactory,
    SpeakerFactory,
    UserFactory,
    rating,
)


def member(role: str):
    user = UserFactory(is_staff=True)
    user.groups.add(Group.objects.get(name=role))
    return user


@pytest.fixture
def editor(db):
    return member(Role.EDITOR)


@pytest.fixture
def reviewer(db):
    return member(Role.REVIEWER)


@pytest.fixture
def published(db):
    claim = PublishedClaimFactory(summary="Exports rose by 9%, not 12%.", analysis="First.")
    CitationFactory(claim=claim)
    return claim


# --- editors propose, reviewers change ---------------------------------------------------


def test_an_editors_change_to_a_published_claim_is_proposed_and_the_claim_unchanged(
    published, editor
):
    outcome = editing.claim_edit(claim=published, actor=editor, analysis="Second.")

    published.refresh_from_db()
    assert (published.analysis, outcome.revision.status, outcome.revision.changes) == (
        "First.",
        ClaimRevision.Status.PENDING,
        {"analysis": "Second."},
    )


def test_a_reviewer_changes_a_published_claim_directly(published, reviewer):
    outcome = editing.claim_edit(claim=published, actor=reviewer, analysis="Second.")

    published.refresh_from_db()
    assert (published.analysis, outcome.revision) == ("Second.", None)


def test_an_editor_cannot_change_a_published_claim_directly(published, editor):
    with pytest.raises(PermissionDenied):
        editing.claim_update(claim=published, actor=editor, analysis="Second.")


def test_an_unchanged_value_proposes_nothing(published, editor):
    outcome = editing.claim_edit(claim=published, actor=editor, analysis="First.")

    assert (outcome.revision, ClaimRevision.objects.count()) == (None, 0)


def test_a_draft_is_changed_directly_by_an_editor(editor):
    claim = ClaimFactory(analysis="First.")

    editing.claim_edit(claim=claim, actor=editor, analysis="Second.")

    claim.refresh_from_db()
    assert (claim.analysis, claim.changed_by) == ("Second.", editor)


# --- changes of substance need a correction note -------------------------------------------


@pytest.mark.parametrize(
    "change",
    [
        {"statement": "Exports rose by 12% in 2025."},
        {"rating": "false"},
        {"summary": "Exports fell."},
        {"claimant": "new speaker"},
    ],
)
def test_a_change_of_substance_without_a_correction_note_is_refused(published, reviewer, change):
    change = _resolved(change)

    with pytest.raises(ValidationError) as refused:
        editing.claim_update(claim=published, actor=reviewer, **change)

    assert codes(refused.value) == {"correction_note": ["correction_required"]}


def test_a_proposal_of_substance_without_a_correction_note_is_refused_too(published, editor):
    with pytest.raises(ValidationError) as refused:
        editing.claim_edit(claim=published, actor=editor, statement="Exports fell.")

    assert list(refused.value.message_dict) == ["correction_note"]


def test_removing_a_citation_is_a_change_of_substance(published, reviewer):
    second = CitationFactory(claim=published)

    with pytest.raises(ValidationError) as refused:
        editing.claim_update(claim=published, actor=reviewer, citations=[_item(second, keep=True)])

    assert codes(refused.value) == {"correction_note": ["correction_required"]}


def test_a_change_of_substance_with_its_note_becomes_a_public_correction(published, reviewer):
    editing.claim_update(
        claim=published,
        actor=reviewer,
        rating=rating("false"),
        correction_note="The ministry withdrew the figure.",
    )

    correction = published.corrections.get()
    assert (
        correction.kind,
        correction.note,
        correction.rating_before,
        correction.rating_after,
    ) == (
        Correction.Kind.CORRECTION,
        "The ministry withdrew the figure.",
        rating("true"),
        rating("false"),
    )


def test_a_published_claim_keeps_a_citation_found_in_a_published_source(published, reviewer):
    with pytest.raises(ValidationError) as refused:
        editing.claim_update(
            claim=published, actor=reviewer, citations=[], correction_note="Wrong source."
        )

    assert (codes(refused.value), published.citations.count()) == (
        {"citations": ["citation_required"]},
        1,
    )


def test_a_citation_in_a_draft_source_does_not_keep_a_claim_published(published, reviewer):
    draft = SourceFactory(status="draft")

    with pytest.raises(ValidationError):
        editing.claim_update(
            claim=published,
            actor=reviewer,
            citations=[{"source": draft, "relation": "states", "exact": "exports rose"}],
            correction_note="Moved to the ministry's note.",
        )


def test_a_retracted_claim_is_not_changed(reviewer):
    claim = PublishedClaimFactory(status=Claim.Status.RETRACTED)

    with pytest.raises(ValidationError) as refused:
        editing.claim_update(claim=claim, actor=reviewer, analysis="Later thoughts.")

    assert refused.value.code == "retracted"


def test_a_citation_of_a_published_claim_is_not_removed_on_its_own(published, reviewer):
    with pytest.raises(ValidationError):
        services.citation_remove(citation=published.citations.get(), actor=reviewer)


def test_an_editor_may_not_add_a_citation_to_a_published_claim(published, editor):
    with pytest.raises(PermissionDenied):
        services.citation_add(
            claim=published,
            source=SourceFactory(),
            relation=Citation.Relation.CONTEXT,
            exact="exports rose by 9%",
            actor=editor,
        )


# --- revisions -----------------------------------------------------------------------------


def test_accepting_a_revision_makes_the_change_with_its_correction(published, editor, reviewer):
    revision = editing.claim_edit(
        claim=published,
        actor=editor,
        rating=rating("false"),
        correction_note="The ministry withdrew the figure.",
    ).revision

    editing.revision_accept(revision=revision, actor=reviewer)

    published.refresh_from_db()
    revision.refresh_from_db()
    assert (
        published.rating,
        published.changed_by,
        published.corrections.get().note,
        revision.status,
        revision.decided_by,
    ) == (
        rating("false"),
        editor,
        "The ministry withdrew the figure.",
        ClaimRevision.Status.ACCEPTED,
        reviewer,
    )


def test_a_revision_proposing_new_citations_replaces_them_when_accepted(
    published, editor, reviewer
):
    source = SourceFactory()
    (kept,) = published.citations.all()
    items = [
        _item(kept, keep=True),
        {"source": source, "relation": "context", "exact": "exports rose by 9%"},
    ]
    revision = editing.claim_edit(claim=published, actor=editor, citations=items).revision

    editing.revision_accept(revision=revision, actor=reviewer)

    assert sorted(published.citations.values_list("source_id", "match")) == sorted(
        [(kept.source_id, "exact"), (source.pk, "exact")]
    )


def test_rejecting_a_revision_leaves_the_claim_and_keeps_the_reason(published, editor, reviewer):
    revision = editing.claim_edit(claim=published, actor=editor, analysis="Second.").revision

    editing.revision_reject(revision=revision, actor=reviewer, note="Not sourced.")

    published.refresh_from_db()
    revision.refresh_from_db()
    assert (published.analysis, revision.status, revision.decision_note) == (
        "First.",
        ClaimRevision.Status.REJECTED,
        "Not sourced.",
    )


def test_an_editor_cannot_accept_a_revision(published, editor):
    revision = editing.claim_edit(claim=published, actor=editor, analysis="Second.").revision

    with pytest.raises(PermissionDenied):
        editing.revision_accept(revision=revision, actor=member(Role.EDITOR))


def test_a_revision_is_not_accepted_once_the_claim_changed_what_it_proposes(
    published, editor, reviewer
):
    revision = editing.claim_edit(claim=published, actor=editor, analysis="Second.").revision
    editing.claim_update(claim=published, actor=reviewer, analysis="Third.")

    with pytest.raises(ValidationError) as refused:
        editing.revision_accept(revision=revision, actor=reviewer)

    assert refused.value.code == "stale_revision"


def test_a_revision_is_decided_once(published, editor, reviewer):
    revision = editing.claim_edit(claim=published, actor=editor, analysis="Second.").revision
    editing.revision_reject(revision=revision, actor=reviewer)

    with pytest.raises(ValidationError) as refused:
        editing.revision_accept(revision=revision, actor=reviewer)

    assert refused.value.code == "decided"


def test_a_reviewer_does_not_accept_their_own_proposal(published, reviewer):
    revision = editing.revision_propose(claim=published, actor=reviewer, analysis="Second.")

    with pytest.raises(PermissionDenied, match="Four eyes"):
        editing.revision_accept(revision=revision, actor=reviewer)


# --- four eyes -------------------------------------------------------------------------------


def _ready_claim(author):
    claim = services.claim_create(
        statement="Exports rose by 12% last year.",
        rating=rating("true"),
        summary="They did.",
        citations=[
            {"source": SourceFactory(), "relation": "states", "exact": "exports rose by 12%"}
        ],
        actor=author,
    )
    workflow.claim_submit_for_review(claim=claim, actor=author)
    return claim


def test_a_reviewer_may_not_publish_a_claim_they_wrote(reviewer):
    claim = _ready_claim(reviewer)

    with pytest.raises(PermissionDenied, match="Four eyes"):
        workflow.claim_publish(claim=claim, actor=reviewer)


def test_a_reviewer_may_not_publish_a_claim_they_last_changed(editor, reviewer):
    claim = _ready_claim(editor)
    editing.claim_update(claim=claim, actor=reviewer, summary="They did, by 12%.")

    with pytest.raises(PermissionDenied, match="Four eyes"):
        workflow.claim_publish(claim=claim, actor=reviewer)


def test_another_reviewer_publishes_it(reviewer):
    claim = _ready_claim(reviewer)

    workflow.claim_publish(claim=claim, actor=member(Role.REVIEWER))

    assert claim.status == Claim.Status.PUBLISHED


def test_a_one_person_desk_turns_four_eyes_off(reviewer, settings):
    settings.FACTBASE_FOUR_EYES = False
    claim = _ready_claim(reviewer)

    workflow.claim_publish(claim=claim, actor=reviewer)

    assert claim.status == Claim.Status.PUBLISHED


# --- retraction ------------------------------------------------------------------------------


def test_a_retraction_is_recorded_as_a_public_correction(published, reviewer):
    workflow.claim_retract(claim=published, actor=reviewer, note="The interview was misread.")

    retraction = published.corrections.get()
    assert (
        retraction.kind,
        retraction.note,
        retraction.rating_before,
        retraction.rating_after,
    ) == (
        Correction.Kind.RETRACTION,
        "The interview was misread.",
        rating("true"),
        None,
    )


def codes(error: ValidationError) -> dict[str, list[str]]:
    return {name: [item.code for item in items] for name, items in error.error_dict.items()}


def _item(citation, *, keep: bool) -> dict:
    item = {
        "source": citation.source,
        "relation": citation.relation,
        "exact": citation.exact,
        "note": citation.note,
    }
    return {"id": citation.pk, **item} if keep else item


def _resolved(change: dict) -> dict:
    if "rating" in change:
        return {"rating": rating(change["rating"])}
    if "claimant" in change:
        return {"claimant": SpeakerFactory()}
    return change


@pytest.mark.parametrize("field", ["rating", "summary"])
def test_a_published_claim_keeps_its_verdict(published, reviewer, field):
    empty = {"rating": None, "summary": ""}[field]

    with pytest.raises(ValidationError) as refused:
        editing.claim_update(
            claim=published, actor=reviewer, correction_note="Withdrawn.", **{field: empty}
        )

    assert codes(refused.value) == {field: ["verdict_required"]}
