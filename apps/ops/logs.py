"""Logging helpers: the request id on every record, secrets redacted, JSON lines.

Attach the filters to handlers, not loggers: a logger's filters see only records logged
through that very logger, a handler's see every record that reaches it.
"""

import json
import logging
import re
from datetime import UTC, datetime

from apps.ops.request_id import current_request_id

REDACTED = "[redacted]"

# The value after a key that names a credential: `Authorization: Token abc`,
# `'HTTP_AUTHORIZATION': 'Bearer abc'`, `token=abc`, `"password": "abc"`, `csrftoken=abc`.
# The scheme word (Token, Bearer, Basic) is kept so a reader still sees how a client
# authenticated; what follows it is not.
_SECRET_VALUE = re.compile(
    r"""
    (?P<key>[\w-]*(?:authorization|token|password|passwd|secret|api[_-]?key|sessionid)[\w-]*)
    (?P<sep>["']?\s*[:=]\s*["']?)
    (?P<scheme>(?:token|bearer|basic)\s+)?
    (?P<value>[^\s"',;&)}\]]+)
    """,
    re.IGNORECASE | re.VERBOSE,
)

# A credential after its scheme word wherever it stands: "rejected Token 9944b0…".
_SCHEME_CREDENTIAL = re.compile(
    r"\b(?P<scheme>token|bearer|basic)(?P<space>\s+)(?P<value>[A-Za-z0-9._~+/=-]{16,})",
    re.IGNORECASE,
)

# Attributes every LogRecord has; anything else on a record came from `extra=`.
_STANDARD_ATTRIBUTES = frozenset(
    vars(logging.LogRecord("", logging.INFO, "", 0, "", None, None))
) | {"message", "asctime", "request_id", "taskName"}


def redact(text: str) -> str:
    """`text` with the value of every credential-looking key replaced by [redacted]."""
    text = _SECRET_VALUE.sub(lambda m: f"{m['key']}{m['sep']}{m['scheme'] or ''}{REDACTED}", text)
    return _SCHEME_CREDENTIAL.sub(lambda m: f"{m['scheme']}{m['space']}{REDACTED}", text)


class RedactSecretsFilter(logging.Filter):
    """Redacts credentials in a record's message, its `extra` strings and its traceback.

    The message is rendered (msg % args) first, so a token passed as an argument, or
    inside a dict or a request's repr, is caught too; the record then carries the
    rendered, redacted text and no args.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a malformed call; logging reports it, we keep what we can
            message = str(record.msg)
        record.msg, record.args = redact(message), None
        for name, value in list(vars(record).items()):
            if name not in _STANDARD_ATTRIBUTES and isinstance(value, str):
                setattr(record, name, redact(value))
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = redact(record.exc_text)
        return True


class RequestIdFilter(logging.Filter):
    """Sets `record.request_id` to the current request's id ("-" outside a request).

    Django logs a response's 4xx/5xx status after the middleware has finished; that
    record carries the request itself, and so its id.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = (
            current_request_id()
            or getattr(getattr(record, "request", None), "request_id", None)
            or "-"
        )
        return True


class JsonFormatter(logging.Formatter):
    """One JSON object per line: time, level, logger, message, request_id, then extras."""

    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": datetime.fromtimestamp(record.created, tz=UTC).isoformat(
                timespec="milliseconds"
            ),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "request_id": getattr(record, "request_id", None) or current_request_id(),
        }
        for name, value in vars(record).items():
            # Django's `request` extra is an object whose repr holds the query string.
            if name not in _STANDARD_ATTRIBUTES and name not in entry and name != "request":
                entry[name] = value
        if record.exc_info and not record.exc_text:
            record.exc_text = self.formatException(record.exc_info)
        if record.exc_text:
            entry["exception"] = record.exc_text
        if record.stack_info:
            entry["stack"] = self.formatStack(record.stack_info)
        return json.dumps(entry, default=str, ensure_ascii=False)
