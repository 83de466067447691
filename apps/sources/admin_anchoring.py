"""Admin pieces for anchored passages (appearances and citations).

They live beside the model they describe so that the quotes and claims admins, above this
app, can share them: the match shown beside every passage, and a filter for the ones an
editor must look at.
"""

from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404, HttpResponseNotAllowed, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse

from apps.sources.models import AnchoredPassage
from apps.sources.services import AnchorCheck

Match = AnchoredPassage.Match


@admin.display(description="match", ordering="match")
def anchor_match(passage: AnchoredPassage) -> str:
    if passage.pk is None:  # an empty inline row: nothing has been looked for yet
        return "Checked when saved"
    return passage.match_description


@admin.display(description="found in the source")
def found_passage(passage: AnchoredPassage) -> str:
    """The source's own words at the anchor, as anchoring kept them."""
    return passage.found_passage


@admin.display(description="similarity", ordering="similarity")
def anchor_similarity(passage: AnchoredPassage) -> str:
    if passage.pk is None:
        return ""
    return f"{passage.similarity:.0%}"


# Columns and read-only fields that show how a passage was found in its source's text.
ANCHOR_FIELDS = (anchor_match, found_passage, anchor_similarity)


def anchor_in_history(record) -> str:
    """A version's anchor, for the history page of an appearance or a citation.

    Anchoring writes fields the editor does not edit, which simple-history's "Changes"
    column leaves out; this column shows where each version stood: “Exact, characters
    46–75”, “Approximate (87% similar), characters 3–40”, “Not found”.
    """
    description = record.instance.match_description
    if record.start is None:
        return description
    return f"{description}, characters {record.start}–{record.end}"


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
        # Each row names its source, and saving it anchors it in the source's text.
        return super().get_queryset(request).select_related("source")


class ReanchorMixin:
    """Re-anchoring for the admin of an object that has passages (a source, a quote, a claim).

    Adds a "Re-anchor" button to the change page (its template includes
    "admin/includes/reanchor_button.html"), which posts to `<pk>/reanchor/`, and the bulk
    action "Re-check anchors", which asks for confirmation first. Both locate the object's
    passages again in the current text of their sources through the subclass's
    `reanchor()`, which calls a service, and report how the passages stand.
    """

    reanchor_confirmation_template = "admin/reanchor_confirmation.html"
    # Said on the confirmation page: "… the {passages_described} of these 3 quotes …".
    passages_described = "anchored passages"
    # Said beside the change page's button.
    reanchor_help = "Locate the passages again in the current text of their sources."

    def reanchor(self, request, objects) -> AnchorCheck:
        """Re-anchor the passages of `objects` (a queryset or a list) through a service."""
        raise NotImplementedError

    def get_urls(self):
        opts = self.opts
        return [
            path(
                "<path:object_id>/reanchor/",
                self.admin_site.admin_view(self.reanchor_view),
                name=f"{opts.app_label}_{opts.model_name}_reanchor",
            ),
            *super().get_urls(),
        ]

    def reanchor_url(self, obj) -> str:
        opts = self.opts
        return reverse(
            f"admin:{opts.app_label}_{opts.model_name}_reanchor",
            args=[obj.pk],
            current_app=self.admin_site.name,
        )

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None and obj.pk is not None and self.has_change_permission(request, obj):
            context["reanchor"] = {"url": self.reanchor_url(obj), "help": self.reanchor_help}
        return super().render_change_form(
            request, context, add=add, change=change, form_url=form_url, obj=obj
        )

    def reanchor_view(self, request, object_id):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        obj = self.get_object(request, unquote(object_id))
        if obj is None:
            raise Http404
        if not self.has_change_permission(request, obj):
            raise PermissionDenied
        check = self.reanchor(request, [obj])
        self._report(request, f"Anchors re-checked for “{obj}”: {check}", check)
        opts = self.opts
        return HttpResponseRedirect(
            reverse(
                f"admin:{opts.app_label}_{opts.model_name}_change",
                args=[obj.pk],
                current_app=self.admin_site.name,
            )
        )

    @admin.action(description="Re-check anchors", permissions=["change"])
    def recheck_anchors(self, request, queryset):
        """Asks first (Django's intermediate-page pattern), then re-anchors and reports."""
        if request.POST.get("post") != "yes":
            return TemplateResponse(
                request,
                self.reanchor_confirmation_template,
                {
                    **self.admin_site.each_context(request),
                    "title": "Re-check anchors",
                    "opts": self.opts,
                    "queryset": queryset,
                    "passages_described": self.passages_described,
                    "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
                    "media": self.media,
                },
            )
        objects = list(queryset)
        check = self.reanchor(request, objects)
        noun = self.opts.verbose_name if len(objects) == 1 else self.opts.verbose_name_plural
        self._report(request, f"Anchors re-checked in {len(objects)} {noun}: {check}", check)
        return None  # back to the changelist

    def _report(self, request, message: str, check: AnchorCheck) -> None:
        level = messages.WARNING if check.not_found else messages.SUCCESS
        self.message_user(request, message, level)
