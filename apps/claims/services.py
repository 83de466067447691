"""Writes to claims, citations and ratings. Each runs in a transaction and validates first."""

from django.db import transaction
from django.db.models import Model

from apps.core.deletion import delete_unless_referenced
from apps.core.slugs import unique_slug
from apps.sources.models import Source

from .models import Citation, Claim, Rating


@transaction.atomic
def claim_create(*, statement: str, actor: Model | None = None, topics=(), **fields) -> Claim:
    claim = Claim(statement=statement, **fields)
    if not claim.slug:
        claim.slug = unique_slug(Claim, statement, max_length=80)
    claim._history_user = actor
    claim.full_clean()
    claim.save()
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
    citation._history_user = actor
    citation.full_clean()
    citation.save()
    return citation


def rating_delete(*, rating: Rating) -> None:
    """Delete a rating no claim or correction uses; otherwise a ValidationError says which do."""
    delete_unless_referenced(rating)
