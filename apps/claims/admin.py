from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseNotAllowed, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join

from apps.accounts.roles import can_publish
from apps.claims import (
    admin_revisions,  # noqa: F401  (registers ClaimRevisionAdmin)
    editing,
    services,
    workflow,
)
from apps.claims.admin_citations import CitationInline, citation_items
from apps.claims.admin_review import review_queue
from apps.claims.forms import ClaimAdminForm
from apps.claims.matching import match_claims
from apps.claims.models import Citation, Claim, ClaimRevision, Correction, Rating
from apps.core.admin import count_of
from apps.core.admin_concurrency import ConcurrentEditAdmin
from apps.core.admin_services import ServiceAdmin, adopt, expected_version, form_fields
from apps.sources.admin_anchoring import ReanchorMixin
from apps.sources.services import AnchorCheck


@admin.register(Rating)
class RatingAdmin(ServiceAdmin):
    list_display = ["label", "score", "normalised_class", "badge"]
    search_fields = ["label", "description"]
    prepopulated_fields = {"slug": ["label"]}
    fields = ["label", "slug", "score", "normalised_class", "colour", "description"]

    def create_object(self, request, fields):
        return services.rating_create(actor=request.user, **fields)

    def update_object(self, request, obj, fields):
        return services.rating_update(rating=obj, actor=request.user, **fields)

    def delete_object(self, request, obj):
        services.rating_delete(rating=obj, actor=request.user)

    @admin.display(description="badge")
    def badge(self, rating: Rating) -> str:
        # The swatch comes with the label and the code: never colour alone. An SVG `fill`
        # attribute, not a style attribute, which the Content-Security-Policy refuses.
        return format_html(
            '<svg class="rating-swatch" width="14" height="14" viewBox="0 0 1 1" '
            'aria-hidden="true"><rect width="1" height="1" fill="{}"/></svg> {} <code>{}</code>',
            rating.colour,
            rating.label,
            rating.colour,
        )


class CorrectionInline(admin.StackedInline):
    """Corrections are public records, written by the services with the change or the
    retraction they record: shown here, never edited."""

    model = Correction
    fields = ["kind", "date", "note", "rating_before", "rating_after"]
    readonly_fields = fields
    extra = 0

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


# The workflow's transitions as the change page offers them: the status each applies to,
# whether only reviewers may make it, the button's label, and the function it calls.
TRANSITIONS = {
    "submit": (Claim.Status.DRAFT, False, "Submit for review", workflow.claim_submit_for_review),
    "return-to-draft": (
        Claim.Status.IN_REVIEW,
        False,
        "Send back to draft",
        workflow.claim_return_to_draft,
    ),
    "publish": (Claim.Status.IN_REVIEW, True, "Publish", workflow.claim_publish),
    "retract": (Claim.Status.PUBLISHED, True, "Retract", workflow.claim_retract),
}
# The transitions whose form asks for a note (why it is sent back, why it is retracted).
WITH_NOTE = {"return-to-draft", "retract"}


@admin.register(Claim)
class ClaimAdmin(ReanchorMixin, ConcurrentEditAdmin, ServiceAdmin):
    """Claims, edited through `claim_update` and moved only by the workflow's buttons.

    The form does not edit `status`; the change page shows it, what stops a claim in review
    from being published, and one button for each transition the user may make now. Each
    button posts to a small view that calls the workflow function with the signed-in user
    and reports its refusal (not permitted, not ready) as a message.
    """

    form = ClaimAdminForm
    change_form_template = "admin/claims/claim/change_form.html"
    list_display = ["__str__", "claimant", "rating", "status", "published_at", "citation_count"]
    list_filter = ["status", "rating", "topics"]
    list_select_related = ["claimant", "rating"]
    search_fields = ["statement", "slug", "claimant__name"]
    # Ratings are a handful of rows: a plain select shows the whole scale at once.
    autocomplete_fields = ["claimant", "quote", "topics"]
    prepopulated_fields = {"slug": ["statement"]}
    readonly_fields = ["status", "publication_problems", "published_at", "reviewed_by"]
    inlines = [CitationInline, CorrectionInline]
    actions = ["recheck_anchors"]
    service_form_fields = ("correction_note",)
    passages_described = "citations"
    reanchor_help = "Locate the claim's citations again in the current text of their sources."

    def reanchor(self, request, objects) -> AnchorCheck:
        return services.claims_reanchor(claims=objects, actor=request.user)

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        context["similar_claims"] = self.similar_claims(context["adminform"].form, obj)
        return super().render_change_form(
            request, context, add=add, change=change, form_url=form_url, obj=obj
        )

    def similar_claims(self, form, claim: Claim | None) -> dict | None:
        """The existing claims most like this one, for the box below the form (two queries).

        Those the form matched when it checked a new or changed statement; otherwise, on the
        change page, those like the stored statement; None on an empty add page. `ask` says
        whether the form wants the editor to confirm that it is not a duplicate.
        """
        matches = form.similar_claims
        if matches is None:
            if claim is None or claim.pk is None:
                return None
            matches = match_claims(claim.statement, public=False, exclude_pk=claim.pk)
        return {
            "matches": [
                {
                    "claim": match.claim,
                    "similarity": f"{match.score:.0%}",
                    "near_duplicate": match.is_near_duplicate,
                    "url": self._change_url(match.claim.pk),
                }
                for match in matches
            ],
            "ask": form.is_bound and bool(form.near_duplicates),
        }

    def get_fieldsets(self, request, obj=None):
        publication = ["status", "published_at", "reviewed_by"]
        if obj is not None and obj.status == Claim.Status.IN_REVIEW:
            publication.insert(1, "publication_problems")
        verdict = ["rating", "summary", "analysis"]
        if obj is not None:
            verdict.append("correction_note")  # a new claim has no published verdict
        return [
            (None, {"fields": ["statement", "slug", "claimant", "quote", "topics"]}),
            ("Verdict", {"fields": verdict}),
            ("Publication", {"fields": publication}),
        ]

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        # The form checks the edit as the service will, for the user who saves it.
        return type(form.__name__, (form,), {"actor": request.user})

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(citation_count=count_of(Citation, "claim"))

    def get_actions(self, request):
        # Claims are deleted one at a time through the service, which refuses (and says why)
        # to delete a claim readers have seen; the bulk action would bypass it.
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions

    # --- writes, through the services -------------------------------------------------

    def create_object(self, request, fields):
        # The form always has the note field; a new claim has no published verdict to correct.
        fields.pop("correction_note", None)
        return services.claim_create(actor=request.user, **fields)

    def update_object(self, request, obj, fields):
        # History's "Revert" (no inlines): the claim's fields alone, reviewed as any change.
        outcome = editing.claim_edit(claim=obj, actor=request.user, **fields)
        request.claim_revision = outcome.revision
        return outcome.claim

    def delete_object(self, request, obj):
        services.claim_delete(claim=obj, actor=request.user)

    def save_model(self, request, obj, form, change):
        if change and not getattr(request, "history_revert", False):
            return  # changed with its citations, as one change, in save_related
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        """A claim's fields and its citations are one change: made, or for an editor's
        change to a published claim proposed, by one call to `claim_edit`."""
        if not change:
            super().save_related(request, form, formsets, change)
            return
        fields = form_fields(form, extra=self.service_form_fields) | expected_version(form)
        citations = next((f for f in formsets if f.model is Citation), None)
        if citations is not None and citations.has_changed():
            fields["citations"] = citation_items(citations)
        stored = Claim.objects.select_for_update().get(pk=form.instance.pk)
        outcome = self._refusable(
            lambda: editing.claim_edit(claim=stored, actor=request.user, **fields)
        )
        adopt(form.instance, outcome.claim)
        request.claim_revision = outcome.revision
        for formset in formsets:
            formset.new_objects, formset.changed_objects, formset.deleted_objects = [], [], []

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        request.history_revert = True
        return super().history_form_view(request, object_id, version_id, extra_context)

    def response_change(self, request, obj):
        revision = getattr(request, "claim_revision", None)
        if revision is None:
            return super().response_change(request, obj)
        self.message_user(
            request,
            f"Your changes to this published claim are proposed as revision {revision.pk}: "
            "a reviewer will accept or reject them. The claim is unchanged until then.",
            messages.WARNING,
        )
        return HttpResponseRedirect(self._change_url(obj.pk))

    @admin.display(description="citations", ordering="citation_count")
    def citation_count(self, claim: Claim) -> int:
        return claim.citation_count

    @admin.display(description="before it can be published")
    def publication_problems(self, claim: Claim) -> str:
        problems = workflow.publication_problems(claim)
        if not problems:
            return "Nothing: a reviewer may publish it."
        items = format_html_join("", "<li>{}</li>", ((problem,) for problem in problems))
        return format_html("<ul>{}</ul>", items)

    # --- the workflow's buttons ----------------------------------------------------------

    def get_urls(self):
        site = self.admin_site
        return [
            path(
                "review-queue/",
                site.admin_view(lambda request: review_queue(request, site)),
                name="review_queue",
            ),
            path(
                "<path:object_id>/workflow/<slug:transition>/",
                self.admin_site.admin_view(self.transition_view),
                name=f"{self.opts.app_label}_{self.opts.model_name}_transition",
            ),
            *super().get_urls(),
        ]

    def transitions_for(self, request, claim: Claim) -> list[dict]:
        """The buttons to show: transitions that apply to the claim and the user may make."""
        if not self.has_change_permission(request, claim):
            return []
        reviewer = can_publish(request.user)
        return [
            {
                "name": name,
                "label": label,
                "with_note": name in WITH_NOTE,
                "url": reverse(
                    f"admin:{self.opts.app_label}_{self.opts.model_name}_transition",
                    args=[claim.pk, name],
                    current_app=self.admin_site.name,
                ),
            }
            for name, (status, reviewers_only, label, _) in TRANSITIONS.items()
            if claim.status == status and (reviewer or not reviewers_only)
        ]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        extra_context = dict(extra_context or {})
        claim = self.get_object(request, object_id)
        if claim is not None:
            extra_context["workflow_transitions"] = self.transitions_for(request, claim)
            extra_context["pending_revisions"] = [
                {
                    "revision": revision,
                    "url": reverse(
                        "admin:claims_claimrevision_change",
                        args=[revision.pk],
                        current_app=self.admin_site.name,
                    ),
                }
                for revision in claim.revisions.filter(
                    status=ClaimRevision.Status.PENDING
                ).select_related("proposed_by")
            ]
        return super().change_view(request, object_id, form_url, extra_context)

    def transition_view(self, request, object_id, transition):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        if transition not in TRANSITIONS:
            return HttpResponseRedirect(self._change_url(object_id))
        claim = get_object_or_404(self.get_queryset(request), pk=object_id)
        if not self.has_change_permission(request, claim):
            raise PermissionDenied
        move = TRANSITIONS[transition][3]
        kwargs = {"claim": claim, "actor": request.user}
        if transition in WITH_NOTE:
            kwargs["note"] = request.POST.get("note", "")
        try:
            move(**kwargs)
        except PermissionDenied as refusal:
            self.message_user(request, str(refusal), messages.ERROR)
        except ValidationError as refusal:
            for message in refusal.messages:
                self.message_user(request, message, messages.ERROR)
        else:
            self.message_user(
                request,
                f"“{claim}” is now {Claim.Status(claim.status).label.lower()}.",
                messages.SUCCESS,
            )
        return HttpResponseRedirect(self._change_url(object_id))

    def _change_url(self, object_id) -> str:
        return reverse(
            f"admin:{self.opts.app_label}_{self.opts.model_name}_change",
            args=[object_id],
            current_app=self.admin_site.name,
        )


@admin.register(Correction)
class CorrectionAdmin(ServiceAdmin):
    """Corrections and retractions, as readers see them on /corrections/: read only, since
    each is written by the service that made the change it records."""

    list_display = ["__str__", "kind", "date", "rating_before", "rating_after"]
    list_filter = ["kind", "date"]
    list_select_related = ["claim", "rating_before", "rating_after"]
    search_fields = ["claim__statement", "note"]
    autocomplete_fields = ["claim"]
    fields = ["claim", "kind", "date", "note", "rating_before", "rating_after"]
