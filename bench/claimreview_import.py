"""Benchmark of the ClaimReview import: items per second and peak memory at two sizes.

    DATABASE_URL=postgres://factbase:factbase@127.0.0.1:5432/factbase \
        .venv/bin/python -m bench.claimreview_import 10000 100000

For each size it writes a synthetic DataFeed of that many ClaimReview items (distinct
review and appearance URLs, 1,000 claimants and 200 publishers shared between them, verdicts
named and numbered), recreates an empty benchmark database (`<name>_bench`, or a temporary
SQLite file), migrates it, and imports the file in a fresh process, which reports its own
time and peak resident memory (getrusage). Memory that does not grow with the input shows
as the same peak at both sizes. It also reports the CPU time of the importing process and
of its PostgreSQL server process: on a machine shared with other work, items per CPU
second show what an otherwise idle machine would do.
"""

import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit

from bench.harness import ROOT
from bench.import_runs import backend_pid, bench_database, process_cpu, recreate

LABELS = [
    "True",
    "Mostly True",
    "Half True",
    "Mostly False",
    "False",
    "Pants on Fire",
    "Misleading",
    "Unverified",
    None,
]


def write_feed(path: Path, size: int, *, claimants: int = 1000, publishers: int = 200) -> None:
    rng = random.Random(size)
    with path.open("w", encoding="utf-8") as out:
        out.write('{"@context": "https://schema.org", "@type": "DataFeed", "dataFeedElement": [')
        for number in range(size):
            label = rng.choice(LABELS)
            rating = {"@type": "Rating"}
            if label:
                rating["alternateName"] = label
            else:
                rating.update(ratingValue=rng.randint(1, 10), bestRating=10, worstRating=1)
            review = {
                "@type": "ClaimReview",
                "url": f"https://checker.example/reviews/{number}",
                "claimReviewed": f"Statement number {number}: exports rose by "
                f"{rng.randint(1, 99)}% in {rng.randint(1990, 2025)}.",
                "datePublished": f"2024-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
                "author": {
                    "@type": "Organization",
                    "name": "Checker",
                    "url": "https://checker.example/",
                },
                "reviewRating": rating,
                "itemReviewed": {
                    "@type": "Claim",
                    "author": {
                        "@type": "Person",
                        "name": f"Speaker {rng.randrange(claimants)} Example",
                    },
                    "appearance": [
                        {
                            "@type": "NewsArticle",
                            "url": f"https://news{rng.randrange(publishers)}.example/story/{number}",
                            "headline": f"Story {number}",
                            "publisher": {
                                "@type": "Organization",
                                "name": f"Publisher {rng.randrange(publishers)}",
                            },
                        }
                    ],
                },
            }
            item = {"@type": "DataFeedItem", "item": [review]}
            out.write(("," if number else "") + "\n" + json.dumps(item))
        out.write("\n]}\n")


def run_import(path: str) -> None:
    """In the child process: import `path`, print the figures as JSON."""
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "factbase.settings")
    import django

    django.setup()
    from django.db import connection

    from apps.ingest.claimreview.importer import ClaimReviewImporter

    backend = backend_pid(connection)
    database_cpu = process_cpu(backend)
    own = resource.getrusage(resource.RUSAGE_SELF)
    started = time.monotonic()
    report = ClaimReviewImporter().import_path(path)
    seconds = time.monotonic() - started
    usage = resource.getrusage(resource.RUSAGE_SELF)
    result = {
        "read": report.read,
        "imported": report.imported,
        "skipped": report.skipped,
        "failed": report.failed,
        "seconds": seconds,
        "peak_mib": usage.ru_maxrss / 1024,
        "python_cpu": usage.ru_utime + usage.ru_stime - own.ru_utime - own.ru_stime,
        "database_cpu": process_cpu(backend) - database_cpu,
    }
    print(json.dumps(result))


def main(sizes: list[int]) -> None:
    url = bench_database(os.environ.get("DATABASE_URL", ""), "factbase_bench")
    print(f"database: {urlsplit(url).scheme}, {urlsplit(url).path}")
    print(
        f"{'items':>9}  {'file MiB':>8}  {'seconds':>8}  {'items/s':>8}  {'peak RSS MiB':>12}  "
        f"{'CPU s python+db':>16}  {'items/CPU s':>11}"
    )
    with tempfile.TemporaryDirectory() as directory:
        for size in sizes:
            path = Path(directory) / f"feed-{size}.json"
            write_feed(path, size)
            recreate(url)
            child = subprocess.run(
                [sys.executable, "-m", "bench.claimreview_import", "--run", str(path)],
                cwd=ROOT,
                env={**os.environ, "DATABASE_URL": url},
                check=True,
                capture_output=True,
                text=True,
            )
            result = json.loads(child.stdout.strip().splitlines()[-1])
            if result["failed"] or result["imported"] != size:
                raise SystemExit(f"import of {size} items went wrong: {result}")
            cpu = result["python_cpu"] + result["database_cpu"]
            print(
                f"{size:>9,}  {path.stat().st_size / 2**20:>8.1f}  {result['seconds']:>8.1f}  "
                f"{size / result['seconds']:>8,.0f}  {result['peak_mib']:>12.0f}  "
                f"{result['python_cpu']:>7.1f}+{result['database_cpu']:<8.1f}  "
                f"{size / cpu:>11,.0f}"
            )


if __name__ == "__main__":
    if sys.argv[1:2] == ["--run"]:
        run_import(sys.argv[2])
    else:
        main([int(arg) for arg in sys.argv[1:]] or [10_000, 100_000])
