"""Imports in the admin: the article import form (with the page of each import queued for
the worker) and the review screen for proposed quotes live under the proposals' admin
(/admin/ingest/quoteproposal/import/, …/import/<id>/ and …/review/).
"""

from django.contrib import admin
from django.urls import path

from apps.ingest import views
from apps.ingest.models import ClaimReviewOrigin, QuoteProposal


@admin.register(QuoteProposal)
class QuoteProposalAdmin(admin.ModelAdmin):
    change_list_template = "admin/ingest/quoteproposal_changelist.html"
    list_display = ["quote", "source", "mention", "method", "confidence", "quote_status"]
    list_filter = ["quote__status", "method"]
    list_select_related = ["quote__speaker", "source"]
    search_fields = ["quote__text", "mention", "source__title"]

    def has_add_permission(self, request):
        return False  # proposals come from imports

    def has_change_permission(self, request, obj=None):
        return False  # decisions are taken on the review screen

    def has_delete_permission(self, request, obj=None):
        return False  # an import's record: it stays with the quote it proposed

    @admin.display(description="status", ordering="quote__status")
    def quote_status(self, proposal: QuoteProposal) -> str:
        return proposal.quote.get_status_display()

    def get_urls(self):
        site = self.admin_site
        return [
            path(
                "import/",
                site.admin_view(lambda request: views.import_article(request, site)),
                name="ingest_quoteproposal_import",
            ),
            path(
                "import/<int:pk>/",
                site.admin_view(lambda request, pk: views.import_job(request, site, pk)),
                name="ingest_quoteproposal_import_job",
            ),
            path(
                "review/",
                site.admin_view(lambda request: views.review(request, site)),
                name="ingest_quoteproposal_review",
            ),
            path(
                "<int:pk>/decide/",
                site.admin_view(lambda request, pk: views.decide(request, site, pk)),
                name="ingest_quoteproposal_decide",
            ),
            *super().get_urls(),
        ]


@admin.register(ClaimReviewOrigin)
class ClaimReviewOriginAdmin(admin.ModelAdmin):
    list_display = ["review_url", "reviewer_name", "review_date", "rating_label", "rating_method"]
    list_filter = ["rating_method", "reviewer_name"]
    search_fields = ["review_url", "claim__statement", "rating_label"]
    readonly_fields = [f.name for f in ClaimReviewOrigin._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False  # where an imported claim came from: it stays with the claim
