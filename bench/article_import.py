"""Benchmark of the article import: seconds, work and peak memory per size of article.

    .venv/bin/python bench/article_import.py                      # 8K 64K 256K 1M 10M, SQLite
    DATABASE_URL=postgres://factbase:factbase@127.0.0.1:5432/factbase \
        .venv/bin/python bench/article_import.py 8K 64K 256K 1M 10M

For each size it writes a synthetic article of that many bytes of quote-dense wire copy
(`quote_dense_text`: a quotation every 90 characters or so, a few thousand named people
with titles, pronouns, split and continued quotations, scare quotes and titles of works,
some words quoted twice), recreates an empty benchmark database (`<name>_bench`, or a
temporary SQLite file), migrates it, and imports the article in a fresh process, which
reports its time split into extraction and writing, the SQL statements it ran, and its
peak resident memory (getrusage). With PostgreSQL it also reports the CPU time of the
importing process and of its server process: on a machine shared with other work, the CPU
figures show what an otherwise idle machine would need. `--json PATH` keeps the figures.
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
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SIZES = ["8K", "64K", "256K", "1M", "10M"]


def _words(text: str) -> list[str]:
    return text.split()


_FIRST = _words(
    "Mara Ilya Ingrid Viktor Anna Tomas Helena Pavel Sofia Erik Nadia Lars Olga Karl Leila "
    "Boris Irina Jens Amira Igor Laura Pedro Julia Antonio Eva Rishi Claire Olaf Priya Sergei"
)
_LAST_SYLLABLES = _words(
    "lind var sol berg hale ost ring dahl mor kov ask tun rev ell ban nor vik sa"
)
_TITLES = [
    ("Foreign Minister", "the foreign minister"),
    ("Finance Minister", "the finance minister"),
    ("Mayor", "the mayor"),
    ("Prime Minister", "the prime minister"),
    ("Senator", "the senator"),
    ("Governor", "the governor"),
    ("Chief Executive", "the chief executive"),
]
_ORGANISATIONS = ["Vestby Port Authority", "Nordland Central Bank", "Esteria Energy Ministry"]
_VOCABULARY = _words(
    "the budget crossing border trade port talks deal water charges rates bank inflation "
    "workers strike union council river dam ruling court plan figure year week month "
    "people city country government market price wage contract share road truck ship "
    "must will never always more less first last open close build sign pay cut raise "
    "hold keep stop start reach agree refuse accept we they it this that our their every"
)


def _surname(rng: random.Random) -> str:
    return "".join(rng.choice(_LAST_SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize()


def _words(rng: random.Random, low: int, high: int) -> str:
    return " ".join(rng.choice(_VOCABULARY) for _ in range(rng.randint(low, high)))


def _sentence(rng: random.Random, low: int = 5, high: int = 14) -> str:
    return _words(rng, low, high).capitalize() + "."


def quote_dense_text(size: int, *, seed: int = 0) -> str:
    """About `size` bytes (UTF-8) of wire copy with a quotation every 90 characters or so.

    New people keep being introduced (a document this long is a transcript or a digest of
    many stories), each with a title, then quoted by name, by surname, by pronoun, by title
    and in continued paragraphs, as wire copy quotes them. A few quotations repeat earlier
    words exactly.
    """
    rng = random.Random(seed)
    parts = ["Talks on the border, the port and the budget\n\n"]
    length = len(parts[0])
    people: list[tuple[str, str, str, str]] = []  # name, surname, title, titled as
    said: list[str] = []
    while length < size:
        if not people or rng.random() < 0.15:
            first, last = rng.choice(_FIRST), _surname(rng)
            title, titled = rng.choice(_TITLES)
            people.append((f"{first} {last}", last, title, titled))
            name, surname, title, titled = people[-1]
            words = _sentence(rng)
            paragraph = f"{title} {name} said on Thursday: “{words}”"
        else:
            name, surname, title, titled = rng.choice(people[-12:])
            words = _sentence(rng) if not said or rng.random() > 0.05 else rng.choice(said)
            form = rng.randrange(9)
            if form == 0:
                paragraph = f"“{words[:-1]},” {surname} said."
            elif form == 1:
                paragraph = f"“{words[:-1]},” {titled} told reporters."
            elif form == 2:
                paragraph = f"{surname} said the {_words(rng, 1, 3)} was “{_words(rng, 2, 5)}.”"
            elif form == 3:
                second = _sentence(rng)
                paragraph = f"“{words[:-1]},” {surname} said, “{second[:1].lower()}{second[1:]}”"
            elif form == 4:
                paragraph = f"“{words}”\n\n“{_sentence(rng)}” he added."
            elif form == 5:
                paragraph = f"According to {surname}, “{words}”"
            elif form == 6:
                paragraph = (
                    f"The {rng.choice(_ORGANISATIONS)} called the {_words(rng, 1, 2)} a "
                    f"so-called “{_words(rng, 1, 2)}”. {_sentence(rng)}"
                )
            elif form == 7:
                paragraph = f"{_sentence(rng)} “{words}” said {name}."
            else:
                paragraph = (
                    f"{surname}, whose report “{_words(rng, 2, 4).title()}” came out last "
                    f"year, said: “{words}”"
                )
        said.append(words)
        parts.append(paragraph + "\n\n")
        length += len(paragraph.encode("utf-8")) + 2
    return "".join(parts)


def parse_size(text: str) -> int:
    units = {"K": 1024, "M": 1024**2}
    text = text.strip().upper().removesuffix("B")
    if text[-1:] in units:
        return int(float(text[:-1]) * units[text[-1]])
    return int(text)


def bench_database(url: str) -> str:
    """A database of its own for the benchmark, next to the one `url` names."""
    if url.startswith("postgres"):
        parts = urlsplit(url)
        return urlunsplit(parts._replace(path=parts.path.rstrip("/") + "_bench"))
    return f"sqlite:///{tempfile.gettempdir()}/factbase_article_bench.sqlite3"


def recreate(url: str) -> None:
    env = {**os.environ, "DATABASE_URL": url}
    if url.startswith("postgres"):
        import psycopg

        parts = urlsplit(url)
        name = parts.path.lstrip("/")
        admin = urlunsplit(parts._replace(path="/postgres"))
        with psycopg.connect(admin, autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}"')
            connection.execute(f'CREATE DATABASE "{name}"')
    else:
        Path(url.removeprefix("sqlite:///")).unlink(missing_ok=True)
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "--no-input", "-v", "0"],
        cwd=ROOT,
        env=env,
        check=True,
    )


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

    backend = _backend_pid(connection)
    database_cpu = _process_cpu(backend)
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
        "database_cpu": _process_cpu(backend) - database_cpu,
    }
    print(json.dumps(result))


def _backend_pid(connection) -> int | None:
    """The PostgreSQL server process serving this connection (None on SQLite)."""
    if connection.vendor != "postgresql":
        return None
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        return cursor.fetchone()[0]


def _process_cpu(pid: int | None) -> float:
    """CPU seconds a local process has used (0 if it cannot be read)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (OSError, TypeError, IndexError):
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


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
    url = bench_database(os.environ.get("DATABASE_URL", ""))
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
                    [sys.executable, __file__, "--run", str(path)],
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
