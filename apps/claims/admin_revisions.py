"""Proposed changes to published claims, where reviewers decide on them.

An editor's change to a published claim is saved as a `ClaimRevision` (apps/claims/
editing.py). Its change page shows, field by field, what the claim says and what the
editor proposes, the correction note it comes with, and (for reviewers, while it is
pending) an Accept and a Reject button, each posting to a small view that calls the
service with the signed-in user and reports its refusal as a message. Nothing here
edits a revision: it is a record of what was proposed and decided.
"""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseNotAllowed, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import path, reverse

from apps.accounts.roles import can_publish
from apps.claims import editing
from apps.claims.models import ClaimRevision
from apps.core.admin_services import ServiceAdmin

DECISIONS = {
    "accept": (editing.revision_accept, "accepted: the claim now reads so"),
    "reject": (editing.revision_reject, "rejected"),
}


@admin.register(ClaimRevision)
class ClaimRevisionAdmin(ServiceAdmin):
    list_display = ["__str__", "status", "proposed_by", "created_at", "decided_by"]
    list_filter = ["status"]
    list_select_related = ["claim", "proposed_by", "decided_by"]
    search_fields = ["claim__statement", "correction_note"]
    fields = [
        "claim",
        "status",
        "correction_note",
        "proposed_by",
        "created_at",
        "decided_by",
        "decided_at",
        "decision_note",
    ]
    readonly_fields = fields
    change_form_template = "admin/claims/claimrevision/change_form.html"

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None:
            context["revision_changes"] = editing.revision_changes(obj)
            context["decisions"] = (
                [{"name": name, "url": self._decision_url(obj.pk, name)} for name in DECISIONS]
                if obj.status == ClaimRevision.Status.PENDING and can_publish(request.user)
                else []
            )
        return super().render_change_form(
            request, context, add=add, change=change, form_url=form_url, obj=obj
        )

    def get_urls(self):
        return [
            path(
                "<path:object_id>/decide/<slug:decision>/",
                self.admin_site.admin_view(self.decision_view),
                name="claims_claimrevision_decide",
            ),
            *super().get_urls(),
        ]

    def decision_view(self, request, object_id, decision):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        revision = get_object_or_404(self.get_queryset(request), pk=object_id)
        if decision not in DECISIONS or not self.has_view_permission(request, revision):
            raise PermissionDenied
        decide, done = DECISIONS[decision]
        kwargs = {"revision": revision, "actor": request.user}
        if decision == "reject":
            kwargs["note"] = request.POST.get("note", "")
        try:
            decide(**kwargs)
        except (PermissionDenied, ValidationError) as refusal:
            for message in getattr(refusal, "messages", [str(refusal)]):
                self.message_user(request, message, messages.ERROR)
        else:
            self.message_user(request, f"{revision} {done}.", messages.SUCCESS)
        return HttpResponseRedirect(
            reverse(
                "admin:claims_claimrevision_change",
                args=[revision.pk],
                current_app=self.admin_site.name,
            )
        )

    def _decision_url(self, pk, decision: str) -> str:
        return reverse(
            "admin:claims_claimrevision_decide",
            args=[pk, decision],
            current_app=self.admin_site.name,
        )
