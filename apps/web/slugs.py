"""Old links keep working: the object a former slug (or another letter case) names."""

from django.db.models import QuerySet


def current_slug_target(queryset: QuerySet, slug: str):
    """The public object that `slug` used to name while readers could see it, or names in
    other letter case, or None.

    Slugs change when editors retitle things; simple_history keeps every earlier slug, so
    an old link still finds its object (the newest object to have used the slug wins). Only
    a slug held while the object was public counts: one it had as a draft was no reader's
    link, and redirecting it would tell whoever guesses it what the draft became.
    """
    same_but_case = queryset.filter(slug__iexact=slug).first()
    if same_but_case is not None:
        return same_but_case
    history = _while_public(queryset.model.history.filter(slug=slug))
    former_ids = history.order_by("-history_date").values_list("id", flat=True)
    by_id = queryset.in_bulk(list(dict.fromkeys(former_ids)))
    return next((by_id[pk] for pk in former_ids if pk in by_id), None)


def _while_public(history: QuerySet) -> QuerySet:
    """The history rows of times the object was public, by the model's own `public()` rule:
    a historical row has the fields of the row it copies, so the rule applies to it as it
    is. A model without the rule (topics) is always public."""
    model = history.model.instance_type
    rule = getattr(type(model._default_manager.all()), "public", None)
    return history if rule is None else rule(history)
