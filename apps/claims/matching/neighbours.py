"""Each public claim's similar claims, found once and kept (`ClaimNeighbour`), so that a
claim's page reads them instead of matching its statement on every visit.

Matching a statement against 200,000 claims costs a claim's page about two thirds of its
first visit (the nearest vectors, the rare-word candidates, their statements: bench/README.md,
"First visits"). What it finds changes only when a claim's statement changes or a claim
becomes public, so it is found then:

- when a claim's statement is embedded (`semantic.claims_embed`: created, edited,
  imported), every kept pair that holds it is dropped in the same transaction, and its
  neighbours are found again once the transaction commits, if it is public;
- when a claim is published (`workflow._move`), once the transaction commits.

A claim's neighbours are `scored_claim_ids(statement, limit=NEIGHBOURS)` among the public
claims, those scoring MIN_SCORE or more. The score is symmetric (rapidfuzz's token set and
sort ratios, and the cosine, do not depend on the order), so each one found also gets the
claim among its own neighbours, if it scores among that one's best NEIGHBOURS: a claim
published today shows on the pages of the older claims it resembles.

A claim is marked as found (`ClaimEmbedding.neighbours_found_at`) for the vector its
statement has; until then, or if finding failed after the commit, `stored_neighbours`
answers None and its page matches as before. Transactions embedding more than INLINE
claims (a dump's load, `embed_claims`) leave them to `manage.py find_similar_claims`,
which finds every claim not yet found, with its progress.

Readers see neighbours only through `public()` (a claim retracted since it was found is
left out when the page reads the cards), so a claim leaving the public needs no work here.
"""

import logging
from collections import defaultdict
from collections.abc import Callable, Iterable

from django.conf import settings
from django.db import DatabaseError, transaction
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from apps.core.batches import in_batches
from apps.core.commit_hooks import CommitHook, wait_for_commit, waiting
from apps.core.reader_keys import keys
from apps.ops.database import describe
from apps.ops.staleness import changed

logger = logging.getLogger(__name__)

# How many neighbours a claim keeps: a page shows 5, and claims leaving the public or
# found better later make room.
NEIGHBOURS = 10
# Below this score a claim is not kept as a neighbour (a page shows 0.5 and above).
MIN_SCORE = 0.5
# A transaction embedding more claims than this leaves them to `find_similar_claims`: at
# about 20 ms a claim, 200 add four seconds to an editor's bulk action at most.
INLINE = 200
# Claims found per transaction by `find_missing`.
BATCH = 100


def stored_neighbours(claim_id: int) -> list[tuple[int, float]] | None:
    """(id, score) of the claims kept as like this one, best first, or None if they have
    not been found since its statement was embedded (the caller matches instead). One
    query."""
    from apps.claims.models import ClaimEmbedding

    rows = list(
        ClaimEmbedding.objects.filter(claim_id=claim_id).values_list(
            "neighbours_found_at", "claim__neighbours__neighbour_id", "claim__neighbours__score"
        )
    )
    if not rows or rows[0][0] is None:
        return None
    found = [(pk, score) for _, pk, score in rows if pk is not None]
    return sorted(found, key=lambda pair: (-pair[1], pair[0]))


def found_marker() -> Exists:
    """For a query of claims: whether each claim's neighbours are found (its page then
    reads the kept ones), so that a page that reads its claim anyway learns it without
    a query of its own."""
    from apps.claims.models import ClaimEmbedding

    return Exists(
        ClaimEmbedding.objects.filter(claim=OuterRef("pk"), neighbours_found_at__isnull=False)
    )


def forget(claim_ids: list[int]) -> None:
    """Drop every kept pair holding one of these claims, whose statements are changing:
    their scores no longer hold. Called by `claims_embed` in its transaction."""
    from apps.claims.models import ClaimNeighbour

    ClaimNeighbour.objects.filter(Q(claim__in=claim_ids) | Q(neighbour__in=claim_ids)).delete()


def find_on_commit(claim_ids: Iterable[int]) -> None:
    """Find these claims' neighbours once the current transaction commits (at once in
    autocommit). One hook per savepoint gathers them all (a hook of an outer block would
    run even if this block rolled back)."""
    claim_ids = set(claim_ids)
    if not claim_ids:
        return
    db = transaction.get_connection()
    if not db.in_atomic_block:
        _FindOnCommit(claim_ids)()
        return
    pending = waiting(_FindOnCommit, this_savepoint=True)
    if pending is not None:
        pending.claim_ids |= claim_ids
        return
    wait_for_commit(_FindOnCommit(claim_ids), this_savepoint=True)


class _FindOnCommit(CommitHook):
    """The claims one transaction embedded or published, found after it commits, and the
    pages whose similar claims that changed made stale."""

    def __init__(self, claim_ids: set[int]):
        self.claim_ids = claim_ids

    def __call__(self) -> None:
        if len(self.claim_ids) > INLINE:
            return  # left to `find_similar_claims`; their pages match meanwhile
        try:
            with transaction.atomic():
                touched = find_each(sorted(self.claim_ids))
                # The claims' own commit made their pages stale, perhaps before a reader
                # read the neighbours this finds: those pages are stale again.
                changed(keys_of(touched))
        except DatabaseError as error:
            # The claims have committed; their pages match on each visit until
            # `find_similar_claims` runs. Said in one line, without a stack trace.
            logger.error(
                "similar claims of %d claims were not found after their commit (%s); "
                "run manage.py find_similar_claims",
                len(self.claim_ids),
                describe(error),
            )


def keys_of(claim_ids: set[int]) -> set[str]:
    from apps.claims.models import Claim

    return keys(Claim, claim_ids)


def find(claim_id: int) -> set[int]:
    """Find a public claim's neighbours, keep them, keep it among theirs, and mark it
    found. Returns the claims whose kept neighbours changed (none if the claim is not
    public or not embedded)."""
    return find_each([claim_id])


def find_each(claim_ids: list[int]) -> set[int]:
    """`find` for each claim, the claims nearest each in meaning found in one pass over
    the index."""
    from apps.claims.matching import CANDIDATES, semantic
    from apps.claims.models import Claim

    rows = list(
        Claim.objects.public()
        .filter(pk__in=claim_ids, embedding__isnull=False)
        .order_by("pk")
        .values_list("pk", "embedding__embedded_at", "statement")
    )
    if not rows:
        return set()
    nearest = [None] * len(rows)
    if settings.CLAIM_MATCHING_SEMANTIC_WEIGHT > 0:
        vectors = semantic.embed([statement for _, _, statement in rows])
        nearest = semantic.claim_index().nearest_each(vectors, CANDIDATES)
    touched = set()
    for (claim_id, embedded_at, statement), near in zip(rows, nearest, strict=True):
        touched |= _keep(claim_id, embedded_at, statement, near)
    return touched


def _keep(claim_id: int, embedded_at, statement: str, nearest: list[int] | None) -> set[int]:
    from apps.claims.matching import scored_claim_ids
    from apps.claims.models import ClaimEmbedding, ClaimNeighbour

    matched = scored_claim_ids(statement, exclude_pk=claim_id, limit=NEIGHBOURS, nearest=nearest)
    found = [(pk, score) for pk, score in matched if score >= MIN_SCORE]
    with transaction.atomic():
        ClaimNeighbour.objects.filter(claim_id=claim_id).delete()
        pairs = [ClaimNeighbour(claim_id=claim_id, neighbour_id=pk, score=s) for pk, s in found]
        pairs += [ClaimNeighbour(claim_id=pk, neighbour_id=claim_id, score=s) for pk, s in found]
        ClaimNeighbour.objects.bulk_create(
            pairs,
            update_conflicts=True,
            unique_fields=["claim", "neighbour"],
            update_fields=["score"],
        )
        _keep_best([pk for pk, _ in found])
        # Only for the vector it was found from: a statement embedded meanwhile waits
        # for its own finding.
        ClaimEmbedding.objects.filter(claim_id=claim_id, embedded_at=embedded_at).update(
            neighbours_found_at=timezone.now()
        )
    return {claim_id, *(pk for pk, _ in found)}


def _keep_best(claim_ids: list[int]) -> None:
    """Drop what these claims keep beyond their NEIGHBOURS best."""
    from apps.claims.models import ClaimNeighbour

    if not claim_ids:
        return
    kept: dict[int, int] = defaultdict(int)
    extra = []
    rows = (
        ClaimNeighbour.objects.filter(claim__in=claim_ids)
        .order_by("claim", "-score", "neighbour")
        .values_list("pk", "claim")
    )
    for pk, claim in rows:
        kept[claim] += 1
        if kept[claim] > NEIGHBOURS:
            extra.append(pk)
    if extra:
        ClaimNeighbour.objects.filter(pk__in=extra).delete()


def claims_to_find(*, every: bool = False):
    """Public claims embedded and not found since (every public embedded claim if
    `every`): what `find_similar_claims` finds (a queryset of ids, by id)."""
    from apps.claims.models import Claim

    claims = Claim.objects.public().filter(embedding__isnull=False)
    if not every:
        claims = claims.filter(embedding__neighbours_found_at__isnull=True)
    return claims.order_by("pk").values_list("pk", flat=True)


def find_missing(*, every: bool = False, progress: Callable[[int, int], None] | None = None) -> int:
    """Find the neighbours of every claim `claims_to_find` names, BATCH a transaction
    (apps/core/batches.py: an interrupted run resumes where it stopped), and make the
    pages whose similar claims changed stale. `progress(done, total)` is called after each
    batch. Returns how many claims were found."""
    return in_batches(
        claims_to_find(every=every),
        BATCH,
        lambda batch: changed(keys_of(find_each(batch))),
        progress=progress,
    )
