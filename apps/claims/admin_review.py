"""The review queue: claims waiting for a reviewer, proposed changes to published claims,
and quotes waiting for confirmation, on one admin page (/admin/claims/claim/review-queue/,
"admin:review_queue"), linked from the admin's index page.

Each list needs its model's view (or change) permission; staff with neither are refused.
Six queries whatever the queue holds: a count and a page of rows for each list.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.template.response import TemplateResponse
from django.urls import reverse

from apps.claims.models import Claim, ClaimRevision
from apps.claims.selectors import claims_in_review, revisions_pending
from apps.quotes.models import Quote
from apps.quotes.selectors import quotes_awaiting_confirmation

# Each list shows this many, the longest waiting first; its changelist has the rest.
QUEUE_LIMIT = 50


def review_queue(request, admin_site):
    lists = {
        "claims": (Claim, claims_in_review(), Claim.Status.IN_REVIEW),
        "revisions": (ClaimRevision, revisions_pending(), ClaimRevision.Status.PENDING),
        "quotes": (Quote, quotes_awaiting_confirmation(), Quote.Status.DRAFT),
    }
    context = {}
    for name, (model, rows, status) in lists.items():
        model_admin = admin_site._registry[model]
        if model_admin.has_view_or_change_permission(request):
            context[name] = _queue(admin_site, model, rows, status)
    if not context:
        raise PermissionDenied
    return TemplateResponse(
        request,
        "admin/review_queue.html",
        {
            **admin_site.each_context(request),
            **context,
            "title": "Review queue",
            "limit": QUEUE_LIMIT,
        },
    )


def _queue(admin_site, model, rows: QuerySet, status: str) -> dict:
    opts = model._meta
    changelist = reverse(
        f"admin:{opts.app_label}_{opts.model_name}_changelist", current_app=admin_site.name
    )
    return {
        "rows": list(rows[:QUEUE_LIMIT]),
        "total": rows.count(),
        "changelist_url": f"{changelist}?status__exact={status}",
        "change_url": f"admin:{opts.app_label}_{opts.model_name}_change",
    }
