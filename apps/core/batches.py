"""Long work over many rows, a batch at a time (the commands that embed claims and find
their similar claims)."""

from collections.abc import Callable

from django.db import transaction
from django.db.models import QuerySet


def in_batches(
    rows: QuerySet,
    size: int,
    work: Callable[[list], object],
    *,
    pk_of: Callable[[object], int] = lambda row: row,
    progress: Callable[[int, int], None] | None = None,
) -> int:
    """Call `work(batch)` on the rows of `rows` (a queryset ordered by primary key; `pk_of`
    reads a row's), `size` at a time, each batch in its own transaction: memory stays one
    batch's, and an interrupted run resumes where it stopped, since a row done leaves
    `rows` or is passed by its key. `progress(done, total)` is called after each batch.
    Returns how many rows were done."""
    total = rows.count()
    done, after = 0, None
    while True:
        batch = list((rows if after is None else rows.filter(pk__gt=after))[:size])
        if not batch:
            return done
        with transaction.atomic():
            work(batch)
        done += len(batch)
        after = pk_of(batch[-1])
        if progress is not None:
            progress(done, total)
