"""What the import benchmarks (bench/article_import.py, bench/claimreview_import.py) share:
a database of their own, recreated and migrated for each size, and the CPU time of a
process (the importer's PostgreSQL backend)."""

import os
import subprocess
import sys
import tempfile
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from bench.harness import ROOT


def bench_database(url: str, sqlite_name: str) -> str:
    """A database of its own for the benchmark, next to the one `url` names."""
    if url.startswith("postgres"):
        parts = urlsplit(url)
        return urlunsplit(parts._replace(path=parts.path.rstrip("/") + "_bench"))
    return f"sqlite:///{tempfile.gettempdir()}/{sqlite_name}.sqlite3"


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


def backend_pid(connection) -> int | None:
    """The PostgreSQL server process serving this connection (None on SQLite)."""
    if connection.vendor != "postgresql":
        return None
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        return cursor.fetchone()[0]


def process_cpu(pid: int | None) -> float:
    """CPU seconds a local process has used (0 if it cannot be read)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (OSError, TypeError, IndexError):
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
