"""What a first visit costs: each distinct target of a workload's long-tail pool asked for
once, in this process, the response cache off (issue 17).

    DATABASE_URL=postgres://…/bench .venv/bin/python -m bench.first_visits "speaker page"
    … -m bench.first_visits "claim page" --targets 300 --profile

`bench_compare` asks for its pools' targets in a Zipf order, so most of its misses are a
target's first visit: a page whose cards, compiled statements and fragments no earlier
request of this worker has made. `bench.profile_render` measures a few dozen URLs over
and over, which is the warm figure. This takes the pool bench_compare takes (the same
seed and size), skips the first `--warm` targets (the process's own start-up: the model,
the claim index, templates), then asks for each of the next `--targets` once and prints
the CPU time of this process per request (time.process_time(): Python, not PostgreSQL)
and its wall time (which holds PostgreSQL's work), p50/p90/p95/p99/max/mean, with the five
slowest URLs. `--profile` then
asks for the next targets under pyinstrument and prints its tree.
"""

import argparse
import statistics
import sys
import time

from bench.in_process import set_up_django

set_up_django("first-visits")

from django.test import Client  # noqa: E402

from bench.compare.workloads import pool_workloads  # noqa: E402


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("workload", help='a bench_compare workload, e.g. "speaker page"')
    parser.add_argument("--targets", type=int, default=300)
    parser.add_argument("--warm", type=int, default=10)
    parser.add_argument("--pool", type=int, default=2000)
    parser.add_argument("--profile", action="store_true")
    args = parser.parse_args(argv)

    workloads = {
        workload.name: workload for workload in pool_workloads(pool=args.pool, exponent=1.0)
    }
    if args.workload not in workloads:
        parser.error(f"no workload {args.workload!r}; one of: {', '.join(workloads)}")
    targets = list(dict.fromkeys(workloads[args.workload].factbase))
    client = Client()
    for url in targets[: args.warm]:
        client.get(url)
    measured = []
    for url in targets[args.warm : args.warm + args.targets]:
        cpu, wall = time.process_time(), time.perf_counter()
        response = client.get(url)
        if response.status_code != 200:
            print(f"{url} answered {response.status_code}", file=sys.stderr)
            return 1
        measured.append((time.process_time() - cpu, time.perf_counter() - wall, url))
    _report(args.workload, measured)
    if args.profile:
        from pyinstrument import Profiler

        start = args.warm + args.targets
        profiler = Profiler(interval=0.0005)
        profiler.start()
        for url in targets[start : start + args.targets]:
            client.get(url)
        profiler.stop()
        print(profiler.output_text(unicode=True, color=False))
    return 0


def _report(name: str, measured: list) -> None:
    cpu = sorted(ms * 1000 for ms, _, _ in measured)
    wall = sorted(ms * 1000 for _, ms, _ in measured)

    def at(values: list, share: float) -> float:
        return values[min(len(values) - 1, int(len(values) * share))]

    def spread(values: list) -> str:
        return (
            f"p50 {at(values, 0.5):.1f} p90 {at(values, 0.9):.1f} p95 {at(values, 0.95):.1f} "
            f"p99 {at(values, 0.99):.1f} max {values[-1]:.1f} mean {statistics.fmean(values):.1f}"
        )

    # The wall time holds PostgreSQL's work, which the CPU time of this process does not.
    print(f"{name}: {len(cpu)} first visits; CPU ms {spread(cpu)}; wall ms {spread(wall)}")
    for cpu_s, wall_s, url in sorted(measured, key=lambda m: m[1])[-5:]:
        print(f"  {cpu_s * 1000:6.1f} ms CPU {wall_s * 1000:6.1f} ms wall  {url}")


if __name__ == "__main__":
    sys.exit(main())
