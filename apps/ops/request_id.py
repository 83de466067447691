"""One id per request, on every log line written while it runs and in its response.

A proxy or load balancer that already stamps requests (`X-Request-ID`) keeps its id, so a
request can be followed from the proxy's log into ours; an id that does not look like one
(too long, or characters a log line should not carry) is replaced by a fresh uuid4.
"""

import logging
import re
import time
import uuid
from contextvars import ContextVar

HEADER = "X-Request-ID"
_META_KEY = "HTTP_X_REQUEST_ID"
# Letters, digits and the punctuation of uuids, ULIDs and proxies' ids (nginx, Heroku, AWS).
_SANE_ID = re.compile(r"^[A-Za-z0-9._:+=@/-]{1,128}$")

_current: ContextVar[str | None] = ContextVar("factbase_request_id", default=None)

access_logger = logging.getLogger("factbase.access")
# Probed every few seconds by Docker or an orchestrator: logged at DEBUG, not INFO.
PROBE_PATHS = frozenset({"/healthz", "/readyz"})


def current_request_id() -> str | None:
    """The id of the request this code runs for, or None outside a request."""
    return _current.get()


def request_id_from(meta: dict) -> str:
    offered = meta.get(_META_KEY, "")
    return offered if _SANE_ID.match(offered) else str(uuid.uuid4())


class RequestIdMiddleware:
    """Outermost middleware: sets the id, echoes it, and logs one access line per request.

    The access line (logger `factbase.access`) replaces gunicorn's, which knows no request
    id; it names the path but not the query string, which may carry search terms or tokens.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request_id = request_id_from(request.META)
        request.request_id = request_id
        token = _current.set(request_id)
        started = time.monotonic()
        try:
            response = self.get_response(request)
            response[HEADER] = request_id
            access_logger.log(
                logging.DEBUG if request.path in PROBE_PATHS else logging.INFO,
                "%s %s %s",
                request.method,
                request.path,
                response.status_code,
                extra={
                    "method": request.method,
                    "path": request.path,
                    "status": response.status_code,
                    "duration_ms": round((time.monotonic() - started) * 1000, 1),
                },
            )
            return response
        finally:
            _current.reset(token)
