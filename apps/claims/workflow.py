"""The editorial workflow of a claim: draft → in review → published (→ retracted).

Every change of a claim's status, and every change to the verdict of a published claim,
goes through these functions, which the admin and the API both call. They check who may
do what (apps/accounts/roles.py), so a rule holds whichever door a request comes in by:

- editors submit drafts for review, and may send one back to draft;
- only reviewers publish, retract, and change a published claim's rating or summary;
- a claim is published only with a rating, a verdict summary and at least one citation
  whose passage is found in its source;
- changing the rating or summary of a published claim needs a correction note, which
  becomes a public, dated Correction with the rating before and after.

Who moved a claim, and when, is kept in the claim's history (each transition writes one
history row with its user and a change reason).
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Model
from django.utils import timezone

from apps.accounts.roles import can_publish
from apps.core.history import attribute_to, set_change_reason
from apps.sources.anchoring import MatchKind

from .models import Claim, Correction

VERDICT_FIELDS = ("rating", "summary")
Status = Claim.Status


def claim_submit_for_review(*, claim: Claim, actor: Model) -> Claim:
    _require_perm(actor, "claims.change_claim", "submit a claim for review")
    return _move(
        claim, actor, source=(Status.DRAFT,), target=Status.IN_REVIEW, reason="Submitted for review"
    )


def claim_return_to_draft(*, claim: Claim, actor: Model, note: str = "") -> Claim:
    _require_perm(actor, "claims.change_claim", "send a claim back to draft")
    reason = f"Sent back to draft: {note}" if note else "Sent back to draft"
    return _move(claim, actor, source=(Status.IN_REVIEW,), target=Status.DRAFT, reason=reason)


def claim_publish(*, claim: Claim, actor: Model) -> Claim:
    """Publish a claim in review. Only reviewers may, and only a claim ready for readers."""
    _require_reviewer(actor, "publish a claim")
    problems = publication_problems(claim)
    if problems:
        raise ValidationError(problems, code="not_ready")
    return _move(
        claim, actor, source=(Status.IN_REVIEW,), target=Status.PUBLISHED, reason="Published"
    )


def claim_retract(*, claim: Claim, actor: Model, note: str) -> Claim:
    """Take a published claim off the site; the note says why, in the claim's history."""
    _require_reviewer(actor, "retract a claim")
    if not note.strip():
        raise ValidationError({"note": "Say why the claim is retracted."}, code="required")
    return _move(
        claim,
        actor,
        source=(Status.PUBLISHED,),
        target=Status.RETRACTED,
        reason=f"Retracted: {note.strip()}",
    )


def publication_problems(claim: Claim) -> list[str]:
    """What stops `claim` from being published, in words an editor can act on."""
    problems = []
    if claim.rating_id is None:
        problems.append("Give the claim a rating.")
    if not claim.summary.strip():
        problems.append("Write the verdict summary.")
    found = claim.citations.exclude(match=MatchKind.NOT_FOUND).exists() if claim.pk else False
    if not found:
        problems.append("Cite at least one source passage that is found in the source's text.")
    return problems


def verdict_changes(claim: Claim, fields: dict) -> dict:
    """The verdict fields among `fields` whose values differ from the claim's."""
    changes = {}
    for name in VERDICT_FIELDS:
        if name not in fields:
            continue
        current = claim.rating if name == "rating" else getattr(claim, name)
        if fields[name] != current:
            changes[name] = fields[name]
    return changes


def check_claim_edit(
    *, claim: Claim, actor: Model | None, fields: dict, correction_note: str
) -> Correction | None:
    """Refuse an edit the workflow forbids; return the Correction it needs, unsaved.

    Called by `claim_update` before it changes anything. `status`, `published_at` and
    `reviewed_by` are never edited directly: the transitions above set them.
    """
    forbidden = sorted({"status", "published_at", "reviewed_by"} & set(fields))
    if forbidden:
        raise ValidationError(
            dict.fromkeys(forbidden, "Use submit, publish, retract or send back to change this."),
            code="workflow",
        )
    changes = verdict_changes(claim, fields)
    if claim.status != Status.PUBLISHED or not changes:
        return None
    _require_reviewer(actor, "change the verdict of a published claim")
    if not correction_note.strip():
        raise ValidationError(
            {
                "correction_note": "Changing the rating or summary of a published claim needs a "
                "correction note for readers."
            },
            code="correction_required",
        )
    return Correction(
        claim=claim,
        date=timezone.localdate(),
        note=correction_note.strip(),
        rating_before=claim.rating,
        rating_after=changes.get("rating", claim.rating),
    )


@transaction.atomic
def _move(claim: Claim, actor: Model, *, source: tuple, target: str, reason: str) -> Claim:
    # Locked, so two reviewers acting at once cannot both move the claim from the same state.
    current = Claim.objects.select_for_update().get(pk=claim.pk)
    if current.status not in source:
        allowed = " or ".join(str(Status(s).label).lower() for s in source)
        raise ValidationError(
            f"Only a claim that is {allowed} can be {Status(target).label.lower()}; "
            f"this one is {Status(current.status).label.lower()}.",
            code="invalid_transition",
        )
    claim.status = target
    if target == Status.PUBLISHED:
        claim.published_at = claim.published_at or timezone.now()
        claim.reviewed_by = actor
    attribute_to(claim, actor)
    set_change_reason(claim, reason)
    claim.full_clean()
    claim.save()
    return claim


def _require_perm(actor, permission: str, action: str) -> None:
    if actor is None or not actor.is_active or not actor.has_perm(permission):
        raise PermissionDenied(f"You do not have permission to {action}.")


def _require_reviewer(actor, action: str) -> None:
    if not can_publish(actor):
        raise PermissionDenied(f"Only reviewers may {action}.")
