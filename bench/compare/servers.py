"""The two servers under test, started on loopback: Factbase as deployed, and Datasette."""

import os
import subprocess
import sys
from pathlib import Path

from django.conf import settings

from bench.compare.workloads import DATASETTE_DB
from bench.harness import ServerProcess, free_port, served_environment

BIN = Path(sys.executable).parent


def start_factbase(
    *, database_url: str, workers: int, log: Path, environment: dict | None = None
) -> ServerProcess:
    """`environment`: settings of this run on top (RESPONSE_CACHE=0 for the cache off)."""
    port = free_port()
    env = served_environment(DATABASE_URL=database_url, **(environment or {}))
    command = [
        str(BIN / "gunicorn"),
        "factbase.wsgi:application",
        "--bind",
        f"127.0.0.1:{port}",
        "--workers",
        str(workers),
    ]
    return ServerProcess(
        "Factbase", command, port=port, env=env, log=log, ready_path="/robots.txt"
    ).start()


def start_datasette(path: Path, *, metadata: Path, log: Path) -> ServerProcess:
    port = free_port()
    command = [
        str(BIN / "datasette"),
        "serve",
        "-i",
        str(path),
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--metadata",
        str(metadata),
        "--setting",
        "suggest_facets",
        "off",
    ]
    return ServerProcess(
        "Datasette",
        command,
        port=port,
        env=dict(os.environ),
        log=log,
        ready_path=f"/{DATASETTE_DB}.json",
    ).start()


def collect_static() -> None:
    """The production storage needs the collected files and their manifest, as the code
    now names them: collected every run (a file added since the last run would be missing
    from the manifest, and a page naming it answer 500)."""
    env = {
        **os.environ,
        "DEBUG": "0",
        "SECRET_KEY": "collectstatic-only-not-a-secret-used-for-this-one-step",
        "ALLOWED_HOSTS": "localhost",
        "DJANGO_SETTINGS_MODULE": "factbase.settings",
    }
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--no-input", "-v", "0"],
        env=env,
        check=True,
        cwd=settings.BASE_DIR,
    )
