"""Nested passages (a quote's appearances, a claim's citations) written through services."""

from collections.abc import Callable

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import Model
from rest_framework.exceptions import ValidationError

from apps.api.exceptions import validation_error


def sync_passages(
    *,
    attr: str,
    items: list[dict],
    existing: list[Model],
    add: Callable[[dict], Model],
    change: Callable[[Model, dict], Model],
    remove: Callable[[Model], None],
) -> None:
    """Make the parent's passages exactly `items`: those with an `id` are kept (and changed
    as given), those without are added, and the rest are removed first, so a source can
    be dropped and added again in one request. Errors name the item: `citations.1.exact`.
    """
    by_id = {passage.pk: passage for passage in existing}
    for index, item in enumerate(items):
        if "id" in item and item["id"] not in by_id:
            raise ValidationError(
                {f"{attr}.{index}.id": ["No such passage here: leave `id` out to add one."]},
                code="does_not_exist",
            )
    kept = {item["id"] for item in items if "id" in item}
    for passage in existing:
        if passage.pk not in kept:
            remove(passage)
    for index, item in enumerate(items):
        data = {name: value for name, value in item.items() if name != "id"}
        try:
            if "id" in item:
                change(by_id[item["id"]], data)
            else:
                add(data)
        except DjangoValidationError as error:
            raise validation_error(error, prefix=f"{attr}.{index}.") from error
