"""One write path: curated rows are written by the apps' services, and nothing else.

Every door (admin forms and inlines, bulk actions, History revert, API, imports, the dump
loader, management commands) calls a service function, which applies the rules: the
workflow, validation, anchoring, corrections, the record of change. A service is marked
with `@service`: it runs in a transaction, and while it runs, curated rows may be written.

The guard (`FACTBASE_WRITE_GUARD`, on by default) makes that checkable: a curated row
saved, deleted or bulk-written, or a many-to-many list of one changed, outside a service
raises `UnguardedWrite`, naming the model. So a new door that forgets the services fails
its first test instead of skipping the rules in production. Test data arranged by the
factories and fixtures loaded for people are not doors: they run inside `unguarded()`,
which says why.
"""

import functools
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import ParamSpec, TypeVar

from django.conf import settings
from django.db import transaction
from django.db.models import Model

P = ParamSpec("P")
R = TypeVar("R")

# Why writes are allowed just now: the service (or the `unguarded` reason) being run.
_writer: ContextVar[str | None] = ContextVar("factbase_writer", default=None)


class UnguardedWrite(RuntimeError):
    """A curated row was written outside the services (see the module's docstring)."""


def service(func: Callable[P, R]) -> Callable[P, R]:
    """Mark `func` as a service: it runs in a transaction, and may write curated rows."""
    atomic = transaction.atomic(func)
    name = f"{func.__module__}.{func.__qualname__}"

    @functools.wraps(func)
    def run(*args: P.args, **kwargs: P.kwargs) -> R:
        token = _writer.set(_writer.get() or name)
        try:
            return atomic(*args, **kwargs)
        finally:
            _writer.reset(token)

    run.is_service = True
    return run


@contextmanager
def unguarded(reason: str) -> Iterator[None]:
    """Allow direct writes for a block that is not a door: test factories, the demo
    fixture, synthetic benchmark data. `reason` says which, for whoever reads the code."""
    if not reason.strip():
        raise ValueError("Say why these writes may skip the services.")
    token = _writer.set(_writer.get() or f"unguarded: {reason}")
    try:
        yield
    finally:
        _writer.reset(token)


def check_write(model: type[Model], operation: str) -> None:
    """Raise UnguardedWrite if `operation` on `model` happens outside a service."""
    if _writer.get() is not None or not settings.FACTBASE_WRITE_GUARD:
        return
    app = model._meta.app_label
    raise UnguardedWrite(
        f"{operation} of {model._meta.label} outside a service: call the function in "
        f"apps/{app}/services.py that makes this change, so that its rules apply "
        "(see apps/core/guard.py)."
    )
