"""Who made a change, for django-simple-history."""

from django.db.models import Model


def attribute_to(obj: Model, actor: Model | None) -> None:
    """Record `actor` as the author of `obj`'s next history row.

    With no actor, nothing is set, so that during a request the signed-in user recorded
    by HistoryRequestMiddleware is used instead of being hidden behind an explicit None.
    """
    if actor is not None:
        obj._history_user = actor


# django-simple-history stores the reason in a varchar(100), which PostgreSQL enforces (and
# SQLite does not): a longer reason, such as a correction or retraction note, would fail
# the save with a 500.
CHANGE_REASON_MAX_LENGTH = 100


def set_change_reason(obj: Model, reason: str) -> None:
    """Give the history row that `obj`'s next save writes this reason, cut to fit."""
    if len(reason) > CHANGE_REASON_MAX_LENGTH:
        reason = reason[: CHANGE_REASON_MAX_LENGTH - 1].rstrip() + "…"
    obj._change_reason = reason
