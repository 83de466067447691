"""Who made a change, for django-simple-history."""

from django.db.models import Model


def attribute_to(obj: Model, actor: Model | None) -> None:
    """Record `actor` as the author of `obj`'s next history row.

    With no actor, nothing is set, so that during a request the signed-in user recorded
    by HistoryRequestMiddleware is used instead of being hidden behind an explicit None.
    """
    if actor is not None:
        obj._history_user = actor
