"""django-csp's middleware, with the policy loosened for a few pages made by libraries.

The site's own pages carry no inline script or style, and the admin needs none. Two pages
made by libraries need more, and get only that, by path prefix
(FACTBASE_CSP_PATH_UPDATES, the first matching prefix wins):
- the API reference (/api/v1/docs/): Redoc builds its stylesheet in the browser
  (styled-components inserts <style> elements; the page is blank without them) and runs
  its search index in a web worker made from a `blob:` URL;
- the browsable API (/api/v1/… in a browser): DRF's template sets a few style attributes
  and Pygments' highlighting is an inline <style>.
`script-src` stays `'self'` everywhere: none of this lets a page run inline script.

A response that asks for nothing of its own (no policy set by a decorator, no nonce) gets
the policy of its path's prefix, built once per process (and again when a setting
changes): django-csp built it twice a response, the report-only one too, 80 µs, on every
answer the response cache gives as well.
"""

from dataclasses import asdict

from csp.constants import HEADER, HEADER_REPORT_ONLY
from csp.middleware import CheckableLazyObject, CSPMiddleware, PolicyParts
from csp.utils import build_policy
from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver

# The headers of a response with no policy of its own, by the path prefix whose update it
# gets ("" for none): [(header, policy, the prefixes its setting excludes)], the empty
# policies left out.
_plain_headers: dict[str, list[tuple[str, str, tuple[str, ...]]]] = {}

_OWN_POLICY = (
    "_csp_config",
    "_csp_update",
    "_csp_replace",
    "_csp_config_ro",
    "_csp_update_ro",
    "_csp_replace_ro",
    "_csp_exempt",
    "_csp_exempt_ro",
)


@receiver(setting_changed)
def _forget_policies(**kwargs):
    _plain_headers.clear()


class FactbaseCSPMiddleware(CSPMiddleware):
    def process_response(self, request, response):
        if (
            getattr(request, "_csp_nonce", None) is not None
            or any(hasattr(response, name) for name in _OWN_POLICY)
            or (response.status_code in (404, 500) and settings.DEBUG)
        ):
            return super().process_response(request, response)
        path = request.path_info
        prefix = next((p for p in settings.FACTBASE_CSP_PATH_UPDATES if path.startswith(p)), "")
        headers = _plain_headers.get(prefix)
        if headers is None:
            headers = _plain_headers[prefix] = self._plain_headers(request, response)
        for header, policy, excluded in headers:
            if header not in response and not path.startswith(excluded):
                response[header] = policy
        # As django-csp does: a nonce asked for after the header is written is an error.
        request.csp_nonce = CheckableLazyObject(self._csp_nonce_post_response)
        return response

    def _plain_headers(self, request, response) -> list[tuple[str, str, tuple[str, ...]]]:
        """What django-csp's middleware writes on this response: (header, policy, the
        setting's excluded prefixes)."""
        headers = []
        for header, report_only, setting in [
            (HEADER, False, "CONTENT_SECURITY_POLICY"),
            (HEADER_REPORT_ONLY, True, "CONTENT_SECURITY_POLICY_REPORT_ONLY"),
        ]:
            parts = self.get_policy_parts(request, response, report_only=report_only)
            policy = build_policy(**asdict(parts), report_only=report_only)
            if policy:
                config = getattr(settings, setting, None) or {}
                excluded = tuple(config.get("EXCLUDE_URL_PREFIXES", None) or ())
                headers.append((header, policy, excluded))
        return headers

    def get_policy_parts(self, request, response, report_only: bool = False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only=report_only)
        for prefix, update in settings.FACTBASE_CSP_PATH_UPDATES.items():
            if request.path_info.startswith(prefix):
                parts.update = {**update, **(parts.update or {})}
                break
        return parts
