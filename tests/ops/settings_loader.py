"""Execute factbase/settings.py afresh under a given environment, in this process or another."""

import os
import runpy
import subprocess
import sys
from pathlib import Path

from tests.settings.test_settings import SETTINGS_VARIABLES

REPO_ROOT = Path(__file__).resolve().parents[2]

# A production environment that passes `check --deploy` once HTTPS is on.
PRODUCTION = {
    "DEBUG": "0",
    "SECRET_KEY": "pZ7w-Qe3Lr9tXc2VbN8mKj5HgF4dS1aY6uI0oPzTqWsEeRrTyUuIiOo",
    "ALLOWED_HOSTS": "example.org",
    # Not the development default, which claims.E001 refuses with DEBUG off.
    "FACTBASE_ORGANISATION_URL": "https://example.org/",
}


def settings_loader(monkeypatch):
    def load(**env: str) -> dict:
        for name in SETTINGS_VARIABLES:
            monkeypatch.delenv(name, raising=False)
        for name, value in env.items():
            monkeypatch.setenv(name, value)
        return runpy.run_path(str(REPO_ROOT / "factbase" / "settings.py"))

    return load


def run(args: list[str], **env: str) -> subprocess.CompletedProcess:
    """Run Python in the repository with only `env` among the settings variables."""
    # The browser tests set DJANGO_ALLOW_ASYNC_UNSAFE in this process; `check --deploy`
    # rightly reports it (async.E001), and no deployment has it.
    ignored = {*SETTINGS_VARIABLES, "DJANGO_ALLOW_ASYNC_UNSAFE"}
    clean = {k: v for k, v in os.environ.items() if k not in ignored}
    return subprocess.run(
        [sys.executable, *args],
        cwd=REPO_ROOT,
        env={**clean, "DJANGO_SETTINGS_MODULE": "factbase.settings", **env},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
