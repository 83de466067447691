"""Admin pieces for anchored passages (appearances and citations).

They live beside the model they describe so that the quotes and claims admins, above this
app, can share them: the match shown beside every passage, and a filter for the ones an
editor must look at.
"""

from django.contrib import admin
from django.db.models import QuerySet

from apps.sources.models import AnchoredPassage

Match = AnchoredPassage.Match


@admin.display(description="match", ordering="match")
def anchor_match(passage: AnchoredPassage) -> str:
    if passage.pk is None:  # an empty inline row: nothing has been looked for yet
        return "Checked when saved"
    return passage.match_description


@admin.display(description="found in the source")
def found_passage(passage: AnchoredPassage) -> str:
    """The source's own words at the anchor; reads `passage.source` (select it with the row)."""
    return passage.found_passage


@admin.display(description="similarity", ordering="similarity")
def anchor_similarity(passage: AnchoredPassage) -> str:
    if passage.pk is None:
        return ""
    return f"{passage.similarity:.0%}"


# Columns and read-only fields that show how a passage was found in its source's text.
ANCHOR_FIELDS = (anchor_match, found_passage, anchor_similarity)


class AnchorMatchFilter(admin.SimpleListFilter):
    """Match kinds, plus the one editors ask for: every passage that needs checking."""

    title = "match"
    parameter_name = "match"
    NEEDS_CHECKING = "needs_checking"

    def lookups(self, request, model_admin):
        return [(self.NEEDS_CHECKING, "Needs checking (approximate or not found)"), *Match.choices]

    def queryset(self, request, queryset: QuerySet) -> QuerySet:
        if self.value() == self.NEEDS_CHECKING:
            return queryset.exclude(match=Match.EXACT)
        if self.value() in Match.values:
            return queryset.filter(match=self.value())
        return queryset


class AnchoredPassageInline(admin.TabularInline):
    """An inline of passages with the match shown beside each.

    Subclasses set `model` and `fields` (ending with ANCHOR_FIELDS).
    """

    extra = 1
    autocomplete_fields = ["source"]
    readonly_fields = ANCHOR_FIELDS

    def get_queryset(self, request):
        # The found passage is cut from the source's text: fetch it with each row.
        return super().get_queryset(request).select_related("source")
