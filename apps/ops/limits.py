"""Requests over the size limits answer 413 with a clear message, not 400 or 500.

Django refuses a body over DATA_UPLOAD_MAX_MEMORY_SIZE (files aside) or a form with more
than DATA_UPLOAD_MAX_NUMBER_FIELDS fields by raising a SuspiciousOperation as the body is
read. Left alone, the admin would answer a bare "Bad Request (400)" and the API a 500
(drf-standardized-errors treats any exception that is not DRF's own as a bug). Here both
become 413: a page in the site's style, or the API's JSON error shape under /api/.
"""

from django.conf import settings
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.views import defaults
from rest_framework import exceptions, status

from apps.ops.database import API_PREFIX

TOO_LARGE = (RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent)


def describe(exception: Exception) -> str:
    """What was over which limit, in words for the person who sent it."""
    if isinstance(exception, TooManyFieldsSent):
        return (
            f"The request has more than {settings.DATA_UPLOAD_MAX_NUMBER_FIELDS:,} fields, "
            "the most this site accepts (DATA_UPLOAD_MAX_NUMBER_FIELDS)."
        )
    if isinstance(exception, TooManyFilesSent):
        return (
            f"The request has more than {settings.DATA_UPLOAD_MAX_NUMBER_FILES:,} files, "
            "the most this site accepts (DATA_UPLOAD_MAX_NUMBER_FILES)."
        )
    return (
        f"The request body is over {settings.DATA_UPLOAD_MAX_MEMORY_SIZE:,} bytes, the most "
        "this site accepts besides uploaded files (DATA_UPLOAD_MAX_MEMORY_SIZE)."
    )


class RequestTooLarge(exceptions.APIException):
    status_code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
    default_code = "request_too_large"
    default_detail = "The request is too large."


def api_exception(exception: Exception) -> Exception:
    """The API's 413 for a body over the limits; any other exception as it is."""
    if isinstance(exception, TOO_LARGE):
        return RequestTooLarge(describe(exception))
    return exception


def bad_request(request: HttpRequest, exception: Exception) -> HttpResponse:
    """handler400: 413 for a request over the limits, Django's own 400 for the rest."""
    if not isinstance(exception, TOO_LARGE):
        return defaults.bad_request(request, exception)
    detail = describe(exception)
    if request.path_info.startswith(API_PREFIX):
        return JsonResponse(
            {
                "type": "client_error",
                "errors": [{"code": "request_too_large", "detail": detail, "attr": None}],
            },
            status=413,
        )
    # No request in the context: its body is what failed, and nothing may read it again.
    page = render_to_string(
        "413.html", {"detail": detail, "organisation_name": settings.FACTBASE_ORGANISATION_NAME}
    )
    return HttpResponse(page, status=413)
