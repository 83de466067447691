"""Citations in the admin: the inline on a claim's page, their own changelist, and the
rows the inline hands to the claim's one edit (`citation_items`). Every write goes through
the claims services."""

from django.contrib import admin

from apps.claims import services
from apps.claims.models import Citation
from apps.core.admin_services import ServiceAdmin, ServiceInline
from apps.sources.admin_anchoring import (
    ANCHOR_FIELDS,
    AnchoredPassageInline,
    AnchorMatchFilter,
    anchor_in_history,
    anchor_match,
    anchor_similarity,
)


class CitationInline(ServiceInline, AnchoredPassageInline):
    """A claim's citations. On a new claim each row is added by `citation_add`; on an
    existing one, the rows are changed together with the claim (ClaimAdmin.save_related)."""

    model = Citation
    fields = ["source", "relation", "exact", "note", *ANCHOR_FIELDS]

    def add_object(self, request, parent, fields):
        return services.citation_add(claim=parent, actor=request.user, **fields)

    def change_object(self, request, obj, fields):
        return services.citation_update(citation=obj, actor=request.user, **fields)

    def remove_object(self, request, obj):
        services.citation_remove(citation=obj, actor=request.user)


@admin.register(Citation)
class CitationAdmin(ServiceAdmin):
    list_display = ["claim", "source", "relation", anchor_match, anchor_similarity]
    list_filter = [AnchorMatchFilter, "relation"]
    list_select_related = ["claim", "source"]
    search_fields = ["claim__statement", "source__title", "exact", "note"]
    autocomplete_fields = ["claim", "source"]
    readonly_fields = ANCHOR_FIELDS
    # The history page shows each version's anchor, which its "Changes" column leaves out.
    history_list_display = ["anchor"]
    anchor = staticmethod(anchor_in_history)

    def create_object(self, request, fields):
        return services.citation_add(actor=request.user, **fields)

    def update_object(self, request, obj, fields):
        return services.citation_update(citation=obj, actor=request.user, **fields)

    def delete_object(self, request, obj):
        services.citation_remove(citation=obj, actor=request.user)

    fieldsets = [
        (None, {"fields": ["claim", "source", "relation", "exact", *ANCHOR_FIELDS, "note"]}),
        (
            "Telling repeated passages apart",
            {"fields": ["prefix", "suffix"], "classes": ["collapse"]},
        ),
    ]


def citation_items(formset) -> list[dict]:
    """The citations an inline formset leaves the claim with, as `citations_sync` takes
    them: each kept row with its `id`, each new row without, deleted rows left out."""
    items = []
    for row in formset.forms:
        if formset.can_delete and formset._should_delete_form(row):
            continue
        if row.instance.pk is None and not row.has_changed():
            continue  # an empty extra row
        item = {
            name: row.cleaned_data.get(name, getattr(row.instance, name, None))
            for name in ("source", "relation", "exact", "note")
        }
        if row.instance.pk is not None:
            item["id"] = row.instance.pk
        items.append(item)
    return items
