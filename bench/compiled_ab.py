"""What the statements compiled once save a workload (apps/core/compiled.py), A/B in one
process: each target of the workload's long-tail pool asked for with the compiled
statements, then with `compiled.compiled` answering None (so every read goes through the
ORM, as each caller falls back), alternating target by target so that the machine's load
weighs on both alike; prints this process's CPU ms a request per round.

    DATABASE_URL=postgres://…/bench .venv/bin/python -m bench.compiled_ab "claim matching"
"""

import argparse
import time

from bench.in_process import set_up_django

set_up_django("compiled-ab")

from django.test import Client  # noqa: E402

from apps.core import compiled  # noqa: E402
from bench.compare.workloads import pool_workloads  # noqa: E402


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("workload", help='a bench_compare workload, e.g. "claim matching"')
    parser.add_argument("--targets", type=int, default=100)
    parser.add_argument("--skip", type=int, default=300, help="targets left out first")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args(argv)
    workloads = {workload.name: workload for workload in pool_workloads(pool=2000, exponent=1.0)}
    if args.workload not in workloads:
        parser.error(f"no workload {args.workload!r}; one of: {', '.join(workloads)}")
    targets = list(dict.fromkeys(workloads[args.workload].factbase))
    targets = targets[args.skip : args.skip + args.targets]
    client = Client()
    compiling = compiled.compiled
    modes = {"compiled": compiling, "through the ORM": lambda *args, **kwargs: None}
    try:
        for url in targets:  # the process's own start-up, and each target read once
            client.get(url)
        for round_number in range(1, args.rounds + 1):
            spent = dict.fromkeys(modes, 0.0)
            for url in targets:
                for mode, function in modes.items():
                    compiled.compiled = function
                    started = time.process_time()
                    client.get(url)
                    spent[mode] += time.process_time() - started
            figures = ", ".join(
                f"{mode} {seconds / len(targets) * 1000:.2f} ms" for mode, seconds in spent.items()
            )
            print(f"{args.workload}, round {round_number}: {figures}")
    finally:
        compiled.compiled = compiling
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
