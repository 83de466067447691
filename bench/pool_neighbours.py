"""Find the kept similar claims of the claim-page pool's claims first (issue 17).

    DATABASE_URL=postgres://…/bench .venv/bin/python -m bench.pool_neighbours

`manage.py find_similar_claims` goes through every public claim by id, 15–35 a second
here: at 170,000 claims, hours. `bench_compare`'s claim-page workload asks for the 2,000
claims of its pool, and finds those not found yet itself before each run
(bench/compare/neighbours.py); this finds them ahead, for the pool of this size and seed.
Safe to run again: claims already found are skipped.
"""

import argparse

from bench.in_process import set_up_django

set_up_django("pool-neighbours")

from bench.compare.neighbours import find_pool_neighbours  # noqa: E402
from bench.compare.workloads import pool_workloads  # noqa: E402


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pool", type=int, default=2000)
    args = parser.parse_args(argv)
    workloads = pool_workloads(pool=args.pool, exponent=1.0)
    find_pool_neighbours(workloads, say=print)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
