"""Changing a claim, and the review that a change to a published claim needs.

Published means reviewed. Once a claim is published, a change to anything readers see
(`READER_FIELDS`) is either made by a reviewer, or proposed by an editor as a pending
`ClaimRevision`, which a reviewer accepts (the change is then made) or rejects. A change
of substance (`SUBSTANCE_FIELDS`, or a citation removed) needs a correction note, which
becomes a public, dated Correction; a reviewer may also give a note with a lesser change.
A published claim always keeps at least one citation found in a published source.

The doors call `claim_edit`, which makes the change or proposes it, as the user may:
the admin's claim form (with its citations inline, as one change), the API's PUT and
PATCH, and History's "Revert". A retracted claim is not changed: its record stands.

What a change is (the fields, substance, the correction, a revision as JSON and in
words) is in apps/claims/changes.py; this module makes and reviews changes.
"""

from dataclasses import dataclass
from datetime import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Model
from django.utils import timezone

from apps.accounts.roles import can_publish
from apps.core.history import attribute_to, set_change_reason
from apps.core.versions import require_version
from apps.core.writes import refusal, service, validated_save

from .changes import (
    claim_changes,
    correction_for,
    current_values,
    from_json,
    revision_changes,  # noqa: F401 (read here by apps/claims/admin_revisions.py)
    to_json,
)
from .matching.semantic import claims_embed
from .models import Claim, ClaimRevision, Correction
from .services import citations_sync, require_found_citation
from .workflow import four_eyes_apply, require_perm

Status = Claim.Status


@dataclass(frozen=True)
class EditOutcome:
    """What `claim_edit` did: the claim as it now is, and the revision it proposed instead
    of changing the claim (None when the change was made, or nothing changed)."""

    claim: Claim
    revision: ClaimRevision | None = None

    @property
    def proposed(self) -> bool:
        return self.revision is not None


@service
def claim_edit(
    *,
    claim: Claim,
    actor: Model | None = None,
    expected_version: datetime | None = None,
    correction_note: str = "",
    **changes,
) -> EditOutcome:
    """Change `claim` as `actor` may: directly, or, for an editor's change to a published
    claim, as a proposed revision. `changes` are field values (related objects as objects,
    `topics` a list, `citations` the whole new list of passages as `citations_sync` takes
    it); those equal to the claim's are left out. Raises ValidationError or
    PermissionDenied, naming the rule, when neither is allowed."""
    require_version(claim, expected_version)
    changes = claim_changes(claim, changes)
    if claim.status == Status.PUBLISHED and not can_publish(actor):
        if not changes:
            return EditOutcome(claim)
        return EditOutcome(
            claim,
            revision_propose(claim=claim, actor=actor, correction_note=correction_note, **changes),
        )
    return EditOutcome(
        claim_update(claim=claim, actor=actor, correction_note=correction_note, **changes)
    )


@service
def claim_update(
    *, claim: Claim, actor: Model | None = None, correction_note: str = "", **changes
) -> Claim:
    """Change `claim` now. A published claim is changed by reviewers only, with a
    correction note for a change of substance; see the module's docstring."""
    changes = claim_changes(claim, changes)
    if not changes:
        return claim
    published = claim.status == Status.PUBLISHED
    if published:
        _require_reviewer(actor, "change a published claim; propose a revision instead")
    correction = correction_for(claim, changes, correction_note) if published else None
    _apply(claim, changes, actor=actor, author=actor, correction=correction)
    return claim


@service
def revision_propose(
    *, claim: Claim, actor: Model | None = None, correction_note: str = "", **changes
) -> ClaimRevision:
    """Propose changes to a published claim, for a reviewer to accept or reject."""
    require_perm(actor, "claims.change_claim", "propose a change to a claim")
    if claim.status != Status.PUBLISHED:
        raise ValidationError(
            "Only a published claim's changes are proposed; change this one directly.",
            code="not_published",
        )
    changes = claim_changes(claim, changes)
    if not changes:
        raise ValidationError("Nothing would change: the claim already reads so.", code="no_change")
    if changes.get("citations") == []:
        raise refusal(
            {"citations": "A published claim keeps at least one citation found in a source."},
            code="citation_required",
        )
    # Refused now what accepting it would refuse: an emptied verdict, a change of
    # substance without its correction note.
    _keep_verdict(changes)
    correction_for(claim, changes, correction_note)
    revision = ClaimRevision(
        claim=claim,
        changes=to_json(changes),
        before=to_json(current_values(claim, changes)),
        correction_note=correction_note.strip(),
        proposed_by=actor,
    )
    set_change_reason(revision, "Proposed")
    return validated_save(revision, actor=actor)


@service
def revision_accept(*, revision: ClaimRevision, actor: Model | None) -> Claim:
    """Make the proposed change, as the reviewer `actor`; refused if the claim has changed
    the proposed fields since, or (four eyes) if `actor` proposed it."""
    _require_reviewer(actor, "accept a proposed change")
    revision = _pending(revision)
    _require_other_reviewer(actor, {revision.proposed_by_id}, "accept a change they proposed")
    claim = Claim.objects.select_for_update().get(pk=revision.claim_id)
    if claim.status != Status.PUBLISHED:
        raise ValidationError(
            "The claim is no longer published: reject this revision.", code="not_published"
        )
    changes = from_json(revision.changes)
    if to_json(current_values(claim, changes)) != revision.before:
        raise ValidationError(
            "The claim has changed since this revision was proposed: reject it, and propose "
            "the change again on the claim as it now is.",
            code="stale_revision",
        )
    changes = claim_changes(claim, changes)
    correction = correction_for(claim, changes, revision.correction_note)
    _apply(
        claim,
        changes,
        actor=actor,
        author=revision.proposed_by,
        correction=correction,
        reason=f"Revision {revision.pk} accepted",
    )
    _decide(revision, ClaimRevision.Status.ACCEPTED, actor=actor)
    return claim


@service
def revision_reject(*, revision: ClaimRevision, actor: Model | None, note: str = "") -> None:
    """Turn the proposed change down; `note` tells the editor why."""
    _require_reviewer(actor, "reject a proposed change")
    revision = _pending(revision)
    _decide(revision, ClaimRevision.Status.REJECTED, actor=actor, note=note.strip())


# --- making the change -----------------------------------------------------------------


def _apply(
    claim: Claim,
    changes: dict,
    *,
    actor: Model | None,
    author: Model | None,
    correction: Correction | None,
    reason: str = "",
) -> None:
    if claim.status == Status.PUBLISHED:
        _keep_verdict(changes)
    changes = dict(changes)
    topics = changes.pop("topics", None)
    citations = changes.pop("citations", None)
    for name, value in changes.items():
        setattr(claim, name, value)
    if author is not None:
        claim.changed_by = author
    attribute_to(claim, actor)
    if correction is not None:
        reason = (
            f"{reason}; correction: {correction.note}"
            if reason
            else f"Correction: {correction.note}"
        )
    if reason:
        set_change_reason(claim, reason)
    claim.full_clean()
    claim.save()
    if "statement" in changes:
        claims_embed([claim])
    if topics is not None:
        claim.topics.set(topics)
    if citations is not None:
        citations_sync(claim=claim, items=citations, actor=actor)
    if claim.status == Status.PUBLISHED:
        require_found_citation(claim)
    if correction is not None:
        validated_save(correction, actor=actor)


def _keep_verdict(changes: dict) -> None:
    """A published claim keeps its verdict: a change may not empty its rating or summary
    (retract the claim to withdraw the verdict)."""
    emptied = [
        name
        for name in ("rating", "summary")
        if name in changes and (changes[name] is None or not str(changes[name]).strip())
    ]
    if emptied:
        raise refusal(
            dict.fromkeys(
                emptied, "A published claim keeps its verdict; retract it to withdraw the verdict."
            ),
            code="verdict_required",
        )


def _pending(revision: ClaimRevision) -> ClaimRevision:
    revision = ClaimRevision.objects.select_for_update().get(pk=revision.pk)
    if revision.status != ClaimRevision.Status.PENDING:
        raise ValidationError(
            f"This revision has already been {revision.get_status_display().lower()}.",
            code="decided",
        )
    return revision


def _decide(revision: ClaimRevision, status: str, *, actor: Model | None, note: str = "") -> None:
    set_change_reason(revision, status.capitalize())
    validated_save(
        revision,
        actor=actor,
        status=status,
        decided_by=actor,
        decided_at=timezone.now(),
        decision_note=note,
    )


def _require_reviewer(actor, action: str) -> None:
    if not can_publish(actor):
        raise PermissionDenied(f"Only reviewers may {action}.")


def _require_other_reviewer(actor, authors: set, action: str) -> None:
    if four_eyes_apply() and actor is not None and actor.pk in authors:
        raise PermissionDenied(f"Four eyes: a reviewer may not {action}; ask another reviewer.")
