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
"""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Model
from django.utils import timezone

from apps.accounts.roles import can_publish
from apps.core.history import attribute_to, set_change_reason
from apps.core.writes import refusal, service, validated_save
from apps.quotes.models import Quote
from apps.sources.models import Source
from apps.speakers.models import Speaker
from apps.topics.models import Topic

from .models import Claim, ClaimRevision, Correction, Rating
from .services import citations_sync, require_found_citation
from .workflow import four_eyes_apply, require_perm

# What readers see of a claim, and so what a published claim changes only under review.
READER_FIELDS = (
    "statement",
    "slug",
    "claimant",
    "quote",
    "rating",
    "summary",
    "analysis",
    "topics",
    "citations",
)
# Changes of substance: with a citation removed, they need a public correction note.
SUBSTANCE_FIELDS = ("statement", "claimant", "rating", "summary")
# Moved only by the workflow's transitions (apps/claims/workflow.py).
WORKFLOW_FIELDS = ("status", "published_at", "reviewed_by", "created_by", "changed_by")
# Related objects in a revision's JSON, stored by primary key.
_RELATED = {"claimant": Speaker, "quote": Quote, "rating": Rating}
_CITATION_KEYS = ("id", "source", "relation", "exact", "note")

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
    *, claim: Claim, actor: Model | None = None, correction_note: str = "", **changes
) -> EditOutcome:
    """Change `claim` as `actor` may: directly, or, for an editor's change to a published
    claim, as a proposed revision. `changes` are field values (related objects as objects,
    `topics` a list, `citations` the whole new list of passages as `citations_sync` takes
    it); those equal to the claim's are left out. Raises ValidationError or
    PermissionDenied, naming the rule, when neither is allowed."""
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
        changes=_to_json(changes),
        before=_to_json(_current(claim, changes)),
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
    changes = _from_json(revision.changes)
    if _to_json(_current(claim, changes)) != revision.before:
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


# --- what a change is ------------------------------------------------------------------


def claim_changes(claim: Claim, changes: dict) -> dict:
    """`changes` without the values the claim already has; refuses fields no edit may set."""
    forbidden = sorted(set(WORKFLOW_FIELDS) & set(changes))
    if forbidden:
        raise refusal(
            dict.fromkeys(forbidden, "Use submit, publish, retract or send back to change this."),
            code="workflow",
        )
    unknown = sorted(set(changes) - set(READER_FIELDS))
    if unknown:
        raise ValidationError(dict.fromkeys(unknown, "A claim has no such field to change."))
    if claim.status == Status.RETRACTED and changes:
        raise ValidationError(
            "A retracted claim is not changed: its record stands as it was retracted.",
            code="retracted",
        )
    current = _current(claim, changes) if claim.pk else {}
    return {
        name: value
        for name, value in changes.items()
        if claim.pk is None or _comparable(name, value) != _comparable(name, current[name])
    }


def is_substantive(claim: Claim, changes: dict) -> bool:
    """Whether `changes` (as `claim_changes` returns them) change the claim's substance."""
    if any(name in changes for name in SUBSTANCE_FIELDS):
        return True
    if "citations" not in changes:
        return False
    kept = {item.get("id") for item in changes["citations"]}
    return any(pk not in kept for pk in claim.citations.values_list("pk", flat=True))


def _current(claim: Claim, changes: dict) -> dict:
    """The claim's values of the fields in `changes`, in the shape changes take."""
    values = {}
    for name in changes:
        if name == "topics":
            values[name] = list(claim.topics.all())
        elif name == "citations":
            values[name] = [
                {
                    "id": citation.pk,
                    "source": citation.source,
                    "relation": citation.relation,
                    "exact": citation.exact,
                    "note": citation.note,
                }
                for citation in claim.citations.select_related("source").order_by("pk")
            ]
        else:
            values[name] = getattr(claim, name)
    return values


def _comparable(name: str, value):
    if name == "topics":
        return sorted(topic.pk for topic in value)
    if name == "citations":
        return _to_json({"citations": value})["citations"]
    if isinstance(value, Model):
        return value.pk
    return value


def correction_for(claim: Claim, changes: dict, note: str) -> Correction | None:
    """The correction a change to published `claim` comes with, unsaved: required for a
    change of substance, made from a note given with a lesser one, else None."""
    note = note.strip()
    if is_substantive(claim, changes) and not note:
        raise refusal(
            {
                "correction_note": "Changing the statement, claimant, rating or summary of a "
                "published claim, or removing a citation, needs a correction note for readers."
            },
            code="correction_required",
        )
    if not note:
        return None
    return Correction(
        claim=claim,
        kind=Correction.Kind.CORRECTION,
        date=timezone.localdate(),
        note=note,
        rating_before=claim.rating,
        rating_after=changes.get("rating", claim.rating),
    )


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


# --- revisions as JSON -----------------------------------------------------------------


def _to_json(changes: dict) -> dict:
    data = {}
    for name, value in changes.items():
        if name == "topics":
            data[name] = sorted(topic.pk for topic in value)
        elif name == "citations":
            data[name] = [
                {
                    key: (item[key].pk if isinstance(item[key], Model) else item[key])
                    for key in _CITATION_KEYS
                    if key in item
                }
                for item in value
            ]
        elif isinstance(value, Model):
            data[name] = value.pk
        else:
            data[name] = value
    return data


def _from_json(data: dict, *, strict: bool = True) -> dict:
    """A revision's changes as objects again; refused if one of them has been deleted
    (unless not `strict`, for showing a revision: a deleted object reads as None)."""
    changes = {}
    for name, value in data.items():
        if name == "topics":
            changes[name] = list(Topic.objects.filter(pk__in=value))
            missing = len(value) - len(changes[name])
        elif name == "citations":
            sources = Source.objects.in_bulk([item["source"] for item in value])
            missing = sum(item["source"] not in sources for item in value)
            changes[name] = [{**item, "source": sources.get(item["source"])} for item in value]
        elif name in _RELATED and value is not None:
            changes[name] = _RELATED[name].objects.filter(pk=value).first()
            missing = changes[name] is None
        else:
            changes[name] = value
            missing = 0
        if missing and strict:
            raise refusal(
                {name: "Something this revision refers to has since been deleted."},
                code="stale_revision",
            )
    return changes


# --- revisions as people read them -----------------------------------------------------


@dataclass(frozen=True)
class RevisionChange:
    """One field of a revision: its label, the value it had when proposed, the new one."""

    field: str
    before: str
    proposed: str


def revision_changes(revision: ClaimRevision) -> list[RevisionChange]:
    """What a revision proposes, field by field, in words (a few queries for the related
    objects it names)."""
    before = _from_json(revision.before, strict=False)
    proposed = _from_json(revision.changes, strict=False)
    return [
        RevisionChange(
            field=str(Claim._meta.get_field(name).verbose_name)
            if name != "citations"
            else "citations",
            before=_described(before.get(name)),
            proposed=_described(proposed[name]),
        )
        for name in proposed
    ]


def _described(value) -> str:
    if value is None or value == "":
        return "(none)"
    if isinstance(value, list):
        return "; ".join(_described(item) for item in value) or "(none)"
    if isinstance(value, dict):  # a citation
        return f"{value['source'] or '(a deleted source)'}, {value['relation']}: “{value['exact']}”"
    return str(value)
