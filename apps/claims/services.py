"""Writes to claims, citations and ratings. Each runs in a transaction and validates first."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Model

from apps.core.deletion import delete_unless_referenced
from apps.core.history import attribute_to, set_change_reason
from apps.core.slugs import unique_slug
from apps.core.writes import validated_save
from apps.sources.models import Source
from apps.sources.services import AnchorCheck, passages_reanchor

from .models import Citation, Claim, Rating
from .workflow import check_claim_edit


@transaction.atomic
def claim_create(*, statement: str, actor: Model | None = None, topics=(), **fields) -> Claim:
    claim = Claim(statement=statement, **fields)
    if not claim.slug:
        claim.slug = unique_slug(Claim, statement, max_length=80)
    validated_save(claim, actor=actor)
    if topics:
        claim.topics.set(topics)
    return claim


@transaction.atomic
def citation_add(
    *,
    claim: Claim,
    source: Source,
    relation: str,
    exact: str,
    note: str = "",
    actor: Model | None = None,
) -> Citation:
    """Cite a passage of `source` for `claim`; the passage is anchored as it is saved."""
    citation = Citation(claim=claim, source=source, relation=relation, exact=exact, note=note)
    validated_save(citation, actor=actor)
    return citation


def rating_delete(*, rating: Rating) -> None:
    """Delete a rating no claim or correction uses; otherwise a ValidationError says which do."""
    delete_unless_referenced(rating)


@transaction.atomic
def claim_update(
    *,
    claim: Claim,
    actor: Model | None = None,
    topics=None,
    correction_note: str = "",
    **fields,
) -> Claim:
    """Change a claim; `topics`, when given, becomes its whole list of topics.

    The workflow's rules apply (apps/claims/workflow.py): status moves only through its
    transitions, and only a reviewer may change the rating or summary of a published claim,
    with a `correction_note` that becomes a public Correction.
    """
    correction = check_claim_edit(
        claim=claim, actor=actor, fields=fields, correction_note=correction_note
    )
    for name, value in fields.items():
        setattr(claim, name, value)
    attribute_to(claim, actor)
    if correction is not None:
        set_change_reason(claim, f"Correction: {correction.note}")
    claim.full_clean()
    claim.save()
    if correction is not None:
        validated_save(correction, actor=actor)
    if topics is not None:
        claim.topics.set(topics)
    return claim


def claim_delete(*, claim: Claim) -> None:
    """Delete a claim readers have never seen; a published one is retracted, not deleted."""
    if claim.status in {Claim.Status.PUBLISHED, Claim.Status.RETRACTED}:
        raise ValidationError(
            f"Cannot delete claim “{claim}”: it has been published. Retract it instead, so "
            "that readers can see what changed.",
            code="published",
        )
    delete_unless_referenced(claim)


@transaction.atomic
def citation_update(*, citation: Citation, actor: Model | None = None, **fields) -> Citation:
    """Change a cited passage (source, relation, words, note); anchored again as it is saved."""
    validated_save(citation, actor=actor, **fields)
    return citation


@transaction.atomic
def citation_remove(*, citation: Citation, actor: Model | None = None) -> None:
    attribute_to(citation, actor)
    citation.delete()


@transaction.atomic
def rating_create(*, label: str, actor: Model | None = None, **fields) -> Rating:
    rating = Rating(label=label, **fields)
    if not rating.slug:
        rating.slug = unique_slug(Rating, label, max_length=60)
    validated_save(rating, actor=actor)
    return rating


@transaction.atomic
def rating_update(*, rating: Rating, actor: Model | None = None, **fields) -> Rating:
    validated_save(rating, actor=actor, **fields)
    return rating


def claims_reanchor(*, claims, actor: Model | None = None) -> AnchorCheck:
    """Locate the citations of these claims (a queryset or a list) again in their sources'
    current text, after an editor corrected a text; only anchors that moved are saved."""
    citations = (
        Citation.objects.filter(claim__in=claims)
        .select_related("source")
        .order_by("claim_id", "pk")
    )
    return passages_reanchor(passages=citations, actor=actor)
