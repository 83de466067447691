"""Claim matching: the existing claims most like a text, for the editors' duplicate check
(the claim form and the admin's panel), the similar claims on a claim's page and the API's
/search/claims/.

It lives with the claims, not in apps.search, so that the claims app's own admin and forms
can use it without importing a layer above them. Candidates come from the database, by the
backend of the connection (apps/claims/matching/postgresql.py, sqlite.py); both read the
full-text index that apps.search keeps on the claims table (PostgreSQL's `search_vector`
column, SQLite's `search_claim_fts` table) — its schema, never its code.
"""

from dataclasses import dataclass

from django.db import connection
from rapidfuzz import fuzz, utils

from apps.claims.models import Claim

# Claims at or above this similarity are treated as near-duplicates by editors' tools.
NEAR_DUPLICATE_SCORE = 0.8
CANDIDATES = 50


@dataclass(frozen=True)
class ClaimMatch:
    claim: Claim
    score: float

    @property
    def is_near_duplicate(self) -> bool:
        return self.score >= NEAR_DUPLICATE_SCORE


def match_claims(
    text: str, *, public: bool = True, limit: int = 5, exclude_pk: int | None = None
) -> list[ClaimMatch]:
    """The existing claims most similar to `text`, best first, each with a score in 0..1.

    Candidates come from the database (trigram and full-text indexes on PostgreSQL,
    FTS5 on SQLite); every candidate is then scored the same way on both databases:
    the mean of rapidfuzz's token-set and token-sort ratios, so that one claim's words
    inside a longer sentence score high, but not as high as the same sentence.
    """
    text = text.strip()
    if not text:
        return []
    visible = Claim.objects.public() if public else Claim.objects.all()
    if exclude_pk is not None:
        visible = visible.exclude(pk=exclude_pk)
    candidates = _backend().claim_candidates(text, visible, CANDIDATES)
    scored = sorted(
        ((_claim_similarity(text, statement), pk) for pk, statement in candidates),
        key=lambda pair: (-pair[0], pair[1]),
    )[:limit]
    claims = Claim.objects.select_related("claimant", "rating").in_bulk([pk for _, pk in scored])
    return [ClaimMatch(claims[pk], round(score, 4)) for score, pk in scored if pk in claims]


def _claim_similarity(text: str, statement: str) -> float:
    options = {"processor": utils.default_process}
    set_ratio = fuzz.token_set_ratio(text, statement, **options)
    sort_ratio = fuzz.token_sort_ratio(text, statement, **options)
    return (set_ratio + sort_ratio) / 200


def _backend():
    """The candidate queries for the connection's database. Each module has
    `claim_candidates(text, visible, limit) -> list[(id, statement)]`: claims of `visible`
    likely to match `text`, unscored, at most a few times `limit`."""
    from apps.claims.matching import postgresql, sqlite

    if connection.vendor == "postgresql":
        return postgresql
    if connection.vendor == "sqlite":
        return sqlite
    raise NotImplementedError(
        f"Claim matching supports PostgreSQL and SQLite, not {connection.vendor}."
    )
