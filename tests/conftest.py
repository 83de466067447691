import functools
import json
import os
from pathlib import Path

import pytest
from django.db import connection, transaction
from django.test import Client

from apps.claims.matching import postgresql as matching_postgresql
from apps.claims.matching import semantic
from apps.ops import ratelimit
from tests import factories

# Fixtures shared by the tests that read through the response cache.
pytest_plugins = ["tests.response_cache"]

BENCH_TESTS = Path(__file__).resolve().parent / "bench"
BROWSER_TESTS = Path(__file__).resolve().parent / "browser"


def pytest_collection_modifyitems(config, items):
    """A test marked `postgres` runs on PostgreSQL only; on SQLite it is skipped, with the
    reason the mark gives: `@pytest.mark.postgres(reason="row locks are PostgreSQL's")`.

    The benchmark's own tests (tests/bench: servers, load generators, generated data) are
    `slow`: they test the tools beside the product, not the product.

    A test marked `browser` lives in tests/browser/: CI's browser suite collects that folder
    alone (.ci/run), and its other suites leave `browser` tests out, so one elsewhere would
    run nowhere.

    A test that commits (`transaction=True`, `transactional_db`) rolls back by serializing
    (`serialized_rollback=True`, `django_db_serialized_rollback`): the flush after one that
    does not makes the content types again under new ids, and the next serializing test
    fails to put the old ones back, depending on which tests a worker ran in which order.

    With FACTBASE_DATABASE_INDEPENDENT_TESTS=skip (CI's PostgreSQL suite), a test whose
    answer cannot depend on the database is skipped, saying why (`database_independent`).
    """
    on_postgresql = connection.vendor == "postgresql"
    skip_database_independent = os.environ.get("FACTBASE_DATABASE_INDEPENDENT_TESTS") == "skip"
    for item in items:
        if _commits(item) and not _serializes(item):
            raise pytest.UsageError(
                f"{item.nodeid} commits but does not roll back by serializing: use "
                "@pytest.mark.django_db(transaction=True, serialized_rollback=True) or ask "
                "for django_db_serialized_rollback too."
            )
        if item.get_closest_marker("browser") and not item.path.is_relative_to(BROWSER_TESTS):
            raise pytest.UsageError(
                f"{item.nodeid} is marked `browser` but is not in tests/browser/, the only "
                "folder CI's browser suite runs: move it there."
            )
        if item.path.is_relative_to(BENCH_TESTS):
            item.add_marker(pytest.mark.slow)
        mark = item.get_closest_marker("postgres")
        if mark is not None and not on_postgresql:
            reason = mark.kwargs.get("reason", "needs PostgreSQL (DATABASE_URL=postgres://…)")
            item.add_marker(pytest.mark.skip(reason=reason))
        if skip_database_independent and database_independent(item):
            item.add_marker(pytest.mark.skip(reason=DATABASE_INDEPENDENT_REASON))


# CI runs the suite on both databases. A test whose answer cannot depend on which one
# gives the same answer on both, so CI's PostgreSQL suite leaves it to the SQLite one
# (FACTBASE_DATABASE_INDEPENDENT_TESTS=skip); anywhere else every test runs.
DATABASE_INDEPENDENT_REASON = (
    "its answer does not depend on the database (it reaches none, or only a server's SQLite "
    "database of its own): CI's SQLite suite runs it"
)
DATABASE_FIXTURES = {
    "db",
    "transactional_db",
    "django_db_reset_sequences",
    "django_db_serialized_rollback",
    "django_db_setup",
    "live_server",
}
# Words of a test module that starts a process (a server, a child command), which opens a
# connection of its own to DATABASE_URL's database whatever the test's fixtures.
PROCESS_WORDS = ("subprocess", "Popen", "multiprocessing", "gunicorn", "DATABASE_URL", "fork")


def database_independent(item) -> bool:
    """Whether `item`'s answer cannot depend on DATABASE_URL's database: it is marked
    `database_independent`, or it can reach no database: it asks for none of
    pytest-django's database fixtures (without one, pytest-django makes any query in the
    test process raise), nor does a fixture of ours unblock it, it has no `django_db` or
    `postgres` mark, and its module starts no process."""
    if item.get_closest_marker("database_independent"):
        return True
    if item.get_closest_marker("django_db") or item.get_closest_marker("postgres"):
        return False
    if DATABASE_FIXTURES & set(item.fixturenames) or _unblocks(item):
        return False
    module = getattr(item, "module", None)
    return module is not None and not _starts_processes(module.__file__)


def _unblocks(item) -> bool:
    """Whether a fixture of the test's, other than pytest-django's own, asks for
    `django_db_blocker` (every test has it, through pytest-django's autouse fixtures; a
    fixture of ours asks for it to unblock the database)."""
    return any(
        "django_db_blocker" in definition.argnames
        and not definition.func.__module__.startswith("pytest_django")
        for definitions in item._fixtureinfo.name2fixturedefs.values()
        for definition in definitions
    )


@functools.cache
def _starts_processes(path: str) -> bool:
    source = Path(path).read_text(encoding="utf-8")
    return any(word in source for word in PROCESS_WORDS)


def _commits(item) -> bool:
    mark = item.get_closest_marker("django_db")
    return "transactional_db" in item.fixturenames or (
        mark is not None and bool(mark.kwargs.get("transaction"))
    )


def _serializes(item) -> bool:
    mark = item.get_closest_marker("django_db")
    return "django_db_serialized_rollback" in item.fixturenames or (
        mark is not None and bool(mark.kwargs.get("serialized_rollback"))
    )


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """pytest-django's, and before it drops the test database on PostgreSQL, an end to the
    sessions that other threads and processes of the run left open on it (a live server's
    request thread, a gunicorn worker's backend still closing): DROP DATABASE refuses while
    one is connected, and the run would end in an error that no test made. Only this role's
    sessions: an autovacuum worker on it is another role's, which this one may not end (and
    DROP DATABASE ends it itself)."""
    yield
    if connection.vendor != "postgresql":
        return
    with django_db_blocker.unblock(), connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            "WHERE datname = current_database() AND pid <> pg_backend_pid() "
            "AND usename = current_user"
        )


@pytest.fixture(scope="session")
def served_openapi_document(django_db_setup, django_db_blocker) -> bytes:
    """The OpenAPI document /api/v1/schema/ serves, as JSON, asked for once per process:
    drf-spectacular inspects every view to make it (seconds each time; the YAML form takes
    longer still to read), and it depends on the code alone, not on the data or the test.
    tests/api/test_protocol.py reads it as served, in YAML and in JSON, itself."""
    # Rolled back: the request is counted against the client's rate in the database
    # (apps/ops/ratelimit.py), and that count must not reach the tests that run after.
    with django_db_blocker.unblock(), transaction.atomic():
        response = Client().get("/api/v1/schema/?format=json")
        transaction.set_rollback(True)
    assert response.status_code == 200, response.content
    return response.content


@pytest.fixture
def openapi_document(served_openapi_document) -> dict:
    """The OpenAPI document /api/v1/schema/ serves (`served_openapi_document`), a copy of
    its own for each test."""
    return json.loads(served_openapi_document)


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    # Hashing a test user's password properly costs most of a second per user.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _no_rate_count_clean_up(monkeypatch):
    # The clean-up's DELETE comes with one API request in a thousand, at random: the query
    # counts the tests assert would fail now and then. tests/security/test_rate_limits.py
    # tests it on its own.
    monkeypatch.setattr(ratelimit, "CLEAN_UP_EVERY", 0)
    # A worker's leases of rate counts (ratelimit.take_leased) outlive the test that took
    # them: each test starts with none, so its query counts do not depend on the tests
    # that ran before it in the same process.
    ratelimit.forget_leases()


@pytest.fixture(autouse=True)
def _static_files_looked_up_when_asked(settings):
    # WhiteNoise reads the whole of STATIC_ROOT (some 700 files, about 80 ms) each time a
    # request handler is made, and the test client makes one per Client: most of a
    # staleness test's minute, and minutes of the suite. With autorefresh (its setting for
    # development) it looks a file up when it is asked for instead: the same files, served
    # the same way. Servers started as processes (gunicorn, the soak) keep the scan.
    settings.WHITENOISE_AUTOREFRESH = True


@pytest.fixture(autouse=True)
def _no_response_cache(settings):
    # Tests see what their views do (and their query counts); the response cache's own
    # tests (tests/ops/test_response_cache.py) turn it on.
    settings.RESPONSE_CACHE = False


@pytest.fixture
def editor(db):
    return factories.UserFactory(username="editor", is_staff=True)


@pytest.fixture
def superuser(db):
    return factories.UserFactory(username="admin", is_staff=True, is_superuser=True)


@pytest.fixture(autouse=True)
def _fresh_claim_index():
    # Claim matching's in-memory index outlives a test's database, which is rolled back
    # (and on SQLite gives its ids again): each test starts with none.
    semantic.forget_indexes()
    # Likewise the planner's statistics PostgreSQL's claim matching keeps for ten minutes.
    matching_postgresql._statistics.clear()
