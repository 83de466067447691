"""A database error in a view answers 503 (HTML for pages, JSON under /api/), logged once.

The real outage, PostgreSQL going away and coming back, is in test_database_outage.py.
"""

import json

import pytest
from django.db import DatabaseError, IntegrityError, InterfaceError, OperationalError, connection
from django.http import HttpResponse
from django.test import RequestFactory

from apps.ops.database import DatabaseUnavailableMiddleware

DETAIL = (
    "The database is not answering just now, so this cannot be shown. "
    "Please try again in a few seconds."
)
API_BODY = {
    "type": "server_error",
    "errors": [{"code": "database_unavailable", "detail": DETAIL, "attr": None}],
}


def answer(path: str, exception: Exception):
    middleware = DatabaseUnavailableMiddleware(lambda request: HttpResponse())
    return middleware.process_exception(RequestFactory().get(path), exception)


@pytest.mark.parametrize("error", [OperationalError, InterfaceError])
def test_page_answers_503_page_when_the_database_is_unreachable(error):
    response = answer("/claims/", error("connection refused"))

    assert (
        response.status_code,
        response["Content-Type"],
        response["Retry-After"],
        response["Cache-Control"],
        "<h1>Temporarily unavailable</h1>" in response.content.decode(),
        DETAIL in response.content.decode(),
    ) == (503, "text/html; charset=utf-8", "5", "no-store", True, True)


def test_api_answers_503_json_when_the_database_is_unreachable():
    response = answer("/api/v1/claims/", OperationalError("connection refused"))

    assert (
        response.status_code,
        response["Content-Type"],
        response["Retry-After"],
        json.loads(response.content),
    ) == (503, "application/json", "5", API_BODY)


@pytest.mark.parametrize("error", [IntegrityError, DatabaseError, ValueError])
def test_other_errors_are_left_to_django(error):
    assert answer("/claims/", error("a bug")) is None


# --- through the whole stack, with a real database error ---------------------------------

needs_sqlite = pytest.mark.skipif(
    connection.vendor != "sqlite",
    reason="a missing table is an OperationalError on SQLite only (PostgreSQL raises "
    "ProgrammingError); test_database_outage.py covers PostgreSQL",
)


@pytest.fixture
def claims_table_gone(db):
    # Renamed inside the test's transaction, which is rolled back afterwards.
    with connection.cursor() as cursor:
        cursor.execute("ALTER TABLE claims_claim RENAME TO claims_claim_away")


@needs_sqlite
def test_page_answers_503_when_a_query_fails(client, claims_table_gone):
    response = client.get("/claims/")

    assert (response.status_code, response["Retry-After"], DETAIL in response.content.decode()) == (
        503,
        "5",
        True,
    )


@needs_sqlite
def test_api_answers_503_json_when_a_query_fails(client, claims_table_gone):
    response = client.get("/api/v1/claims/")

    assert (response.status_code, response["Retry-After"], response.json()) == (
        503,
        "5",
        API_BODY,
    )


@needs_sqlite
def test_outage_is_logged_once_at_warning_with_the_request_id(
    client, claims_table_gone, log_output
):
    client.get("/api/v1/claims/", headers={"X-Request-ID": "req-503"})

    assert [
        (r["level"], r["logger"], r["message"], r["request_id"]) for r in log_output.records()
    ] == [
        (
            "WARNING",
            "factbase.database",
            "Database unavailable: GET /api/v1/claims/ answered 503 "
            "(OperationalError: no such table: claims_claim)",
            "req-503",
        ),
        ("INFO", "factbase.access", "GET /api/v1/claims/ 503", "req-503"),
    ]
