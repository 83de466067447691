"""What a page of quotes' representation costs in the API's row path (issue 17): the CPU
time of `public_quotes` (apps/api/serializers/quotes.py: its five statements and the
representation of 20 quotes with their speakers, topics and appearances), best of five
rounds of `--calls`, for one speaker's newest quotes.

    DATABASE_URL=postgres://…/bench .venv/bin/python -m bench.quote_rows
    DATABASE_URL=postgres://…/bench .venv/bin/python -m bench.quote_rows --tree /work/other

`--tree` takes `apps/api/serializers/rows.py` from another checkout (the same database,
the same quotes, in this process), alternated with this one's, so that two versions of
the row path are compared side by side on a busy machine: time between processes varies
by more than what is measured.
"""

import argparse
import importlib.util
import sys
import time
from pathlib import Path

from bench.in_process import set_up_django

set_up_django("quote-rows")

from django.test import RequestFactory  # noqa: E402
from rest_framework.request import Request  # noqa: E402

import apps.api.serializers.rows as rows  # noqa: E402
from apps.api.serializers.quotes import public_quotes  # noqa: E402
from apps.quotes.models import Quote  # noqa: E402
from apps.speakers.models import Speaker  # noqa: E402

SWAPPED = ("link", "prepared_values", "represent_row", "row_plan")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--calls", type=int, default=100)
    parser.add_argument("--tree", type=Path, help="another checkout whose rows.py to compare")
    args = parser.parse_args(argv)
    speaker = Speaker.objects.public().order_by("-id")[5]
    quotes = list(Quote.objects.public().filter(speaker=speaker).order_by("-said_on")[:20])
    versions = {"this tree": rows}
    if args.tree:
        path = args.tree / "apps" / "api" / "serializers" / "rows.py"
        spec = importlib.util.spec_from_file_location("other_rows", path)
        other = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(other)
        versions = {str(args.tree): other, **versions}
    print(f"{len(quotes)} quotes of {speaker.name}; CPU ms per call, best of 5 × {args.calls}")
    for round_ in (1, 2):
        for name, module in versions.items():
            print(f"  {name} (round {round_}): {_best(module, quotes, args.calls):.2f}")
    return 0


def _best(module, quotes, calls: int) -> float:
    # public_quotes imports these from rows.py when called: swapped for the other tree's.
    kept = {name: getattr(rows, name) for name in SWAPPED}
    for name in SWAPPED:
        setattr(rows, name, getattr(module, name))
    try:
        best = float("inf")
        for _ in range(5):
            started = time.process_time()
            for _ in range(calls):
                public_quotes(Request(RequestFactory().get("/api/v1/quotes/")), quotes)
            best = min(best, (time.process_time() - started) / calls * 1000)
        return best
    finally:
        for name, function in kept.items():
            setattr(rows, name, function)


if __name__ == "__main__":
    sys.exit(main())
