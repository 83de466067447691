"""Who made a change, for django-simple-history, and the history of rows with related
rows of their own."""

from django.db.models import Model
from simple_history.models import HistoricalRecords


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


class HistoryWithRelated(HistoricalRecords):
    """`HistoricalRecords(m2m_fields=…)` that does not look for the related rows of a row
    just created: there can be none yet (a many-to-many row needs the row's id, which its
    insert has only just given it). simple-history reads the through table and writes an
    empty batch for every new claim and quote, 0.8–2 ms of CPU of the 6–11 ms their
    creation costs (bench/README.md, "The write path"); setting their topics afterwards
    records a history row with them, as before."""

    def create_historical_record_m2ms(self, history_instance, instance):
        if history_instance.history_type == "+":
            return
        super().create_historical_record_m2ms(history_instance, instance)
