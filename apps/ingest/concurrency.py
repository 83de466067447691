"""Imports running at the same time: locks that queue them, slugs that cannot clash, and
what to say when the database refuses a row.

The locks are PostgreSQL's advisory locks, held to the end of the transaction that takes
them. They are taken by polling (`pg_try_advisory_xact_lock`) rather than by waiting in one
statement, which the statement timeout (DB_STATEMENT_TIMEOUT, 10 s) would cancel while the
import holding the lock is still at work. On SQLite, which lets one writer in at a time,
there is nothing to take.
"""

import hashlib
import time

from django.db import DatabaseError, IntegrityError, connection
from django.db.models import Model
from django.utils.text import slugify

from apps.ingest.errors import IngestError

POLL_SECONDS = 0.2


def _key(name: str) -> int:
    return int.from_bytes(hashlib.sha256(name.encode()).digest()[:8], "big", signed=True)


def try_lock(name: str) -> bool:
    """Take the lock `name` if no other transaction holds it."""
    if connection.vendor != "postgresql":
        return True
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_xact_lock(%s)", [_key(name)])
        return cursor.fetchone()[0]


def wait_for_locks(names: list[str], *, seconds: float, waiting_for: str, on_wait=None) -> None:
    """Take every lock of `names`, waiting for the transactions holding them to end, up to
    `seconds`; then IngestError saying what was waited for. `on_wait()` is called once, when
    a wait begins."""
    deadline = time.monotonic() + seconds
    told = False
    for name in sorted(names):  # one order for every transaction: no deadlock
        while not try_lock(name):
            if time.monotonic() > deadline:
                raise IngestError(f"{waiting_for} has been running for {seconds:.0f} s; try again")
            if on_wait is not None and not told:
                on_wait()
                told = True
            time.sleep(POLL_SECONDS)


def reserved_slug(model: type[Model], text: str, *, max_length: int = 200) -> str:
    """A slug for `text` that no row of `model` has and no transaction in progress is about
    to give one (the slug `unique_slug` would give, or the next free one): each candidate is
    locked before it is checked, so two imports of alike titles never both take it."""
    base = slugify(text, allow_unicode=False)[:max_length].strip("-") or model._meta.model_name
    taken = set(model._default_manager.filter(slug__startswith=base).values_list("slug", flat=True))
    candidate, number = base, 2
    while True:
        # Locked first, then checked: a transaction that took it has either committed (and
        # the check sees its row) or still holds the lock.
        if (
            candidate not in taken
            and try_lock(f"{model._meta.label} slug {candidate}")
            and not model._default_manager.filter(slug=candidate).exists()
        ):
            return candidate
        suffix = f"-{number}"
        candidate = f"{base[: max_length - len(suffix)]}{suffix}"
        number += 1


def unique_clash(error: IntegrityError) -> str | None:
    """The unique constraint a row broke (by name, where the database gives it), or None
    if it broke another rule."""
    diag = getattr(error.__cause__, "diag", None)
    if diag is not None:
        return diag.constraint_name if diag.sqlstate == "23505" else None
    message = str(error)
    return message if message.startswith("UNIQUE constraint failed") else None


def database_problem(error: DatabaseError) -> str:
    """What the database refused, by its constraint's name or the kind of error: for a
    report, which should not pass on the database's raw message."""
    diag = getattr(error.__cause__, "diag", None)
    if getattr(diag, "constraint_name", None):
        return f"the database refused a row ({diag.constraint_name})"
    detail = str(error).splitlines()[0] if str(error) else ""
    return f"the database refused it ({type(error).__name__}{': ' + detail if detail else ''})"
