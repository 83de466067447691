"""Who sees what: everything for editors; for anyone else, each model's one `public()` rule.

Nested and related objects obey the same rule through `Prefetch(..., queryset=visible(...))`:
a forward relation prefetched through `public()` reads as None when its target is not
public, so a published claim never leads an anonymous client to a draft speaker.
"""

from django.db.models import QuerySet

from apps.api.permissions import is_editor


def visible(queryset, *, editor: bool) -> QuerySet:
    """`queryset` as the requester may see it (models without `public()` are all public)."""
    queryset = queryset.all()
    if editor or not hasattr(queryset, "public"):
        return queryset
    return queryset.public()


def visible_to_requester(model):
    """For django-filter's callable querysets: what the request's user may see of `model`."""

    def queryset(request):
        editor = request is not None and is_editor(request.user, model)
        return visible(model._default_manager, editor=editor)

    return queryset


def with_source_links(passages: QuerySet) -> QuerySet:
    """Anchored passages with their sources, but not the sources' texts: a passage keeps
    its own words (`found_passage`), so listing passages never loads whole texts."""
    return passages.select_related("source").defer("source__text")
