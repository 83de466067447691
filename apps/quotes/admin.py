from django.contrib import admin, messages
from django.core.exceptions import ValidationError

from apps.core.admin import count_of
from apps.core.admin_concurrency import ConcurrentEditAdmin
from apps.core.admin_services import ServiceAdmin, ServiceInline
from apps.quotes import services
from apps.quotes.forms import AppearanceForm
from apps.quotes.models import Appearance, Quote
from apps.sources.admin_anchoring import (
    ANCHOR_FIELDS,
    AnchoredPassageInline,
    AnchorMatchFilter,
    ReanchorMixin,
    anchor_in_history,
    anchor_match,
    anchor_similarity,
)
from apps.sources.services import AnchorCheck


class AppearanceInline(ServiceInline, AnchoredPassageInline):
    model = Appearance
    form = AppearanceForm
    fields = ["source", "exact", *ANCHOR_FIELDS]

    def add_object(self, request, parent, fields):
        return services.appearance_add(quote=parent, actor=request.user, **fields)

    def change_object(self, request, obj, fields):
        return services.appearance_update(appearance=obj, actor=request.user, **fields)

    def remove_object(self, request, obj):
        services.appearance_remove(appearance=obj, actor=request.user)


@admin.register(Quote)
class QuoteAdmin(ReanchorMixin, ConcurrentEditAdmin, ServiceAdmin):
    list_display = [
        "short_text",
        "speaker_column",
        "said_on",
        "language",
        "status",
        "verdict",
        "appearance_count",
    ]
    list_filter = ["status", "verdict", "language", "topics"]
    search_fields = ["text", "speaker__name", "speaker_name"]
    autocomplete_fields = ["speaker", "misattributed_to", "translation_of", "topics"]
    fieldsets = [
        (None, {"fields": ["text", "speaker", "speaker_name", "said_on", "occasion", "language"]}),
        ("Checking", {"fields": ["status", "verdict", "misattributed_to", "topics"]}),
        ("Translation", {"fields": ["original_text", "original_language", "translation_of"]}),
    ]
    # Moved only by the Confirm and Reject actions, through the services: an editable status
    # would confirm a quote whose words are found in none of its sources.
    readonly_fields = ["status"]
    inlines = [AppearanceInline]
    actions = ["confirm_quotes", "reject_quotes", "recheck_anchors"]
    change_form_template = "admin/quotes/quote/change_form.html"
    passages_described = "appearances"
    reanchor_help = "Locate the quote's appearances again in the current text of their sources."

    def create_object(self, request, fields):
        return services.quote_create(actor=request.user, **fields)

    def update_object(self, request, obj, fields):
        return services.quote_update(quote=obj, actor=request.user, **fields)

    def delete_object(self, request, obj):
        services.quote_delete(quote=obj, actor=request.user)

    def reanchor(self, request, objects) -> AnchorCheck:
        return services.quotes_reanchor(quotes=objects, actor=request.user)

    @admin.action(description="Confirm the selected quotes", permissions=["change"])
    def confirm_quotes(self, request, queryset):
        self._apply(request, queryset, services.quote_confirm, "confirmed")

    @admin.action(description="Reject the selected quotes", permissions=["change"])
    def reject_quotes(self, request, queryset):
        self._apply(request, queryset, services.quote_reject, "rejected")

    def _apply(self, request, queryset, service, done: str) -> None:
        """Call `service` on each quote; report how many it changed and each refusal."""
        changed = 0
        for quote in queryset:
            try:
                service(quote=quote, actor=request.user)
            except ValidationError as refusal:
                self.message_user(request, " ".join(refusal.messages), messages.ERROR)
            else:
                changed += 1
        if changed:
            noun = "quote" if changed == 1 else "quotes"
            self.message_user(request, f"{changed} {noun} {done}.", messages.SUCCESS)

    def get_queryset(self, request):
        # A quote's name includes its speaker's, and every view shows it: the changelist,
        # the autocomplete of quotes (for claims and translations), the change page.
        return (
            super()
            .get_queryset(request)
            .select_related("speaker")
            .annotate(appearance_count=count_of(Appearance, "quote"))
        )

    @admin.display(description="words", ordering="text")
    def short_text(self, quote: Quote) -> str:
        return quote.text if len(quote.text) <= 100 else quote.text[:99].rstrip() + "…"

    @admin.display(description="speaker", ordering="speaker__name")
    def speaker_column(self, quote: Quote) -> str:
        return quote.display_speaker

    @admin.display(description="appearances", ordering="appearance_count")
    def appearance_count(self, quote: Quote) -> int:
        return quote.appearance_count


@admin.register(Appearance)
class AppearanceAdmin(ServiceAdmin):
    form = AppearanceForm
    list_display = ["quote", "source", anchor_match, anchor_similarity]
    list_filter = [AnchorMatchFilter, "source__kind"]
    list_select_related = ["quote__speaker", "source"]
    search_fields = ["quote__text", "quote__speaker__name", "source__title", "exact"]
    autocomplete_fields = ["quote", "source"]
    readonly_fields = ANCHOR_FIELDS
    # The history page shows each version's anchor, which its "Changes" column leaves out.
    history_list_display = ["anchor"]
    anchor = staticmethod(anchor_in_history)

    def create_object(self, request, fields):
        return services.appearance_add(actor=request.user, **fields)

    def update_object(self, request, obj, fields):
        return services.appearance_update(appearance=obj, actor=request.user, **fields)

    def delete_object(self, request, obj):
        services.appearance_remove(appearance=obj, actor=request.user)

    fieldsets = [
        (None, {"fields": ["quote", "source", "exact", *ANCHOR_FIELDS]}),
        (
            "Telling repeated passages apart",
            {"fields": ["prefix", "suffix"], "classes": ["collapse"]},
        ),
    ]
