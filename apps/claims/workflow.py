"""The editorial workflow of a claim: draft → in review → published (→ retracted).

Every change of a claim's status goes through these functions, which every door calls.
They check who may do what (apps/accounts/roles.py), so a rule holds whichever door a
request comes in by:

- editors submit drafts for review, and may send one back to draft;
- only reviewers publish and retract;
- four eyes (FACTBASE_FOUR_EYES, on by default): a reviewer does not publish a claim they
  wrote or last changed;
- a claim is published only with a rating, a verdict summary and at least one citation
  whose passage is found in the text of a published source;
- a retraction keeps the claim's URL and is recorded as a public Correction (its date, its
  reason, the verdict the claim had).

Changes to a published claim are reviewed too: apps/claims/editing.py.

Who moved a claim, and when, is kept in the claim's history (each transition writes one
history row with its user and a change reason).
"""

from datetime import datetime

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Model
from django.utils import timezone

from apps.accounts.roles import can_publish
from apps.core.history import attribute_to, set_change_reason
from apps.core.sync import visibility_watched
from apps.core.versions import require_version
from apps.core.writes import refusal, service, validated_save

from .matching import neighbours
from .models import Claim, Correction
from .services import found_citation_count

Status = Claim.Status


@service
def claim_submit_for_review(
    *, claim: Claim, actor: Model, expected_version: datetime | None = None
) -> Claim:
    require_version(claim, expected_version)
    require_perm(actor, "claims.change_claim", "submit a claim for review")
    return _move(
        claim, actor, source=(Status.DRAFT,), target=Status.IN_REVIEW, reason="Submitted for review"
    )


@service
def claim_return_to_draft(
    *, claim: Claim, actor: Model, expected_version: datetime | None = None, note: str = ""
) -> Claim:
    require_version(claim, expected_version)
    require_perm(actor, "claims.change_claim", "send a claim back to draft")
    reason = f"Sent back to draft: {note}" if note else "Sent back to draft"
    return _move(claim, actor, source=(Status.IN_REVIEW,), target=Status.DRAFT, reason=reason)


@service
def claim_publish(*, claim: Claim, actor: Model, expected_version: datetime | None = None) -> Claim:
    """Publish a claim in review. Only reviewers may, and only a claim ready for readers;
    with four eyes (the default), not a reviewer who wrote it or last changed it."""
    require_version(claim, expected_version)
    _require_reviewer(actor, "publish a claim")
    if four_eyes_apply() and actor.pk in {claim.created_by_id, claim.changed_by_id}:
        raise PermissionDenied(
            "Four eyes: you wrote or last changed this claim, so another reviewer must publish it."
        )
    problems = publication_problems(claim)
    if problems:
        raise ValidationError(problems, code="not_ready")
    return _move(
        claim, actor, source=(Status.IN_REVIEW,), target=Status.PUBLISHED, reason="Published"
    )


@service
def claim_retract(
    *, claim: Claim, actor: Model, expected_version: datetime | None = None, note: str
) -> Claim:
    """Withdraw a published claim's verdict. The claim keeps its URL, which shows a notice
    with the date, the reason (`note`) and the verdict it had; the retraction is recorded
    as a public Correction of kind retraction, listed on /corrections/."""
    require_version(claim, expected_version)
    _require_reviewer(actor, "retract a claim")
    if not note.strip():
        raise refusal({"note": "Say why the claim is retracted."}, code="required")
    claim = _move(
        claim,
        actor,
        source=(Status.PUBLISHED,),
        target=Status.RETRACTED,
        reason=f"Retracted: {note.strip()}",
    )
    retraction = Correction(
        claim=claim,
        kind=Correction.Kind.RETRACTION,
        date=timezone.localdate(),
        note=note.strip(),
        rating_before=claim.rating,
        rating_after=None,
    )
    validated_save(retraction, actor=actor)
    return claim


def publication_problems(claim: Claim) -> list[str]:
    """What stops `claim` from being published, in words an editor can act on."""
    problems = []
    if claim.rating_id is None:
        problems.append("Give the claim a rating.")
    if not claim.summary.strip():
        problems.append("Write the verdict summary.")
    if not (claim.pk and found_citation_count(claim)):
        problems.append(
            "Cite at least one passage that is found in the text of a published source."
        )
    return problems


def four_eyes_apply() -> bool:
    """Whether a reviewer is kept from publishing their own work (FACTBASE_FOUR_EYES)."""
    return settings.FACTBASE_FOUR_EYES


@service
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
    # Published, clients fetch it; retracted, they learn to drop it (apps/core/sync.py).
    with visibility_watched(Claim, [claim.pk], reason=Status(target).label.lower()):
        claim.full_clean()
        claim.save()
    if target == Status.PUBLISHED:
        # Its similar claims, and it among theirs, once readers can see it.
        neighbours.find_on_commit([claim.pk])
    return claim


def require_perm(actor, permission: str, action: str) -> None:
    if actor is None or not actor.is_active or not actor.has_perm(permission):
        raise PermissionDenied(f"You do not have permission to {action}.")


def _require_reviewer(actor, action: str) -> None:
    if not can_publish(actor):
        raise PermissionDenied(f"Only reviewers may {action}.")
