"""Entity tags: conditional GETs (304) and writes that cannot lose another editor's update.

An object's ETag is its version (apps/core/versions.py: its `updated_at`, which moves
whenever anything in its representation changes, a nested citation included) and the
audience it was serialized for: `"1764974460123456-editor"`. So it is a strong validator of
the representation the requester reads, computed from the row without serializing it.

A write must carry the ETag it read in `If-Match`; the version in it is handed, as the
expected version, to the same check the admin uses (`require_version`, under the row
lock, in the write's transaction), so of two concurrent writers holding the same ETag only
the first passes. Conditional GETs (`If-None-Match`) are judged by
apps.core.http.if_none_match, which the response cache shares.
"""

import re
from datetime import datetime

from django.core.exceptions import ValidationError
from django.utils.http import parse_etags

from apps.api.exceptions import PreconditionFailed, PreconditionRequired
from apps.core.versions import edit_conflict, version_from_number, version_number

TAG = re.compile(r"(?P<version>[0-9]{1,20})-(?P<audience>editor|public)")


def audience(*, editor: bool) -> str:
    return "editor" if editor else "public"


def etag_for(instance, *, editor: bool) -> str:
    """The ETag of `instance` as serialized for an editor or for anyone else."""
    return f'"{version_number(instance.updated_at)}-{audience(editor=editor)}"'


def if_match(request) -> list[str]:
    """The ETags a write sends in `If-Match`; refused (428) without one. Asked before the
    body is read: a write without it is refused, whatever its body."""
    header = request.headers.get("If-Match")
    if not header or not header.strip():
        raise PreconditionRequired()
    return parse_etags(header)


def expected_version(tags: list[str], instance, *, editor: bool) -> datetime | None:
    """The version a write expects, from its `If-Match` (None for `*`: any version).
    Refused (412) when no tag is an ETag this requester could have read. Of several, the
    one that is current if there is one (a strong comparison matches any of them); the
    service compares it with the row, locked."""
    if "*" in tags:
        return None
    versions = []
    for tag in tags:
        match = TAG.fullmatch(tag.strip('"'))
        if tag.startswith('"') and match and match["audience"] == audience(editor=editor):
            versions.append(version_from_number(int(match["version"])))
    if not versions:
        raise PreconditionFailed()
    return instance.updated_at if instance.updated_at in versions else versions[0]


def precondition_failed(error: ValidationError) -> PreconditionFailed | None:
    """412 for a service's refusal that is an edit conflict (the expected version is not
    the row's): the same answer as a stale `If-Match`, which it is."""
    return PreconditionFailed() if edit_conflict(error) is not None else None
