"""JSON-LD for a page's `<script type="application/ld+json">` block.

The markup itself is built below the web layer (a claim's ClaimReview: apps.claims.claimreview,
shared with the API's feed and the export); this only makes it safe to embed in HTML.
"""

import json


def render(data: dict) -> str:
    """JSON for a `<script type="application/ld+json">` block.

    `<`, `>` and `&` are escaped as JSON unicode escapes (as Django's `json_script` does),
    so no text in the data, such as "</script>", can end the block early.
    """
    return json.dumps(data, ensure_ascii=False, sort_keys=False).translate(_SCRIPT_ESCAPES)


_SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}
