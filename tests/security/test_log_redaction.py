"""Credentials never reach the log: API tokens, Authorization headers, passwords."""

import logging
import sys

import pytest

from apps.ops.logs import RedactSecretsFilter, redact

TOKEN = "9944b09199c62bcf9418ad846dd0e4bbdfc6ee4b"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (f"Authorization: Token {TOKEN}", "Authorization: Token [redacted]"),
        (f"authorization=Bearer {TOKEN}", "authorization=Bearer [redacted]"),
        (
            f"{{'HTTP_AUTHORIZATION': 'Token {TOKEN}', 'PATH_INFO': '/api/v1/claims/'}}",
            "{'HTTP_AUTHORIZATION': 'Token [redacted]', 'PATH_INFO': '/api/v1/claims/'}",
        ),
        (f'{{"token": "{TOKEN}", "user": "ada"}}', '{"token": "[redacted]", "user": "ada"}'),
        (
            f"GET /api/v1/claims/?token={TOKEN}&page=2",
            "GET /api/v1/claims/?token=[redacted]&page=2",
        ),
        ("password=hunter2hunter2 next=/admin/", "password=[redacted] next=/admin/"),
        (
            "Cookie: csrftoken=abc123; sessionid=def456",
            "Cookie: csrftoken=[redacted]; sessionid=[redacted]",
        ),
        ("Imported 8 claims from feed.json", "Imported 8 claims from feed.json"),
    ],
    ids=[
        "authorization-header",
        "bearer",
        "wsgi-environ-repr",
        "json-body",
        "query-string",
        "password-field",
        "cookies",
        "nothing-secret",
    ],
)
def test_redact_hides_credential_values(text, expected):
    assert redact(text) == expected


def filtered(record: logging.LogRecord) -> logging.LogRecord:
    RedactSecretsFilter().filter(record)
    return record


def make_record(msg, args=None, exc_info=None, **extra) -> logging.LogRecord:
    record = logging.LogRecord("factbase.api", logging.WARNING, __file__, 1, msg, args, exc_info)
    record.__dict__.update(extra)
    return record


def test_filter_redacts_a_token_passed_as_an_argument():
    record = filtered(make_record("Rejected %s for %s", (f"Token {TOKEN}", "/api/v1/claims/")))

    assert (record.getMessage(), record.args) == (
        "Rejected Token [redacted] for /api/v1/claims/",
        None,
    )


def test_filter_redacts_a_header_dict_passed_as_the_argument():
    headers = {"Authorization": f"Token {TOKEN}", "Accept": "application/json"}

    record = filtered(make_record("Headers: %s", (headers,)))

    assert record.getMessage() == (
        "Headers: {'Authorization': 'Token [redacted]', 'Accept': 'application/json'}"
    )


def test_filter_redacts_extra_fields():
    record = filtered(make_record("Request", path=f"/api/v1/?token={TOKEN}"))

    assert record.path == "/api/v1/?token=[redacted]"


def test_filter_redacts_the_traceback():
    try:
        raise PermissionError(f"bad credentials: Authorization: Token {TOKEN}")
    except PermissionError:
        record = filtered(make_record("Failed", exc_info=sys.exc_info()))

    assert (TOKEN in record.exc_text, record.exc_text.splitlines()[-1]) == (
        False,
        "PermissionError: bad credentials: Authorization: Token [redacted]",
    )


def test_configured_log_output_never_shows_a_token(log_output):
    logging.getLogger("factbase.api").warning(
        "Authentication failed for %s", {"HTTP_AUTHORIZATION": f"Token {TOKEN}"}
    )

    assert (TOKEN in log_output.text, log_output.records()[0]["message"]) == (
        False,
        "Authentication failed for {'HTTP_AUTHORIZATION': 'Token [redacted]'}",
    )


def test_an_api_request_with_a_bad_token_logs_no_token(client, db, log_output):
    response = client.get(
        f"/api/v1/claims/?token={TOKEN}", headers={"Authorization": f"Token {TOKEN}"}
    )

    assert (response.status_code, TOKEN in log_output.text, len(log_output.records()) > 0) == (
        401,
        False,
        True,
    )
