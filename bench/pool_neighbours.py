"""Find the kept similar claims of the claim-page pool's claims first (issue 17).

    DATABASE_URL=postgres://…/bench .venv/bin/python -m bench.pool_neighbours

`manage.py find_similar_claims` goes through every public claim by id, 15–35 a second
here: at 170,000 claims, hours. `bench_compare`'s claim-page workload asks for the 2,000
claims of its pool (the same seed and size as this takes), so these are found first, by
the same code, and a run can start while the rest are found. Safe to run again: claims
already found are skipped.
"""

import argparse

from bench.in_process import set_up_django

set_up_django("pool-neighbours")

from django.db import transaction  # noqa: E402

from apps.claims.matching import neighbours  # noqa: E402
from bench.compare.workloads import pool_workloads  # noqa: E402


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pool", type=int, default=2000)
    args = parser.parse_args(argv)
    pool = {w.name: w for w in pool_workloads(pool=args.pool, exponent=1.0)}["claim page"]
    slugs = [url.rstrip("/").rsplit("/", 1)[1] for url in dict.fromkeys(pool.factbase)]
    waiting = list(neighbours.claims_to_find().filter(slug__in=slugs).values_list("pk", flat=True))
    print(f"{len(slugs):,} claims in the pool, {len(waiting):,} not found yet")
    for start in range(0, len(waiting), neighbours.BATCH):
        with transaction.atomic():
            neighbours.find_each(waiting[start : start + neighbours.BATCH])
        print(f"  {min(start + neighbours.BATCH, len(waiting)):,} of {len(waiting):,}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
