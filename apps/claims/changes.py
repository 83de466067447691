"""What a change to a claim is: the fields an edit may set, which of them are of substance,
the correction a change to a published claim comes with, and a proposed revision's changes
as JSON and as people read them. The services that make or propose a change are in
apps/claims/editing.py.
"""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db.models import Model
from django.utils import timezone

from apps.core.writes import refusal
from apps.quotes.models import Quote
from apps.sources.models import Source
from apps.speakers.models import Speaker
from apps.topics.models import Topic

from .models import Claim, ClaimRevision, Correction, Rating

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
    if claim.status == Claim.Status.RETRACTED and changes:
        raise ValidationError(
            "A retracted claim is not changed: its record stands as it was retracted.",
            code="retracted",
        )
    current = current_values(claim, changes) if claim.pk else {}
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


def current_values(claim: Claim, changes: dict) -> dict:
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
        return to_json({"citations": value})["citations"]
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


# --- revisions as JSON -----------------------------------------------------------------


def to_json(changes: dict) -> dict:
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


def from_json(data: dict, *, strict: bool = True) -> dict:
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
    before = from_json(revision.before, strict=False)
    proposed = from_json(revision.changes, strict=False)
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
