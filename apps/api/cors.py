"""CORS for the public API: any web page may read it, none may write to it.

django-cors-headers answers preflights and adds `Access-Control-Allow-Origin: *` under
/api/ (CORS_URLS_REGEX). Here only to reads and preflights: a write from another origin's
page gets no CORS header, so its script cannot read the answer, and a preflight lists only
GET, HEAD and OPTIONS (CORS_ALLOW_METHODS), so the browser never sends a write that needs
one (a token in `Authorization`, a JSON body). No credentials are allowed: a cross-origin
request carries no session, and an editor's token is theirs to send from their own tools.
"""

from corsheaders.middleware import CorsMiddleware

READ_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


class ReadOnlyCorsMiddleware(CorsMiddleware):
    def is_enabled(self, request) -> bool:
        return request.method in READ_METHODS and super().is_enabled(request)
