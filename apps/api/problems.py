"""Errors as RFC 9457 problem details (`application/problem+json`), for clients that ask.

The API's errors stay `application/json` in the shape every client already reads
(`{"type", "errors": [{"code", "detail", "attr"}]}`, drf-standardized-errors): changing
the default would break them, and RFC 9457 asks nothing of a client that did not ask for
it. A client that lists `application/problem+json` in `Accept` (beside the type it wants
for success, `Accept: application/json, application/problem+json`) gets the same error as
a problem: `type` (`about:blank`: the status says it all), `title` (the status's phrase),
`status`, `detail` (the message, or how many there are), and the same `errors` list as an
extension member, so the field at fault is named either way. Headers such as
`Retry-After` and `WWW-Authenticate` are kept.
"""

from http import HTTPStatus

from apps.api.renderers import OrjsonRenderer
from apps.ops.api import DatabaseAwareExceptionHandler

PROBLEM_JSON = "application/problem+json"


class ProblemExceptionHandler(DatabaseAwareExceptionHandler):
    def run(self):
        response = super().run()
        request = self.context.get("request")
        if response is None or request is None or not asks_for_problems(request):
            return response
        response.data = problem(response.status_code, response.data)
        response.content_type = PROBLEM_JSON
        # Rendered as JSON whatever else the client accepts (HTML, JSON-LD).
        request.accepted_renderer = OrjsonRenderer()
        request.accepted_media_type = OrjsonRenderer.media_type
        return response


def asks_for_problems(request) -> bool:
    """Whether `Accept` lists application/problem+json with a quality above 0."""
    for media_range in request.META.get("HTTP_ACCEPT", "").split(","):
        media_type, *parameters = (part.strip() for part in media_range.split(";"))
        if media_type.lower() != PROBLEM_JSON:
            continue
        quality = next(
            (value for name, _, value in (p.partition("=") for p in parameters) if name == "q"),
            "1",
        )
        try:
            if float(quality) > 0:
                return True
        except ValueError:
            continue
    return False


def problem(status: int, data: dict) -> dict:
    errors = list(data.get("errors", [])) if isinstance(data, dict) else []
    if len(errors) == 1:
        detail = str(errors[0].get("detail", ""))
    elif errors:
        detail = f"{len(errors)} problems with the request: each is in `errors`."
    else:
        detail = HTTPStatus(status).description
    return {
        "type": "about:blank",
        "title": HTTPStatus(status).phrase,
        "status": status,
        "detail": detail,
        "errors": errors,
    }
