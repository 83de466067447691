"""A Factbase of a run's own, served as production serves it: its database (beside the
one DATABASE_URL names, or a temporary SQLite file), production settings, the demo data
and an API token, and gunicorn on a loopback port. The soak, the fault test
(tests/ops/test_postgres_restart.py) and the tests that need real gunicorn workers
(tests/security/gunicorn_server.py) use it."""

import json
import os
import subprocess
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from bench.harness import GUNICORN, PYTHON, ROOT, ServerProcess

TOKEN_USER = "soak"


def database_url_for(base_url: str | None, suffix: str, tmp: Path) -> str:
    """A database of this run's own: `<name>_<suffix>` on the same server, or SQLite."""
    if not base_url:
        return f"sqlite:///{tmp / f'{suffix}.sqlite3'}"
    parts = urlsplit(base_url)
    name = parts.path.lstrip("/") or "factbase"
    return urlunsplit(parts._replace(path=f"/{name}_{suffix}"))


def recreate_database(url: str) -> None:
    """Drops and creates the PostgreSQL database `url` names (the role needs CREATEDB)."""
    if not url.startswith("postgres"):
        return
    import psycopg  # only on PostgreSQL

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    admin_url = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin_url, autocommit=True, connect_timeout=5) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.execute(f'CREATE DATABASE "{name}"')


def manage(env: dict, *args: str, stdin: str | None = None) -> str:
    result = subprocess.run(
        [str(PYTHON), "manage.py", *args],
        cwd=ROOT,
        env=env,
        input=stdin,
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        raise RuntimeError(f"manage.py {' '.join(args)} failed:\n{result.stderr[-3000:]}")
    return result.stdout


MAKE_TOKEN = f"""
from django.contrib.auth import get_user_model
from rest_framework.authtoken.models import Token
user, _ = get_user_model().objects.get_or_create(
    username="{TOKEN_USER}", defaults={{"is_staff": True, "is_superuser": True}}
)
print(Token.objects.get_or_create(user=user)[0].key)
"""

# Reads the names of acknowledged writes on standard input, prints those not stored.
MISSING_WRITES = """
import json, sys
from apps.speakers.models import Speaker
names = set(json.load(sys.stdin))
stored = set(Speaker.objects.filter(name__in=names).values_list("name", flat=True))
print(json.dumps(sorted(names - stored)))
"""


def server_environment(database_url: str, tmp: Path) -> dict:
    """Production settings, with static files collected into `tmp` (not the working tree)."""
    (tmp / "soak_settings.py").write_text(
        f"from factbase.settings import *  # noqa: F403\nSTATIC_ROOT = {str(tmp / 'static')!r}\n"
    )
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "DATABASE_URL", "PYTEST"))
    }
    env.update(
        DATABASE_URL=database_url,
        DJANGO_SETTINGS_MODULE="soak_settings",
        PYTHONPATH=os.pathsep.join([str(tmp), str(ROOT)]),
        DEBUG="0",
        SECRET_KEY="soak-" + "x" * 60,
        ALLOWED_HOSTS="127.0.0.1,localhost",
        # Production refuses the development default (claims.E001).
        FACTBASE_ORGANISATION_URL="https://factbase.example.org/",
        LOG_FORMAT="json",
        API_THROTTLE_ANON="1000000/min",
        API_THROTTLE_USER="1000000/min",
    )
    return env


def prepare(env: dict) -> str:
    """Migrates the database, collects static files, loads the demo; returns an API token."""
    manage({**env, "DB_STATEMENT_TIMEOUT": "0"}, "migrate", "--no-input", "-v", "0")
    manage(env, "collectstatic", "--no-input", "-v", "0")
    manage(env, "load_demo")
    return manage(env, "shell", "--no-imports", "-c", MAKE_TOKEN).strip().splitlines()[-1]


def missing_writes(env: dict, names: list[str]) -> list[str]:
    """The acknowledged writes that are not in the database."""
    output = manage(env, "shell", "--no-imports", "-c", MISSING_WRITES, stdin=json.dumps(names))
    return json.loads(output.strip().splitlines()[-1])


class Server(ServerProcess):
    """gunicorn serving Factbase on a loopback port; its log goes to `log_path`.

    `with Server(…) as server:` starts it and waits until /healthz answers (30 s at most).
    """

    def __init__(self, env: dict, log_path: Path, *, port: int, workers: int = 3):
        self.workers = workers
        super().__init__(
            "gunicorn",
            [
                str(GUNICORN),
                f"--config={ROOT / 'gunicorn.conf.py'}",  # production's settings, then:
                f"--bind=127.0.0.1:{port}",
                f"--workers={workers}",
            ],
            port=port,
            env=env,
            log=log_path,
            ready_path="/healthz",
            ready_timeout=30,
        )
