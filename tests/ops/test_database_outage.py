"""PostgreSQL goes away and comes back: the site answers 503 within a second, then recovers.

The shared PostgreSQL server is never stopped here. "Away" is this process's connection
pointed at a port where nothing listens on 127.0.0.1 (as a stopped server is: connections
are refused at once), or its session ended by the server (as a restart ends it). Stopping
the real server under load is a CI-only test for later.
"""

import socket
import time
from wsgiref.util import setup_testing_defaults

import psycopg
import pytest
from django.core.handlers.wsgi import WSGIHandler
from django.db import connection

pytestmark = [
    pytest.mark.postgres(
        reason="needs PostgreSQL (set DATABASE_URL=postgres://…): the outage is simulated "
        "through PostgreSQL's connection settings",
    ),
    # The site's connection is closed and reopened, which a test wrapped in a transaction
    # cannot survive; the serialized rollback puts back what migrations wrote.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

DETAIL = (
    "The database is not answering just now, so this cannot be shown. "
    "Please try again in a few seconds."
)


def closed_port() -> int:
    """A port on 127.0.0.1 where nothing listens (bound, then released)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Outage:
    def __init__(self):
        self.saved = {key: connection.settings_dict[key] for key in ("HOST", "PORT")}

    def begin(self):
        connection.close()
        connection.settings_dict.update({"HOST": "127.0.0.1", "PORT": closed_port()})

    def end(self):
        connection.close()
        connection.settings_dict.update(self.saved)


@pytest.fixture
def outage():
    outage = Outage()
    yield outage
    outage.end()


def timed_get(client, path: str):
    started = time.monotonic()
    response = client.get(path)
    return response, time.monotonic() - started


def test_page_answers_503_within_a_second_while_postgresql_is_away(client, outage):
    client.get("/claims/")  # warm: the first request of a process imports and compiles
    outage.begin()

    response, elapsed = timed_get(client, "/claims/")

    assert (
        response.status_code,
        response["Retry-After"],
        DETAIL in response.content.decode(),
        "Traceback" in response.content.decode(),
        elapsed < 1,
    ) == (503, "5", True, False, True)


def test_api_answers_503_json_within_a_second_while_postgresql_is_away(client, outage):
    client.get("/api/v1/claims/")
    outage.begin()

    response, elapsed = timed_get(client, "/api/v1/claims/")

    assert (response.status_code, response["Retry-After"], response.json(), elapsed < 1) == (
        503,
        "5",
        {
            "type": "server_error",
            "errors": [{"code": "database_unavailable", "detail": DETAIL, "attr": None}],
        },
        True,
    )


def test_readyz_names_the_database_while_postgresql_is_away(client, outage):
    outage.begin()

    response, elapsed = timed_get(client, "/readyz")

    assert (response.status_code, response.json(), elapsed < 1) == (
        503,
        {
            "status": "unavailable",
            "checks": {
                "database": {"status": "failed", "detail": "cannot be reached (OperationalError)"},
                "migrations": {"status": "skipped", "detail": "needs the database"},
            },
        },
        True,
    )


def test_healthz_stays_ok_while_postgresql_is_away(client, outage):
    outage.begin()

    response = client.get("/healthz")

    assert (response.status_code, response.json()) == (200, {"status": "ok"})


def test_outage_is_logged_once_at_warning(client, outage, log_output):
    outage.begin()

    response = client.get("/claims/", headers={"X-Request-ID": "req-outage"})

    lines = [(r["level"], r["logger"], r["request_id"]) for r in log_output.records()]
    assert (response.status_code, lines) == (
        503,
        [("WARNING", "factbase.database", "req-outage"), ("INFO", "factbase.access", "req-outage")],
    )


def test_site_recovers_by_itself_when_postgresql_is_back(client, outage):
    outage.begin()
    during = [client.get(path).status_code for path in ("/claims/", "/api/v1/claims/", "/readyz")]
    outage.end()

    after = [client.get(path).status_code for path in ("/claims/", "/api/v1/claims/", "/readyz")]

    assert (during, after) == ([503, 503, 503], [200, 200, 200])


# --- a session the server ended (as a restart does), through the real WSGI handler -------


def wsgi_get(path: str) -> tuple[int, dict]:
    """GET `path` as gunicorn would: request_started/finished close stale connections."""
    environ = {"PATH_INFO": path, "REQUEST_METHOD": "GET", "SERVER_NAME": "localhost"}
    setup_testing_defaults(environ)
    answer = {}

    def start_response(status, headers, exc_info=None):
        answer.update(status=int(status.split()[0]), headers=dict(headers))

    body = WSGIHandler()(environ, start_response)
    try:
        b"".join(body)
    finally:
        body.close()
    return answer["status"], answer["headers"]


def terminate(pid: int) -> None:
    params = connection.get_connection_params()
    with psycopg.connect(**params, autocommit=True) as other:
        other.execute("SELECT pg_terminate_backend(%s)", [pid])


def test_a_session_postgresql_ended_is_replaced_on_the_next_request():
    assert wsgi_get("/claims/")[0] == 200
    old_pid = connection.connection.info.backend_pid  # kept open: CONN_MAX_AGE > 0
    terminate(old_pid)

    status, _headers = wsgi_get("/claims/")

    assert (status, connection.connection.info.backend_pid != old_pid) == (200, True)
