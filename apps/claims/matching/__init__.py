"""Claim matching: the existing claims most like a text, for the editors' duplicate check
(the claim form and the admin's panel), the similar claims on a claim's page and the API's
/search/claims/.

It lives with the claims, not in apps.search, so that the claims app's own admin and forms
can use it without importing a layer above them. Candidates come from the database, by the
backend of the connection (apps/claims/matching/postgresql.py, sqlite.py); both read the
full-text index that apps.search keeps on the claims table (PostgreSQL's `search_vector`
column, SQLite's `search_claim_fts` table) — its schema, never its code.

Meaning joins the words when `settings.CLAIM_MATCHING_SEMANTIC_WEIGHT` is above 0
(apps/claims/matching/semantic.py): the claims nearest the text in meaning are candidates
too, and every candidate's score mixes the cosine of the text's embedding and the
claim's stored one (as the in-memory index holds it) with the lexical score. At 0,
matching is lexical only, as before: no model, no extra query.
"""

from dataclasses import dataclass

import numpy as np
from django.conf import settings
from django.db import connection
from rapidfuzz import fuzz, utils

from apps.claims.matching import semantic
from apps.claims.matching.visibility import NO_ROW, Visible
from apps.claims.models import Claim
from apps.core import compiled

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
    FTS5 on SQLite) and, with a semantic weight w above 0, from the claims nearest in
    meaning (`semantic.claim_index()`, which first reads the embeddings written since it
    last looked: one query), kept only if `visible` holds them (one query). Every candidate
    is then scored the same way on both databases: lexically, the mean of rapidfuzz's
    token-set and token-sort ratios, so that one claim's words inside a longer sentence
    score high, but not as high as the same sentence; combined, w × the rescaled cosine of
    the text's embedding with the claim's stored one + (1 − w) × the lexical score. The
    same sentence scores 1.0 either way.
    """
    scored = scored_claim_ids(text, public=public, limit=limit, exclude_pk=exclude_pk)
    claims = _matched_claims([pk for pk, _ in scored])
    return [ClaimMatch(claims[pk], score) for pk, score in scored if pk in claims]


# The matched claims, and the statements of the claims nearest in meaning, are read by
# statements compiled once per process and size (apps/core/compiled.py): compiling the
# ORM's queries was a quarter of an API client's match. Their ids are padded up to the size
# with an id no row has.
_READ_SIZES = (5, 10, 20, 50, 100)


def _padded(pks: list[int]) -> list[int] | None:
    """`pks` padded with NO_ROW up to the next of _READ_SIZES; None past the largest."""
    size = next((size for size in _READ_SIZES if size >= len(pks)), None)
    return None if size is None else [*pks, *[NO_ROW] * (size - len(pks))]


def _statements(pks: list[int], visible: Visible) -> list[tuple[int, str]]:
    """(id, statement) of the `visible` claims of `pks`, by id: 1 query."""
    padded = _padded(pks)

    def build(excluded, *ids):
        return (
            visible.claims(excluded)
            .filter(pk__in=ids)
            .order_by("pk")
            .values_list("pk", "statement")
        )

    query = None
    if padded is not None:
        query = compiled.compiled(
            ("claim-statements", len(padded), visible.public),
            build,
            lambda: [compiled.stand_in_id() for _ in range(len(padded) + 1)],
        )
    if query is None:
        return list(build(visible.excluded, *pks))
    return query.rows([visible.excluded, *padded])


def _matched_claims(pks: list[int]) -> dict[int, Claim]:
    """The claims of `pks` with their claimants and ratings, by id: 1 query."""
    if not pks:
        return {}
    padded = _padded(pks)

    def build(*ids):
        return Claim.objects.select_related("claimant", "rating").filter(pk__in=ids)

    query = None
    if padded is not None:
        query = compiled.compiled(
            ("claim-matches", len(padded)),
            build,
            lambda: [compiled.stand_in_id() for _ in padded],
        )
    if query is None:
        return {claim.pk: claim for claim in build(*pks)}
    return {claim.pk: claim for claim in query.instances(padded)}


def scored_claim_ids(
    text: str,
    *,
    public: bool = True,
    limit: int = 5,
    exclude_pk: int | None = None,
    nearest: list[int] | None = None,
) -> list[tuple[int, float]]:
    """`match_claims` without reading the matched claims: (id, score) of each, best first,
    the score rounded to 4 decimals. For a caller that reads the claims its own way (a
    claim's page reads them as cards): one query fewer than reading them twice. `nearest`:
    the claims nearest the text in meaning, for a caller that found them for many texts at
    once (`semantic.ClaimIndex.nearest_each`)."""
    text = text.strip()
    if not text:
        return []
    visible = Visible(public=public, exclude_pk=exclude_pk)
    candidates = _backend().claim_candidates(text, visible, CANDIDATES)
    lexical = np.array([_claim_similarity(text, statement) for _, statement in candidates])
    weight = settings.CLAIM_MATCHING_SEMANTIC_WEIGHT
    if weight > 0:
        candidates, lexical = _with_meaning(text, visible, candidates, lexical, weight, nearest)
    scored = sorted(
        ((float(score), pk) for score, (pk, _) in zip(lexical, candidates, strict=True)),
        key=lambda pair: (-pair[0], pair[1]),
    )[:limit]
    return [(pk, round(score, 4)) for score, pk in scored]


def _with_meaning(
    text: str,
    visible: Visible,
    candidates: list,
    lexical: np.ndarray,
    weight: float,
    nearest: list[int] | None,
):
    """The candidates with the visible claims nearest `text` in meaning added, and every
    candidate's combined score. A claim found by meaning alone whose meaning is no nearer
    than unrelated sentences' (a rescaled cosine of 0) is left out: the nearest claims are
    always some claims."""
    vector = semantic.embed([text])[0]
    held = {pk for pk, _ in candidates}
    if nearest is None:
        nearest = semantic.claim_index().nearest(vector, CANDIDATES)
    nearest = [pk for pk in nearest if pk not in held]
    if nearest:
        candidates = candidates + _statements(nearest, visible)
    if not candidates:
        return candidates, lexical
    meaning = semantic.rescaled_cosine(semantic.claim_cosines(candidates, vector))
    lexical_count = len(lexical)  # the lexical candidates come first, and all stay
    keep = [i for i in range(len(candidates)) if i < lexical_count or meaning[i] > 0]
    candidates = [candidates[i] for i in keep]
    added = [_claim_similarity(text, statement) for _, statement in candidates[lexical_count:]]
    lexical = np.concatenate([lexical, added])
    return candidates, weight * meaning[keep] + (1 - weight) * lexical


def _claim_similarity(text: str, statement: str) -> float:
    options = {"processor": utils.default_process}
    set_ratio = fuzz.token_set_ratio(text, statement, **options)
    sort_ratio = fuzz.token_sort_ratio(text, statement, **options)
    return (set_ratio + sort_ratio) / 200


def _backend():
    """The candidate queries for the connection's database. Each module has
    `claim_candidates(text, visible: Visible, limit) -> list[(id, statement)]`: claims of `visible`
    likely to match `text`, unscored, at most a few times `limit`."""
    from apps.claims.matching import postgresql, sqlite

    if connection.vendor == "postgresql":
        return postgresql
    if connection.vendor == "sqlite":
        return sqlite
    raise NotImplementedError(
        f"Claim matching supports PostgreSQL and SQLite, not {connection.vendor}."
    )
