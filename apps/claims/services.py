"""Writes to claims, citations and ratings. Each runs in a transaction and validates first.

Changing a claim, and the review a published claim's changes need, is in
apps/claims/editing.py; moving a claim through draft, review, publication and retraction
is in apps/claims/workflow.py.
"""

from datetime import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Model

from apps.accounts.roles import can_publish
from apps.core.deletion import delete_unless_referenced
from apps.core.slugs import unique_slug
from apps.core.versions import require_version
from apps.core.writes import bulk_insert, refusal, service, validated_save
from apps.sources.models import Source
from apps.sources.services import (
    AnchorCheck,
    passage_remove,
    passage_save,
    passages_reanchor,
    passages_sync,
)

from .matching.semantic import claims_embed
from .models import Citation, Claim, Rating

# Set by the workflow only; a new claim starts as a draft (or, from an import, in review).
_NOT_ON_CREATE = ("published_at", "reviewed_by", "created_by", "changed_by")


@service
def claim_create(
    *, statement: str, actor: Model | None = None, topics=(), citations=None, **fields
) -> Claim:
    """Write a new claim, a draft unless `status` says in review; `citations`, if given,
    are its passages (see `citations_sync`)."""
    forbidden = sorted(set(_NOT_ON_CREATE) & set(fields))
    if forbidden or fields.get("status", Claim.Status.DRAFT) not in (
        Claim.Status.DRAFT,
        Claim.Status.IN_REVIEW,
    ):
        raise refusal(
            dict.fromkeys(
                forbidden or ["status"],
                "A claim starts as a draft; the workflow moves it on (submit, publish).",
            ),
            code="workflow",
        )
    claim = Claim(statement=statement, created_by=actor, changed_by=actor, **fields)
    if not claim.slug:
        claim.slug = unique_slug(Claim, statement, max_length=80)
    validated_save(claim, actor=actor)
    claims_embed([claim])
    if topics:
        claim.topics.set(topics)
    if citations:
        citations_sync(claim=claim, items=citations, actor=actor)
    return claim


@service
def claim_delete(
    *, claim: Claim, actor: Model | None = None, expected_version: datetime | None = None
) -> None:
    """Delete a claim readers have never seen; a published one is retracted, not deleted."""
    require_version(claim, expected_version)
    if claim.status in {Claim.Status.PUBLISHED, Claim.Status.RETRACTED}:
        raise ValidationError(
            f"Cannot delete claim “{claim}”: it has been published. Retract it instead, so "
            "that readers can see what changed.",
            code="published",
        )
    delete_unless_referenced(claim, actor=actor)


# --- citations -------------------------------------------------------------------------


@service
def citation_add(
    *,
    claim: Claim,
    source: Source,
    relation: str,
    exact: str,
    note: str = "",
    actor: Model | None = None,
) -> Citation:
    """Cite a passage of `source` for `claim`; the passage is anchored as it is saved.

    A published claim's citations are added by reviewers (editors propose the change from
    the claim: apps/claims/editing.py)."""
    _check_published_citation_edit(claim, actor)
    citation = _citation_add(
        claim, {"source": source, "relation": relation, "exact": exact, "note": note}, actor=actor
    )
    _touch_claim(claim, actor)
    return citation


@service
def citation_update(*, citation: Citation, actor: Model | None = None, **fields) -> Citation:
    """Change a cited passage (source, relation, words, note); anchored again as it is saved.
    Reviewers only, for a published claim; which must keep a citation found in a public
    source."""
    _check_published_citation_edit(citation.claim, actor)
    passage_save(citation, actor=actor, **fields)
    _touch_claim(citation.claim, actor)
    return citation


@service
def citation_remove(*, citation: Citation, actor: Model | None = None) -> None:
    """Remove a citation of a claim not yet published. From a published claim, a citation is
    removed with the claim's change (apps/claims/editing.py), with a correction note."""
    claim = citation.claim
    if claim.status in {Claim.Status.PUBLISHED, Claim.Status.RETRACTED}:
        raise ValidationError(
            "A citation of a published claim is removed by changing the claim, with a "
            "correction note for readers.",
            code="correction_required",
        )
    _citation_remove(citation, actor=actor)
    _touch_claim(claim, actor)


def citations_sync(*, claim: Claim, items: list[dict], actor: Model | None) -> None:
    """Make the claim's citations exactly `items` (dicts of `source`, `relation`, `exact`,
    `note`; with the `id` of the citation they keep, or without to add one). The rules of
    published claims are the caller's (apps/claims/editing.py), which calls this inside its
    service. Errors name the item: `citations.1.exact`."""
    passages_sync(
        attr="citations",
        items=items,
        existing=list(claim.citations.select_related("source")),
        add=lambda data: _citation_add(claim, data, actor=actor),
        change=lambda citation, data: passage_save(citation, actor=actor, **data),
        remove=lambda citation: _citation_remove(citation, actor=actor),
    )


def found_citation_count(claim: Claim) -> int:
    """How many of the claim's citations are found in a published source's text."""
    return claim.citations.found_in_public_sources().count()


def require_found_citation(claim: Claim) -> None:
    """Refuse to leave a published claim without a citation found in a published source."""
    if not found_citation_count(claim):
        raise refusal(
            {
                "citations": "A published claim keeps at least one citation whose passage is "
                "found in a published source."
            },
            code="citation_required",
        )


def _citation_add(claim: Claim, data: dict, *, actor: Model | None) -> Citation:
    citation = Citation(claim=claim, **data)
    passage_save(citation, actor=actor)
    return citation


def _citation_remove(citation: Citation, *, actor: Model | None) -> None:
    passage_remove(citation, actor=actor)


def _check_published_citation_edit(claim: Claim, actor: Model | None) -> None:
    if claim.status == Claim.Status.RETRACTED:
        raise ValidationError(
            "A retracted claim is not changed: its record stands as it was retracted.",
            code="retracted",
        )
    if claim.status == Claim.Status.PUBLISHED and not can_publish(actor):
        raise PermissionDenied(
            "Only reviewers change the citations of a published claim; propose the change "
            "from the claim instead."
        )


def _touch_claim(claim: Claim, actor: Model | None) -> None:
    """A claim's citations are part of it: checks a published claim still has a found one,
    and marks the claim changed by `actor` (four eyes)."""
    if claim.status == Claim.Status.PUBLISHED:
        require_found_citation(claim)
    if actor is not None:
        Claim.objects.filter(pk=claim.pk).update(changed_by=actor)


# --- ratings ---------------------------------------------------------------------------


@service
def rating_create(*, label: str, actor: Model | None = None, **fields) -> Rating:
    rating = Rating(label=label, **fields)
    if not rating.slug:
        rating.slug = unique_slug(Rating, label, max_length=60)
    validated_save(rating, actor=actor)
    return rating


@service
def rating_update(
    *,
    rating: Rating,
    actor: Model | None = None,
    expected_version: datetime | None = None,
    **fields,
) -> Rating:
    require_version(rating, expected_version)
    validated_save(rating, actor=actor, **fields)
    return rating


@service
def rating_delete(
    *, rating: Rating, actor: Model | None = None, expected_version: datetime | None = None
) -> None:
    """Delete a rating no claim or correction uses; otherwise a ValidationError says which do."""
    require_version(rating, expected_version)
    delete_unless_referenced(rating, actor=actor)


# --- anchoring -------------------------------------------------------------------------


@service
def claims_reanchor(*, claims, actor: Model | None = None) -> AnchorCheck:
    """Locate the citations of these claims (a queryset or a list) again in their sources'
    current text, after an editor corrected a text; only anchors that moved are saved."""
    citations = (
        Citation.objects.filter(claim__in=claims)
        .select_related("source")
        .order_by("claim_id", "pk")
    )
    return passages_reanchor(passages=citations, actor=actor)


# --- imports ---------------------------------------------------------------------------


@service
def claims_import(
    *,
    claims: list[Claim],
    citations: list[Citation],
    actor: Model | None = None,
    reason: str,
) -> None:
    """Write many new claims waiting for review, and their citations, at once (other
    fact-checkers' reviews), each citation anchored in its source. Never
    published: Factbase publishes its own verdicts, through the workflow."""
    for claim in claims:
        if claim.status not in (Claim.Status.DRAFT, Claim.Status.IN_REVIEW):
            raise ValidationError({"status": "Imported claims wait for review."})
        claim.created_by = claim.changed_by = actor
    bulk_insert(Claim, claims, actor=actor, reason=reason)
    claims_embed(claims)
    for citation in citations:
        citation.claim_id = citation.claim.pk  # the claim has its id now
        citation.anchor()
    bulk_insert(Citation, citations, actor=actor, reason=reason)
