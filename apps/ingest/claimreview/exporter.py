"""Exporting every published claim as a schema.org DataFeed of ClaimReview.

Each review is the very markup of the claim's page (apps.claims.claimreview.claim_review), with
absolute URLs on the site's base URL. The feed is written as it is read, a chunk of claims
at a time, so its size does not bound memory.
"""

import datetime
import json
from urllib.parse import urlsplit

from django.http import HttpRequest
from django.utils import timezone

from apps.claims import claimreview, selectors

CHUNK = 500


class SiteRequest(HttpRequest):
    """A request for the site at `base_url`, so that the page markup's absolute URLs are
    built as the pages build them (no host check: the URL is ours, not a client's)."""

    def __init__(self, base_url: str):
        super().__init__()
        parts = urlsplit(base_url)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise ValueError(
                f"{base_url!r} is not a site URL such as https://factbase.example.org/"
            )
        self._scheme, self._host = parts.scheme, parts.netloc
        self.path = self.path_info = "/"
        self.method = "GET"

    def _get_scheme(self) -> str:
        return self._scheme

    def get_host(self) -> str:
        return self._host


def published_reviews(base_url: str):
    """The ClaimReview of every published claim with a verdict, oldest first."""
    request = SiteRequest(base_url)
    claims = selectors.claim_detail_queryset().order_by("published_at", "pk")
    for claim in claims.iterator(chunk_size=CHUNK):
        review = claimreview.claim_review(claim, request)
        if review is not None:
            yield review


def write_feed(out, base_url: str, *, now: datetime.datetime | None = None) -> int:
    """Write the DataFeed to the text stream `out`; returns how many reviews it holds.

    The same feed, made by the same functions (claimreview.data_feed, data_feed_item), as
    a page of the API's /api/v1/claimreview/, written as it is read: the feed's head, then
    one element per line."""
    head = claimreview.data_feed([], date_modified=now or timezone.now())
    del head["dataFeedElement"]
    out.write(json.dumps(head, ensure_ascii=False)[:-1] + ', "dataFeedElement": [')
    count = 0
    for review in published_reviews(base_url):
        out.write(",\n  " if count else "\n  ")
        out.write(json.dumps(claimreview.data_feed_item(review), ensure_ascii=False))
        count += 1
    out.write("\n]}\n" if count else "]}\n")
    return count
