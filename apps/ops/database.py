"""A database that cannot be reached answers 503, quickly and in the right shape.

When PostgreSQL is down (restarting, failing over, out of connections) every page and API
call would otherwise end in a 500 with a stack trace in the log. This middleware answers
503 with `Retry-After` instead — an HTML page in the site's style, or the API's JSON error
shape under /api/ — and logs one WARNING line. Nothing is retried here: the next request
connects afresh (CONN_HEALTH_CHECKS drops a dead connection), so the site recovers by itself
when the database is back.
"""

import logging

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template.loader import render_to_string

logger = logging.getLogger("factbase.database")

DATABASE_ERRORS = (OperationalError, InterfaceError)
RETRY_AFTER_SECONDS = 5
API_PREFIX = "/api/"
DETAIL = (
    "The database is not answering just now, so this cannot be shown. "
    "Please try again in a few seconds."
)


def is_database_error(exception: BaseException) -> bool:
    return isinstance(exception, DATABASE_ERRORS)


def describe(error: BaseException) -> str:
    """`OperationalError: connection failed: …`, the first line of the driver's message."""
    lines = str(error).strip().splitlines()
    return f"{type(error).__name__}: {lines[0]}" if lines else type(error).__name__


def database_unavailable_response(request: HttpRequest) -> HttpResponse:
    """The 503 for `request`; renders without touching the database."""
    if request.path_info.startswith(API_PREFIX):
        response = JsonResponse(
            {
                "type": "server_error",
                "errors": [{"code": "database_unavailable", "detail": DETAIL, "attr": None}],
            },
            status=503,
        )
    else:
        # No request in the context: the site's context processors and the user are not
        # needed, and nothing lazy can reach for the database while the page renders.
        page = render_to_string(
            "503.html",
            {"detail": DETAIL, "organisation_name": settings.FACTBASE_ORGANISATION_NAME},
        )
        response = HttpResponse(page, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    # A proxy or browser must not keep the outage page in place of the real one.
    response["Cache-Control"] = "no-store"
    already_logged(response)
    return response


def already_logged(response: HttpResponse) -> HttpResponse:
    """Keeps Django from logging `response` again as an ERROR ("Service Unavailable: /").

    Django's handler logs every 5xx unless this (private, but long-standing) flag is set;
    the outage is logged once, at WARNING, by whoever answered it.
    """
    response._has_been_logged = True
    return response


class DatabaseUnavailableMiddleware:
    """Turns a database connection error raised by a view (or its template) into a 503.

    Errors raised while another middleware runs (say, the session being saved after a
    login) are outside any view and still become Django's 500.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not is_database_error(exception):
            return None
        logger.warning(
            "Database unavailable: %s %s answered 503 (%s)",
            request.method,
            request.path,
            describe(exception),
        )
        return database_unavailable_response(request)
