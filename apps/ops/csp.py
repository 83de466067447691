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
"""

from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings


class FactbaseCSPMiddleware(CSPMiddleware):
    def get_policy_parts(self, request, response, report_only: bool = False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only=report_only)
        for prefix, update in settings.FACTBASE_CSP_PATH_UPDATES.items():
            if request.path_info.startswith(prefix):
                parts.update = {**update, **(parts.update or {})}
                break
        return parts
