"""Every request has an id: the proxy's if it is sane, else a new uuid4; echoed and logged."""

import logging
import uuid

import pytest


def test_response_echoes_the_request_id_the_proxy_sent(client):
    response = client.get("/healthz", headers={"X-Request-ID": "nginx-5f2b9c0e7a1d"})

    assert response["X-Request-ID"] == "nginx-5f2b9c0e7a1d"


def test_request_without_an_id_gets_a_new_uuid4(client):
    response = client.get("/healthz")

    assert uuid.UUID(response["X-Request-ID"]).version == 4


@pytest.mark.parametrize(
    "offered",
    ["", "x" * 129, "two words", "id\r\nSet-Cookie: a=b", "<script>", "naïve"],
    ids=["empty", "too-long", "space", "header-injection", "markup", "non-ascii"],
)
def test_insane_request_id_is_replaced_by_a_uuid4(client, offered):
    response = client.get("/healthz", headers={"X-Request-ID": offered})

    assert uuid.UUID(response["X-Request-ID"]).version == 4


def test_two_requests_get_two_ids(client):
    first, second = client.get("/healthz"), client.get("/healthz")

    assert first["X-Request-ID"] != second["X-Request-ID"]


def test_every_log_line_of_a_request_carries_its_id(client, db, log_output):
    client.get("/no-such-page/", headers={"X-Request-ID": "req-42"})

    assert [(r["logger"], r["request_id"]) for r in log_output.records()] == [
        ("factbase.access", "req-42"),
        ("django.request", "req-42"),
    ]


def test_access_line_names_method_path_status_and_duration(client, db, log_output):
    client.get("/no-such-page/?token=s3cret", headers={"X-Request-ID": "req-43"})

    (line,) = log_output.records("factbase.access")
    duration, _time = line.pop("duration_ms"), line.pop("time")
    # The query string is left out: it may carry search terms or credentials.
    assert (line, isinstance(duration, float)) == (
        {
            "level": "INFO",
            "logger": "factbase.access",
            "message": "GET /no-such-page/ 404",
            "request_id": "req-43",
            "method": "GET",
            "path": "/no-such-page/",
            "status": 404,
        },
        True,
    )


def test_probes_are_logged_at_debug_only(client, db, log_output):
    client.get("/healthz")

    assert log_output.records("factbase.access") == []


def test_log_lines_outside_a_request_have_no_request_id(log_output):
    logging.getLogger("factbase.test").warning("outside")

    (line,) = log_output.records("factbase.test")
    assert line["request_id"] == "-"
