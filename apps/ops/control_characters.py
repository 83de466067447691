"""No control character in a URL or a cookie reaches a view, a form or the database.

PostgreSQL refuses a NUL in any text it is given, so a NUL in a query parameter answered
500 wherever the value became part of a query: the claim list's filters, the admin's
changelist filters and autocomplete, a token's admin page. Rather than each reader of a
parameter guarding against it, every request passes here first, where its query string is
parsed once:

- a control character (apps/core/text.py: C0 but tab, line feed and carriage return, and
  DEL) in a query parameter's name or value answers 400, naming the parameter and the
  position: a page in the site's style, or the API's JSON error shape under /api/;
- one in the path answers 404: no page has such an address;
- a cookie holding one is dropped, as if it had not been sent (a session or CSRF cookie
  nobody issued).
"""

from django.http import Http404, HttpResponse, JsonResponse
from django.template.loader import render_to_string

from apps.core.text import control_character
from apps.ops.database import API_PREFIX


class ControlCharacterMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if control_character(request.path_info) is not None:
            if request.path_info.startswith(API_PREFIX):
                return api_error(404, "not_found", "Not found.", attr=None)
            raise Http404("No page has a control character in its address.")
        problem = query_problem(request.GET)
        if problem is not None:
            attr, detail = problem
            if request.path_info.startswith(API_PREFIX):
                return api_error(400, "control_character", detail, attr=attr)
            page = render_to_string("bad_query.html", {"detail": detail}, request=request)
            return HttpResponse(page, status=400)
        if any(control_character(f"{name}{value}") for name, value in request.COOKIES.items()):
            request.COOKIES = {
                name: value
                for name, value in request.COOKIES.items()
                if control_character(f"{name}{value}") is None
            }
        return self.get_response(request)


def query_problem(query) -> tuple[str | None, str] | None:
    """The first query parameter holding a control character, as (its name, what is
    wrong), or None."""
    for name, values in query.lists():
        found = control_character(name)
        if found is not None:
            return None, (
                f"A query parameter's name holds the control character {found[1]} at "
                f"position {found[0]}: remove it."
            )
        for value in values:
            found = control_character(value)
            if found is not None:
                return name, (
                    f"The query parameter “{name}” holds the control character {found[1]} at "
                    f"position {found[0]}: remove it."
                )
    return None


def api_error(status: int, code: str, detail: str, *, attr: str | None) -> JsonResponse:
    kind = "validation_error" if status == 400 else "client_error"
    return JsonResponse(
        {"type": kind, "errors": [{"code": code, "detail": detail, "attr": attr}]},
        status=status,
        json_dumps_params={"ensure_ascii": False},
    )
