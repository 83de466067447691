"""The claim-page pool's similar claims found before a comparison, as a live site has them.

A live site finds a claim's similar claims when it is published or its statement changes
(apps/claims/matching/neighbours.py), so every public claim's page reads them kept. A
generated database has none until `manage.py find_similar_claims` has gone through every
public claim: 15–35 a second here, hours at 200,000 claims. Until then a page whose claim
is not found matches its statement on the visit, about 4 ms of CPU more, which a live site
does not spend.

The pool is drawn from the public claims spread over their ids, so the claims a run's
reviewer publishes shift it: after a few runs, 292 of the 1,781 claims of the pool at
1,000,000 quotes were new and not found, and a sixth of the claim pages matched on their
visit. So each run finds its own pool's claims first, by the same code as the site.
"""

from django.db import transaction

from apps.claims.matching import neighbours

CLAIM_PAGE = "claim page"


def find_pool_neighbours(workloads, *, say) -> int:
    """Find the similar claims of the claim-page workload's claims not found yet; how
    many were found."""
    pool = next((w for w in workloads if w.name == CLAIM_PAGE), None)
    if pool is None:
        return 0
    slugs = [url.rstrip("/").rsplit("/", 1)[1] for url in dict.fromkeys(pool.factbase)]
    waiting = list(neighbours.claims_to_find().filter(slug__in=slugs))
    say(
        f"  {CLAIM_PAGE}: {len(slugs):,} claims in the pool, "
        f"{len(waiting):,} without their similar claims found yet"
    )
    for start in range(0, len(waiting), neighbours.BATCH):
        with transaction.atomic():
            neighbours.find_each(waiting[start : start + neighbours.BATCH])
        say(f"    found {min(start + neighbours.BATCH, len(waiting)):,} of {len(waiting):,}")
    return len(waiting)
