"""Entity tags: conditional GETs (304) and writes that cannot lose another editor's update.

An object's ETag is a strong hash of its representation as serialized for the requester, so
it changes whenever anything the requester can see changes (a nested citation included).
A write must carry the ETag it read in `If-Match`; it is compared while the row is locked
(`select_for_update()` in the write's transaction), so of two concurrent writers holding
the same ETag only the first passes. Conditional GETs (`If-None-Match`) are judged by
apps.core.http.if_none_match, which the response cache shares.
"""

import hashlib
import json

from django.utils.http import parse_etags
from rest_framework.utils.encoders import JSONEncoder

from apps.api.exceptions import PreconditionFailed, PreconditionRequired


def etag_for(data) -> str:
    payload = json.dumps(
        data, cls=JSONEncoder, sort_keys=True, ensure_ascii=False, separators=(",", ":")
    )
    return '"' + hashlib.sha256(payload.encode()).hexdigest() + '"'


def if_match(request) -> list[str]:
    """The ETags a write sends in `If-Match`; refused (428) without one. Asked before the
    body is read: a write without it is refused, whatever its body."""
    header = request.headers.get("If-Match")
    if not header or not header.strip():
        raise PreconditionRequired()
    return parse_etags(header)


def require_current(tags: list[str], etag: str) -> None:
    """Refuse a write whose `If-Match` does not hold the current ETag (412; strong
    comparison). Asked once the body is found valid: a fresh ETag would not mend it."""
    if "*" not in tags and etag not in tags:
        raise PreconditionFailed()


def require_if_match(request, etag: str) -> None:
    """Refuse a write without `If-Match` (428) or with a stale one (412)."""
    require_current(if_match(request), etag)
