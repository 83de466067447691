from django.contrib import admin
from django.utils.html import format_html

from apps.claims.forms import ClaimAdminForm
from apps.claims.models import Citation, Claim, Correction, Rating
from apps.claims.services import claim_delete
from apps.core.admin import CuratedAdmin, count_of
from apps.sources.admin_anchoring import (
    ANCHOR_FIELDS,
    AnchoredPassageInline,
    AnchorMatchFilter,
    anchor_match,
    anchor_similarity,
)


@admin.register(Rating)
class RatingAdmin(CuratedAdmin):
    list_display = ["label", "score", "normalised_class", "badge"]
    search_fields = ["label", "description"]
    prepopulated_fields = {"slug": ["label"]}
    fields = ["label", "slug", "score", "normalised_class", "colour", "description"]

    @admin.display(description="badge")
    def badge(self, rating: Rating) -> str:
        # The swatch carries the label, as readers see it, and the code: never colour alone.
        return format_html(
            '<span style="background-color: {}; color: #fff; padding: 0.1em 0.5em; '
            'border-radius: 0.25em;">{}</span> <code>{}</code>',
            rating.colour,
            rating.label,
            rating.colour,
        )


class CitationInline(AnchoredPassageInline):
    model = Citation
    fields = ["source", "relation", "exact", "note", *ANCHOR_FIELDS]


class CorrectionInline(admin.StackedInline):
    model = Correction
    fields = ["date", "note", "rating_before", "rating_after"]
    extra = 0


@admin.register(Claim)
class ClaimAdmin(CuratedAdmin):
    form = ClaimAdminForm
    list_display = ["__str__", "claimant", "rating", "status", "published_at", "citation_count"]
    list_filter = ["status", "rating", "topics"]
    list_select_related = ["claimant", "rating"]
    search_fields = ["statement", "slug", "claimant__name"]
    # Ratings are a handful of rows: a plain select shows the whole scale at once.
    autocomplete_fields = ["claimant", "quote", "topics"]
    prepopulated_fields = {"slug": ["statement"]}
    readonly_fields = ["published_at", "reviewed_by"]
    fieldsets = [
        (None, {"fields": ["statement", "slug", "claimant", "quote", "topics"]}),
        ("Verdict", {"fields": ["rating", "summary", "analysis"]}),
        ("Publication", {"fields": ["status", "published_at", "reviewed_by"]}),
    ]
    inlines = [CitationInline, CorrectionInline]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(citation_count=count_of(Citation, "claim"))

    def get_actions(self, request):
        # Claims are deleted one at a time through the service, which refuses (and says why)
        # to delete a claim readers have seen; the bulk action would bypass it.
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions

    def delete_model(self, request, obj):
        claim_delete(claim=obj)

    @admin.display(description="citations", ordering="citation_count")
    def citation_count(self, claim: Claim) -> int:
        return claim.citation_count


@admin.register(Citation)
class CitationAdmin(CuratedAdmin):
    list_display = ["claim", "source", "relation", anchor_match, anchor_similarity]
    list_filter = [AnchorMatchFilter, "relation"]
    list_select_related = ["claim", "source"]
    search_fields = ["claim__statement", "source__title", "exact", "note"]
    autocomplete_fields = ["claim", "source"]
    readonly_fields = ANCHOR_FIELDS
    fieldsets = [
        (None, {"fields": ["claim", "source", "relation", "exact", *ANCHOR_FIELDS, "note"]}),
        (
            "Telling repeated passages apart",
            {"fields": ["prefix", "suffix"], "classes": ["collapse"]},
        ),
    ]


@admin.register(Correction)
class CorrectionAdmin(CuratedAdmin):
    list_display = ["__str__", "date", "rating_before", "rating_after"]
    list_filter = ["date"]
    list_select_related = ["claim", "rating_before", "rating_after"]
    search_fields = ["claim__statement", "note"]
    autocomplete_fields = ["claim"]
    fields = ["claim", "date", "note", "rating_before", "rating_after"]
