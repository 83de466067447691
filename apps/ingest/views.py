"""The admin's import form, the page of a queued import, and the review screen for
proposed quotes (see admin.py for URLs).

Thin: they read the form, call the importer, the queue (jobs.py) or a service, and say
what happened.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.views.decorators.http import require_POST

from apps.ingest import jobs
from apps.ingest.articles import ArticleImporter
from apps.ingest.forms import ArticleImportForm, DecisionForm
from apps.ingest.models import ImportJob, QuoteProposal
from apps.ingest.services import proposal_confirm, proposal_reattribute, proposal_reject
from apps.quotes.models import Appearance, Quote

REVIEW_PAGE_SIZE = 50
RECENT_JOBS = 10


IMPORT_PERMISSIONS = ("sources.add_source", "quotes.add_quote")


def _require(request, *permissions: str) -> None:
    if not request.user.has_perms(permissions):
        raise PermissionDenied


def import_article(request, admin_site):
    """Import a small article at once; queue a larger one for the worker (jobs.py) and
    show its page, so that no request waits on a long import."""
    _require(request, *IMPORT_PERMISSIONS)
    form = ArticleImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if data["file"]:
            upload = data["file"]
            document, name, pasted = upload.read(), upload.name, False
        else:
            document, name, pasted = data["text"].encode("utf-8"), "pasted text", True
        if len(document) > jobs.INLINE_MAX_BYTES:
            job = jobs.enqueue(
                document=document,
                name=name,
                pasted=pasted,
                url=data["url"],
                title=data["title"],
                user=request.user,
            )
            return redirect("admin:ingest_quoteproposal_import_job", pk=job.pk)
        importer = ArticleImporter(actor=request.user)
        if pasted:
            outcome = importer.import_text(
                data["text"], name=name, url=data["url"], title=data["title"]
            )
        else:
            outcome = importer.import_bytes(document, name=name, url=data["url"])
        level = {"imported": messages.SUCCESS, "unchanged": messages.INFO}.get(
            outcome.status, messages.ERROR
        )
        messages.add_message(request, level, str(outcome))
        if outcome.source is not None:
            url = reverse("admin:ingest_quoteproposal_review")
            return redirect(f"{url}?source={outcome.source.pk}")
    context = {
        **admin_site.each_context(request),
        "title": "Import an article",
        "form": form,
        "inline_max_kb": jobs.INLINE_MAX_BYTES // 1024,
        "recent_jobs": ImportJob.objects.defer("document").select_related("requested_by")[
            :RECENT_JOBS
        ],
    }
    return TemplateResponse(request, "admin/ingest/import.html", context)


def import_job(request, admin_site, pk: int):
    """A queued import: waiting, under way (the page reloads itself), or done."""
    _require(request, *IMPORT_PERMISSIONS)
    job = get_object_or_404(
        ImportJob.objects.defer("document").select_related("requested_by", "source"), pk=pk
    )
    context = {
        **admin_site.each_context(request),
        "title": f"Importing {job.name}",
        "job": job,
        "waiting_before": jobs.waiting_before(job) if job.status == job.Status.QUEUED else 0,
        "review_url": (
            f"{reverse('admin:ingest_quoteproposal_review')}?source={job.source_id}"
            if job.source_id
            else ""
        ),
    }
    return TemplateResponse(request, "admin/ingest/import_job.html", context)


def review(request, admin_site):
    """Draft quotes waiting for a decision, with their passage in context."""
    _require(request, "quotes.change_quote")
    # Three queries whatever the page holds: count, proposals, their appearances.
    proposals = (
        QuoteProposal.objects.filter(quote__status=Quote.Status.DRAFT)
        .select_related("quote__speaker", "source")
        .prefetch_related(
            Prefetch("quote__appearances", queryset=Appearance.objects.select_related("source"))
        )
        .order_by("source", "position")
    )
    source_id = request.GET.get("source", "")
    if source_id.isdigit():
        proposals = proposals.filter(source_id=int(source_id))
    total = proposals.count()
    rows = []
    for proposal in proposals[:REVIEW_PAGE_SIZE]:
        appearance = next(
            (a for a in proposal.quote.appearances.all() if a.source_id == proposal.source_id),
            None,
        )
        rows.append(
            {
                "proposal": proposal,
                "appearance": appearance,
                "form": DecisionForm(prefix=f"p{proposal.pk}"),
            }
        )
    context = {
        **admin_site.each_context(request),
        "title": "Review proposed quotes",
        "rows": rows,
        "total": total,
        "source_id": source_id,
        "media": DecisionForm().media,
    }
    return TemplateResponse(request, "admin/ingest/review.html", context)


@require_POST
def decide(request, admin_site, pk: int):
    _require(request, "quotes.change_quote")
    proposal = get_object_or_404(QuoteProposal.objects.select_related("quote"), pk=pk)
    form = DecisionForm(request.POST, prefix=f"p{proposal.pk}")
    if not form.is_valid():
        messages.error(request, f"Not understood: {form.errors.as_text()}")
    else:
        data = form.cleaned_data
        try:
            if data["action"] == "confirm":
                proposal_confirm(proposal=proposal, actor=request.user)
                messages.success(request, f"Confirmed: {proposal.quote}")
            elif data["action"] == "reject":
                proposal_reject(proposal=proposal, actor=request.user)
                messages.success(request, f"Rejected: {proposal.quote}")
            else:
                proposal_reattribute(
                    proposal=proposal,
                    speaker=data["speaker"],
                    new_speaker_name=data["new_speaker_name"],
                    actor=request.user,
                )
                proposal.quote.refresh_from_db()
                messages.success(request, f"Re-attributed: {proposal.quote}")
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
    url = reverse("admin:ingest_quoteproposal_review")
    source = request.POST.get("source", "")
    return redirect(f"{url}?source={source}" if source.isdigit() else url)
