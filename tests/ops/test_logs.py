"""Log output: JSON lines or plain, chosen by LOG_FORMAT."""

import json
import logging
import sys

import pytest
from django.core.exceptions import ImproperlyConfigured

from apps.ops.logs import JsonFormatter


def make_record(message="Imported %d claims", args=(3,), **extra) -> logging.LogRecord:
    record = logging.LogRecord("factbase.ingest", logging.INFO, __file__, 1, message, args, None)
    record.created = 1767225600.25  # 2026-01-01T00:00:00.250Z
    record.__dict__.update(extra)
    return record


def test_json_line_has_time_level_logger_message_request_id_and_extras():
    record = make_record(request_id="req-1", items=3)

    assert json.loads(JsonFormatter().format(record)) == {
        "time": "2026-01-01T00:00:00.250+00:00",
        "level": "INFO",
        "logger": "factbase.ingest",
        "message": "Imported 3 claims",
        "request_id": "req-1",
        "items": 3,
    }


def test_json_line_carries_the_traceback_as_one_field():
    try:
        raise ValueError("bad feed")
    except ValueError:
        record = make_record("Import failed", (), exc_info=sys.exc_info())

    line = json.loads(JsonFormatter().format(record))

    assert (line["message"], line["exception"].splitlines()[-1]) == (
        "Import failed",
        "ValueError: bad feed",
    )


def test_json_line_leaves_out_django_request_object():
    record = make_record("Not Found: %s", ("/x/",), request=object(), status_code=404)

    line = json.loads(JsonFormatter().format(record))

    assert (sorted(line), line["status_code"]) == (
        ["level", "logger", "message", "request_id", "status_code", "time"],
        404,
    )


def test_json_line_is_one_line_even_for_a_multiline_message():
    record = make_record("first\nsecond", ())

    assert JsonFormatter().format(record).count("\n") == 0


# --- LOG_FORMAT ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({}, "plain"),
        ({"DEBUG": "0", "SECRET_KEY": "k7Q-z" * 11, "ALLOWED_HOSTS": "example.org"}, "json"),
        ({"LOG_FORMAT": "json"}, "json"),
        (
            {"DEBUG": "0", "SECRET_KEY": "k7Q-z" * 11, "ALLOWED_HOSTS": "x", "LOG_FORMAT": "plain"},
            "plain",
        ),
    ],
    ids=["debug-default", "production-default", "json-while-debugging", "plain-in-production"],
)
def test_log_format_follows_log_format_then_debug(load_settings, env, expected):
    settings = load_settings(**env)

    assert (settings["LOG_FORMAT"], settings["LOGGING"]["handlers"]["console"]["formatter"]) == (
        expected,
        expected,
    )


def test_malformed_log_format_is_refused_naming_it(load_settings):
    with pytest.raises(ImproperlyConfigured) as caught:
        load_settings(LOG_FORMAT="xml")

    assert str(caught.value) == "LOG_FORMAT='xml' is not one of: json, plain."


def test_plain_log_line_shows_the_request_id(load_settings):
    settings = load_settings()

    assert settings["LOGGING"]["formatters"]["plain"]["format"] == (
        "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"
    )
