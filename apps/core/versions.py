"""Lost updates: an object is changed only from the version its writer read.

An object's version is its `updated_at`. Every write to the row moves it
(TimeStampedModel's `auto_now`), and so does a change to anything its representation shows
(a citation, an appearance, an alias, a linked speaker's name: `touch`, `touch_owners`,
`touch_embedding` in apps/core/sync.py), so one version covers the object and its inlines.

Both doors carry the version they read and hand it to `require_version` under the row
lock: the admin's change form in a hidden field (apps/core/admin_concurrency.py), the API
in its ETag (apps/api/etags.py, `If-Match`). Of two writers holding the same version only
the first passes: the second waits for the first's lock and then reads the version the
first wrote.
"""

from datetime import UTC, datetime, timedelta

from django.core.exceptions import ValidationError
from django.db import router, transaction
from django.db.models import Model
from django.utils import timezone

EDIT_CONFLICT = "edit_conflict"
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
MICROSECOND = timedelta(microseconds=1)


def version_number(version: datetime) -> int:
    """A version as whole microseconds since 1970 (exact: no float on the way)."""
    return (version - EPOCH) // MICROSECOND


def version_from_number(number: int) -> datetime:
    return EPOCH + number * MICROSECOND


def describe_change(obj) -> str:
    """“Ada Lovelace (ada) at 00:31:05 UTC on 22 Nov 2026”: the last saved version of `obj`.

    One query, on the object's history (django-simple-history), when it has one.
    """
    when = timezone.localtime(obj.updated_at)
    when_text = f"{when:%H:%M:%S} {when.tzname()} on {when.day} {when:%b %Y}"
    history = getattr(obj, "history", None)
    latest = history.select_related("history_user").first() if history is not None else None
    user = getattr(latest, "history_user", None)
    if user is None:
        who = "someone else (an import or a script)"
    else:
        full_name = user.get_full_name() if hasattr(user, "get_full_name") else ""
        who = f"{full_name} ({user.get_username()})" if full_name else user.get_username()
    return f"{who} at {when_text}"


def require_version(obj: Model, expected: datetime | None) -> None:
    """Refuse a write to `obj` unless its stored `updated_at` is `expected` (None: no check).

    Locks the row (`select_for_update()`) until the caller's transaction ends; outside a
    transaction it reads without a lock. Two queries when refused (the row, the history
    that names who changed it), one otherwise. The refusal is a ValidationError with code
    "edit_conflict" and params `version` (the stored `updated_at`) and `changed_by` (who
    and when), which the doors turn into their own answer (a form error, 412).
    """
    if expected is None:
        return
    model = type(obj)
    using = router.db_for_write(model)
    rows = model._base_manager.using(using).filter(pk=obj.pk)
    if transaction.get_connection(using).in_atomic_block:
        rows = rows.select_for_update()
    current = rows.first()
    if current is None:
        raise ValidationError(
            f"This {model._meta.verbose_name} has been deleted since you read it.",
            code="deleted",
        )
    if current.updated_at == expected:
        return
    raise ValidationError(
        "This %(noun)s was changed by %(changed_by)s, after you read it.",
        code=EDIT_CONFLICT,
        params={
            "noun": model._meta.verbose_name,
            "changed_by": describe_change(current),
            "version": current.updated_at,
        },
    )


def edit_conflict(error: ValidationError) -> ValidationError | None:
    """The edit conflict among a service's refusals, if there is one."""
    if hasattr(error, "error_dict"):
        return None  # field errors: `require_version` raises a non-field one
    return next((item for item in error.error_list if item.code == EDIT_CONFLICT), None)
