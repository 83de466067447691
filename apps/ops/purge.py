"""Purging a caching proxy in front by reader key (apps/ops/staleness.py).

Each anonymous response the response cache stores carries its reader keys in
`Surrogate-Key` (space-separated, as Fastly reads it; Varnish's xkey vmod reads them once
the VCL copies them into `xkey`: deploy/varnish/factbase.vcl). When a write readers can see
commits, `purge(keys)` sends `PURGE` with the changed keys in `xkey-purge` to every URL in
CACHE_PURGE_URLS, so the proxy drops exactly the pages that showed them. A proxy that cannot
be reached is logged and skipped: its copies then last until their `s-maxage` runs out.
"""

import logging
import urllib.request

from django.conf import settings

logger = logging.getLogger(__name__)

HEADER = "xkey-purge"
# Proxies refuse long header lines (Varnish: 8 KB by default); more keys go in more PURGEs.
MAX_HEADER = 7000


def purge(keys) -> None:
    """Ask each proxy of CACHE_PURGE_URLS to drop what shows one of `keys`."""
    if not settings.CACHE_PURGE_URLS:
        return
    for url in settings.CACHE_PURGE_URLS:
        for header in _headers(sorted(keys)):
            request = urllib.request.Request(url, method="PURGE", headers={HEADER: header})
            try:
                with urllib.request.urlopen(request, timeout=settings.CACHE_PURGE_TIMEOUT):
                    pass
            except OSError as error:  # refused, timed out, or an HTTP error status
                logger.warning("could not purge %s at %s: %s", header[:80], url, error)
                break


def _headers(keys: list[str]):
    """The keys, space-separated, in lines of at most MAX_HEADER characters."""
    line = ""
    for key in keys:
        if line and len(line) + 1 + len(key) > MAX_HEADER:
            yield line
            line = ""
        line = f"{line} {key}" if line else key
    if line:
        yield line
