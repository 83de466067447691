"""Running management commands in child processes, as an operator would run them: under a
memory cap, to show that bad input is refused in bounded memory (and not by the kernel);
several at once, to show what parallel imports do.

The child sees the test's database: on SQLite a copy of it in a file, on PostgreSQL the
test database itself (tests that let children write there run with `transaction=True`).
"""

import json
import os
import resource
import sqlite3
import subprocess
import sys
from pathlib import Path

from django.conf import settings
from django.db import connection

ROOT = Path(settings.BASE_DIR)
# Python with Django and the project's apps loaded takes about 300 MiB of address space.
MEMORY_CAP_MIB = 768

CHILD = """
import json, os, sys
from io import StringIO
import django
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "factbase.settings")
django.setup()
from django.core.management import call_command, get_commands, load_command_class
load_command_class(get_commands()[sys.argv[1]], sys.argv[1])  # its imports, before the start
if os.environ.get("CHILD_START_AT"):  # several children start their work at one moment
    import time
    time.sleep(max(0.0, float(os.environ["CHILD_START_AT"]) - time.time()))
out = StringIO()
try:
    call_command(*sys.argv[1:], stdout=out, stderr=out)
    error = ""
except BaseException as exc:  # MemoryError too: the test shows it
    error = f"{type(exc).__name__}: {exc}"
# VmHWM, not getrusage's ru_maxrss: Linux carries ru_maxrss over an exec, so it would
# report the forking test process's size (500 MiB late in a run), not this child's.
with open("/proc/self/status") as status:
    peak = next(int(line.split()[1]) for line in status if line.startswith("VmHWM:")) / 1024
print(json.dumps({"output": out.getvalue(), "error": error, "peak_mib": peak}))
"""


def child_database_url(directory: Path) -> str:
    """A DATABASE_URL for a child process that sees what the test's connection sees."""
    database = settings.DATABASES["default"]
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        copy = directory / "child.sqlite3"
        with sqlite3.connect(copy) as target:
            connection.connection.backup(target)
        return f"sqlite:///{copy}"
    return (
        f"postgres://{database['USER']}:{database['PASSWORD']}@{database['HOST']}:"
        f"{database['PORT'] or 5432}/{database['NAME']}"
    )


def start_command(
    *args: str, database_url: str, memory_mib: int = MEMORY_CAP_MIB, env=None
) -> subprocess.Popen:
    """Start `manage.py <args>` in a child limited to `memory_mib` of address space."""

    def cap():
        limit = memory_mib * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))

    return subprocess.Popen(
        [sys.executable, "-c", CHILD, *args],
        cwd=ROOT,
        env={**os.environ, "DATABASE_URL": database_url, **(env or {})},
        preexec_fn=cap,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def result_of(child: subprocess.Popen, timeout: float = 300) -> dict:
    """The output of a started command, the exception it ended with ("" if none) and its
    peak resident memory (MiB)."""
    stdout, stderr = child.communicate(timeout=timeout)
    lines = stdout.strip().splitlines()
    if child.returncode != 0 or not lines:
        return {"output": "", "error": f"exit {child.returncode}: {stderr[-2000:]}"}
    return json.loads(lines[-1])


def run_command(*args: str, database_url: str, memory_mib: int = MEMORY_CAP_MIB, env=None):
    """Run `manage.py <args>` in a child limited to `memory_mib` of address space: see
    `result_of`."""
    return result_of(
        start_command(*args, database_url=database_url, memory_mib=memory_mib, env=env)
    )
