"""Loading the curated demo data set (fixtures/demo.json) into an empty database.

The fixture holds what editors curated from the two seed articles: passages are given as
words, not offsets, and are anchored here through the same service as every other save,
so the fixture stays readable and editable by hand.

Loading is a restore of curated data, not an edit: it is a service of its own (the write
guard lets it write), which validates and anchors every row but does not replay the
editorial workflow that produced the published claims it holds.
"""

from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core import serializers
from django.core.management.color import no_style
from django.db import connection

from apps.claims.matching.semantic import claims_embed
from apps.claims.models import Claim
from apps.core.writes import service
from apps.sources.anchoring import Match
from apps.sources.models import AnchoredPassage, Source

DEMO_FIXTURE = Path(settings.BASE_DIR) / "fixtures" / "demo.json"


class DemoDataError(Exception):
    pass


@dataclass(frozen=True)
class DemoLoadResult:
    loaded: bool
    counts: dict[str, int]


def demo_already_loaded(path: Path = DEMO_FIXTURE) -> bool:
    slugs = [obj.object.slug for obj in _deserialize(path) if isinstance(obj.object, Source)]
    return Source.objects.filter(slug__in=slugs).exists()


@service
def load_demo(path: Path = DEMO_FIXTURE) -> DemoLoadResult:
    """Load the demo data once. Does nothing if its sources are already in the database.

    Raises DemoDataError, leaving the database unchanged, if any passage is not found in
    its source's text.
    """
    if demo_already_loaded(path):
        return DemoLoadResult(loaded=False, counts={})

    saved = []
    for deserialized in _deserialize(path):
        obj = deserialized.object
        if isinstance(obj, AnchoredPassage):
            # Anchored like any other passage; the history row written below records the
            # anchored state once.
            obj.anchor()
            obj.skip_history_when_saving = True
            obj.save()
            del obj.skip_history_when_saving
            if obj.match == Match.NOT_FOUND:
                raise DemoDataError(
                    f"{path.name}: {obj._meta.verbose_name} {obj.pk}: the passage "
                    f"“{obj.exact}” is not in the text of source “{obj.source.slug}”."
                )
        else:
            deserialized.save()
        saved.append(obj)
    _reset_sequences({type(obj) for obj in saved})

    _record_initial_history(saved)
    # Fixture rows are saved raw, past the services that embed a claim's statement.
    claims_embed([obj for obj in saved if isinstance(obj, Claim)])
    counts: dict[str, int] = {}
    for obj in saved:
        name = obj._meta.verbose_name_plural
        counts[name] = counts.get(name, 0) + 1
    return DemoLoadResult(loaded=True, counts=counts)


def _deserialize(path: Path):
    try:
        with path.open(encoding="utf-8") as stream:
            return list(serializers.deserialize("json", stream))
    except (OSError, serializers.base.DeserializationError) as error:
        raise DemoDataError(f"Cannot read the demo data in {path}: {error}") from error


def _reset_sequences(models) -> None:
    """Rows were inserted with explicit ids; move PostgreSQL's id sequences past them."""
    statements = connection.ops.sequence_reset_sql(no_style(), list(models))
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)


def _record_initial_history(objects) -> None:
    """Fixture rows are saved raw, which writes no history; write their first version."""
    by_model: dict[type, list] = {}
    for obj in objects:
        by_model.setdefault(type(obj), []).append(obj)
    for model, rows in by_model.items():
        manager = getattr(model, "history", None)
        if manager is not None:
            manager.bulk_history_create(
                list(model.objects.filter(pk__in=[row.pk for row in rows])),
                default_change_reason="Loaded from the demo data set",
            )
