"""Benchmark of the article import: seconds, work and peak memory per size of article.

    .venv/bin/python -m bench.article_import                      # 8K 64K 256K 1M 10M, SQLite
    DATABASE_URL=postgres://factbase:factbase@127.0.0.1:5432/factbase \
        .venv/bin/python -m bench.article_import 8K 64K 256K 1M 10M

For each size it writes a synthetic article of that many bytes of quote-dense wire copy
(`quote_dense_text`, bench/article_text.py: a quotation every 90 characters or so, a few
thousand named people with titles, pronouns, split and continued quotations, scare quotes
and titles of works, some words quoted twice), recreates an empty benchmark database
(`<name>_bench`, or a temporary SQLite file), migrates it, and imports the article in a
fresh process, which reports its time split into extraction and writing, the SQL
statements it ran, and its peak resident memory (getrusage). With PostgreSQL it also
reports the CPU time of the importing process and of its server process: on a machine
shared with other work, the CPU figures show what an otherwise idle machine would need.
`--json PATH` keeps the figures.
"""

import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit

from bench.article_text import quote_dense_text
from bench.harness import ROOT
from bench.import_runs import backend_pid, bench_database, process_cpu, recreate

DEFAULT_SIZES = ["8K", "64K", "256K", "1M", "10M"]


def parse_size(text: str) -> int:
    units = {"K": 1024, "M": 1024**2}
    text = text.strip().upper().removesuffix("B")
    if text[-1:] in units:
        return int(float(text[:-1]) * units[text[-1]])
    return int(text)


def run_import(path: str) -> None:
    """In the child process: import the article at `path`, print the figures as JSON."""
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "factbase.settings")
    import django

    django.setup()
    from django.db import connection

    from apps.ingest.articles import ArticleImporter
    from apps.ingest.extraction import extract_quotes
    from apps.ingest.speakers import SpeakerDirectory

    text = Path(path).read_text(encoding="utf-8")
    started = time.monotonic()
    quotations = len(extract_quotes(text, directory=SpeakerDirectory()))
    extraction = time.monotonic() - started

    statements = 0

    def count(execute, sql, params, many, context):
        nonlocal statements
        statements += 1
        return execute(sql, params, many, context)

    backend = backend_pid(connection)
    database_cpu = process_cpu(backend)
    own = resource.getrusage(resource.RUSAGE_SELF)
    started = time.monotonic()
    stages: dict[str, float] = {}
    last = [None, started]

    def progress(stage, done, total):
        now = time.monotonic()
        if last[0] is not None:
            stages[last[0]] = stages.get(last[0], 0.0) + now - last[1]
        last[:] = [stage, now]

    with connection.execute_wrapper(count):
        outcome = ArticleImporter(progress=progress).import_text(text, name=Path(path).name)
    seconds = time.monotonic() - started
    progress(None, 0, 0)
    usage = resource.getrusage(resource.RUSAGE_SELF)
    result = {
        "status": outcome.status,
        "message": outcome.message[:300],
        "quotations": quotations,
        "proposed": outcome.proposed,
        "extraction_seconds": extraction,
        "seconds": seconds,
        "statements": statements,
        "stages": {stage: round(spent, 2) for stage, spent in stages.items()},
        "peak_mib": usage.ru_maxrss / 1024,
        "python_cpu": usage.ru_utime + usage.ru_stime - own.ru_utime - own.ru_stime,
        "database_cpu": process_cpu(backend) - database_cpu,
    }
    print(json.dumps(result))


def main(argv: list[str]) -> None:
    keep = None
    if "--json" in argv:
        at = argv.index("--json")
        keep = Path(argv[at + 1])
        argv = argv[:at] + argv[at + 2 :]
    timeout = None
    if "--timeout" in argv:
        at = argv.index("--timeout")
        timeout = float(argv[at + 1])
        argv = argv[:at] + argv[at + 2 :]
    sizes = argv or DEFAULT_SIZES
    url = bench_database(os.environ.get("DATABASE_URL", ""), "factbase_article_bench")
    print(f"database: {urlsplit(url).scheme}, {urlsplit(url).path}; load {_load()}")
    print(
        f"{'size':>6}  {'bytes':>10}  {'quotes':>7}  {'proposed':>8}  {'extract s':>9}  "
        f"{'import s':>8}  {'µs/byte':>7}  {'SQL':>7}  {'SQL/quote':>9}  {'peak MiB':>8}  "
        f"{'CPU s py+db':>12}"
    )
    results = []
    with tempfile.TemporaryDirectory() as directory:
        for label in sizes:
            size = parse_size(label)
            text = quote_dense_text(size)
            path = Path(directory) / f"article-{label}.txt"
            path.write_text(text, encoding="utf-8")
            recreate(url)
            try:
                child = subprocess.run(
                    [sys.executable, "-m", "bench.article_import", "--run", str(path)],
                    cwd=ROOT,
                    env={**os.environ, "DATABASE_URL": url},
                    check=True,
                    capture_output=True,
                    text=True,
                    timeout=timeout,
                )
            except subprocess.TimeoutExpired:
                print(f"{label:>6}  {len(text.encode()):>10,}  did not finish in {timeout:.0f} s")
                results.append({"size": label, "bytes": len(text.encode()), "timeout": timeout})
                continue
            result = json.loads(child.stdout.strip().splitlines()[-1])
            result.update(size=label, bytes=len(text.encode("utf-8")))
            results.append(result)
            if result["status"] != "imported":
                raise SystemExit(f"import of {label} went wrong: {result}")
            print(
                f"{label:>6}  {result['bytes']:>10,}  {result['quotations']:>7,}  "
                f"{result['proposed']:>8,}  {result['extraction_seconds']:>9.2f}  "
                f"{result['seconds']:>8.2f}  {result['seconds'] / result['bytes'] * 1e6:>7.2f}  "
                f"{result['statements']:>7,}  "
                f"{result['statements'] / max(1, result['proposed']):>9.2f}  "
                f"{result['peak_mib']:>8.0f}  "
                f"{result['python_cpu']:>5.1f}+{result['database_cpu']:<6.1f}"
            )
    print(f"load {_load()}")
    if keep:
        keep.write_text(json.dumps({"database": urlsplit(url).scheme, "runs": results}, indent=1))


def _load() -> str:
    return " ".join(f"{value:.1f}" for value in os.getloadavg())


if __name__ == "__main__":
    if sys.argv[1:2] == ["--run"]:
        run_import(sys.argv[2])
    else:
        main(sys.argv[1:])
