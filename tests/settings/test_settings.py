"""Settings come from the environment; with DEBUG off, start-up stops on what is missing."""

import os
import runpy
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

REPO_ROOT = Path(__file__).resolve().parents[2]

# Every variable factbase/settings.py reads; each test starts from none of them set.
SETTINGS_VARIABLES = [
    "DEBUG",
    "SECRET_KEY",
    "ALLOWED_HOSTS",
    "CSRF_TRUSTED_ORIGINS",
    "DATABASE_URL",
    "DB_CONN_MAX_AGE",
    "TIME_ZONE",
    "FACTBASE_ORGANISATION_NAME",
    "FACTBASE_ORGANISATION_URL",
    "LOG_LEVEL",
    "INGEST_MAX_DOCUMENT_BYTES",
    "INGEST_MAX_FEED_BYTES",
    "API_THROTTLE_ANON",
    "API_THROTTLE_USER",
    "FACTBASE_HTTPS",
    "FACTBASE_PROXY_COUNT",
    "SECURE_HSTS_SECONDS",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS",
    "SECURE_HSTS_PRELOAD",
    "ADMIN_URL",
    "LOG_FORMAT",
    "DB_CONNECT_TIMEOUT",
    "DB_STATEMENT_TIMEOUT",
    "AXES_FAILURE_LIMIT",
    "AXES_COOLOFF_HOURS",
    "DATA_UPLOAD_MAX_MEMORY_SIZE",
    "DATA_UPLOAD_MAX_NUMBER_FIELDS",
    "FILE_UPLOAD_MAX_MEMORY_SIZE",
]

TEST_KEY = "pZ7w-Qe3Lr9tXc2VbN8mKj5HgF4dS1aY6uI0oPzTqWsEeRrTyUuIiOo-test"
PRODUCTION = {"DEBUG": "0", "SECRET_KEY": TEST_KEY, "ALLOWED_HOSTS": "example.org"}


def run(args: list[str], **env: str) -> subprocess.CompletedProcess:
    """Run Python in the repository with only `env` among the settings variables."""
    clean = {k: v for k, v in os.environ.items() if k not in SETTINGS_VARIABLES}
    return subprocess.run(
        [sys.executable, *args],
        cwd=REPO_ROOT,
        env={**clean, "DJANGO_SETTINGS_MODULE": "factbase.settings", **env},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def last_line(stream: str) -> str:
    return stream.strip().splitlines()[-1]


@pytest.fixture
def load_settings(monkeypatch):
    """Execute factbase/settings.py afresh with `env` and return its names (in-process)."""

    def load(**env: str) -> dict:
        for name in SETTINGS_VARIABLES:
            monkeypatch.delenv(name, raising=False)
        for name, value in env.items():
            monkeypatch.setenv(name, value)
        return runpy.run_path(str(REPO_ROOT / "factbase" / "settings.py"))

    return load


# --- start-up, as a deployment runs it ---------------------------------------------------


@pytest.mark.slow
def test_check_without_secret_key_in_production_stops_naming_it():
    result = run(["manage.py", "check"], DEBUG="0", ALLOWED_HOSTS="example.org")

    assert (result.returncode, last_line(result.stderr)) == (
        1,
        "django.core.exceptions.ImproperlyConfigured: Set the SECRET_KEY environment "
        "variable: with DEBUG off, Factbase needs a long random secret key; make one with: "
        'python -c "import secrets; print(secrets.token_urlsafe(50))".',
    )


@pytest.mark.slow
@pytest.mark.parametrize(
    ("key", "problem"),
    [
        ("a-long-random-test-key", "is 22 characters long; it needs at least 50"),
        ("k" * 60, "uses fewer than 5 different characters"),
        ("django-insecure-" + "x7Yq2" * 10, "is a development or example key"),
        (
            "change-me-to-a-long-random-string-of-at-least-fifty-chars",
            "is a development or example key",
        ),
    ],
    ids=["short", "repetitive", "django-insecure", "the-example"],
)
def test_check_with_a_weak_secret_key_in_production_stops_naming_it(key, problem):
    result = run(["manage.py", "check"], DEBUG="0", SECRET_KEY=key, ALLOWED_HOSTS="example.org")

    assert (result.returncode, last_line(result.stderr)) == (
        1,
        f"django.core.exceptions.ImproperlyConfigured: SECRET_KEY {problem}: with DEBUG off, "
        "a short or guessable key lets anyone forge sessions and signed values; make one "
        'with: python -c "import secrets; print(secrets.token_urlsafe(50))".',
    )


@pytest.mark.slow
def test_check_without_allowed_hosts_in_production_stops_naming_them():
    result = run(["manage.py", "check"], DEBUG="0", SECRET_KEY=TEST_KEY)

    assert (result.returncode, last_line(result.stderr)) == (
        1,
        "django.core.exceptions.ImproperlyConfigured: Set the ALLOWED_HOSTS environment "
        "variable: with DEBUG off, list the host names this site answers to, separated by "
        "commas.",
    )


@pytest.mark.slow
def test_check_with_malformed_debug_stops_naming_it():
    result = run(["manage.py", "check"], DEBUG="maybe")

    assert (result.returncode, last_line(result.stderr)) == (
        1,
        "django.core.exceptions.ImproperlyConfigured: DEBUG='maybe' is not a boolean: "
        "use one of 1/0, true/false, yes/no, on/off.",
    )


@pytest.mark.slow
def test_django_starts_in_production_with_secret_key_and_allowed_hosts():
    result = run(
        [
            "-c",
            "import django; django.setup(); from django.conf import settings; "
            "print(settings.DEBUG, settings.ALLOWED_HOSTS, settings.SECRET_KEY)",
        ],
        **PRODUCTION,
    )

    assert (result.returncode, result.stdout, result.stderr) == (
        0,
        f"False ['example.org'] {TEST_KEY}\n",
        "",
    )


# --- what the settings make of the environment -------------------------------------------


def test_debug_is_on_by_default_for_the_quick_start(load_settings):
    settings = load_settings()

    assert (settings["DEBUG"], settings["ALLOWED_HOSTS"], settings["SECRET_KEY"]) == (
        True,
        ["localhost", "127.0.0.1", "[::1]", "testserver"],
        "django-insecure-factbase-development-only",
    )


def test_allowed_hosts_are_read_as_a_list(load_settings):
    settings = load_settings(**{**PRODUCTION, "ALLOWED_HOSTS": "example.org, www.example.org"})

    assert settings["ALLOWED_HOSTS"] == ["example.org", "www.example.org"]


def test_database_url_is_parsed(load_settings):
    settings = load_settings(
        DATABASE_URL="postgres://factbase:s3cret@db.example.org:6543/facts", DB_CONN_MAX_AGE="30"
    )

    database = settings["DATABASES"]["default"]
    assert {
        key: database[key]
        for key in ("ENGINE", "NAME", "USER", "PASSWORD", "HOST", "PORT", "CONN_MAX_AGE")
    } == {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": "facts",
        "USER": "factbase",
        "PASSWORD": "s3cret",
        "HOST": "db.example.org",
        "PORT": 6543,
        "CONN_MAX_AGE": 30,
    }


def test_database_defaults_to_sqlite_file_beside_manage_py(load_settings):
    settings = load_settings()

    database = settings["DATABASES"]["default"]
    assert (database["ENGINE"], database["NAME"], database["CONN_MAX_AGE"]) == (
        "django.db.backends.sqlite3",
        str(REPO_ROOT / "db.sqlite3"),
        0,
    )


def test_malformed_conn_max_age_is_refused_naming_it(load_settings):
    with pytest.raises(ImproperlyConfigured) as caught:
        load_settings(DB_CONN_MAX_AGE="forever")

    assert str(caught.value) == "DB_CONN_MAX_AGE='forever' is not a whole number."


def test_production_serves_static_files_from_the_manifest(load_settings):
    settings = load_settings(**PRODUCTION)

    # whitenoise's manifest storage, its URLs kept per name (apps/core/staticfiles.py).
    assert settings["STORAGES"]["staticfiles"]["BACKEND"] == "apps.core.staticfiles.StaticStorage"


def test_allowed_hosts_of_separators_only_is_refused_in_production(load_settings):
    with pytest.raises(ImproperlyConfigured):
        load_settings(**{**PRODUCTION, "ALLOWED_HOSTS": " , "})
