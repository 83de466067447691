from dataclasses import dataclass

from django import forms
from django.contrib import admin
from django.db.models import ForeignKey, Prefetch
from django.urls import reverse

from apps.core.admin import count_of, counted
from apps.core.admin_concurrency import ConcurrentEditAdmin
from apps.core.admin_services import ServiceAdmin
from apps.sources import services
from apps.sources.admin_anchoring import ReanchorMixin

# The public source page's highlighter, reused so that editors and readers see a text
# marked up the same way, escaped in one place. It depends on nothing above this app.
from apps.sources.highlighting import Passage, highlight, number_passages
from apps.sources.models import AnchoredPassage, Publisher, Source, SourceVersion
from apps.sources.services import AnchorCheck


@admin.register(Publisher)
class PublisherAdmin(ServiceAdmin):
    list_display = ["name", "slug", "home_page"]
    search_fields = ["name", "home_page"]
    prepopulated_fields = {"slug": ["name"]}
    fields = ["name", "slug", "home_page"]

    def create_object(self, request, fields):
        return services.publisher_create(actor=request.user, **fields)

    def update_object(self, request, obj, fields):
        return services.publisher_update(publisher=obj, actor=request.user, **fields)

    def delete_object(self, request, obj):
        services.publisher_delete(publisher=obj, actor=request.user)


@dataclass(frozen=True)
class PassageRow:
    """One passage as the source's change page lists it, beside the highlighted text."""

    number: int | None  # its number in the highlighted text; None when not found
    html_id: str
    kind: str  # "quote" or "claim"
    match: str  # "Exact", "Approximate (87% similar)", "Not found"
    owner: str  # the quote or claim, as the admin names it
    href: str  # its admin change page


class SourceAdminForm(forms.ModelForm):
    text_change_note = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Why the text is replaced, if you change it: readers see it beside the "
        "earlier version, which is kept.",
    )

    class Meta:
        model = Source
        # The admin gives the form the fields of its fieldsets; these are the least.
        fields = ["text"]


class SourceVersionInline(admin.TabularInline):
    """The earlier texts of a published source: kept, never edited."""

    model = SourceVersion
    fields = ["number", "text_sha256", "set_at", "replaced_at", "replaced_by", "change_note"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    verbose_name = "earlier text"
    verbose_name_plural = "earlier texts (kept when the text was replaced)"

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Source)
class SourceAdmin(ReanchorMixin, ConcurrentEditAdmin, ServiceAdmin):
    list_display = [
        "title",
        "publisher",
        "published_on",
        "kind",
        "language",
        "status",
        "passage_counts",
    ]
    list_filter = ["kind", "language", "status", "publisher"]
    list_select_related = ["publisher"]
    search_fields = ["title", "url", "publisher__name", "text"]
    autocomplete_fields = ["publisher"]
    prepopulated_fields = {"slug": ["title"]}
    form = SourceAdminForm
    readonly_fields = ["text_sha256", "text_version", "text_set_at"]
    inlines = [SourceVersionInline]
    service_form_fields = ("text_change_note",)
    change_form_template = "admin/sources/source/change_form.html"
    actions = ["recheck_anchors"]
    passages_described = "appearances and citations"
    reanchor_help = "Locate every quote and citation in this text again."
    fieldsets = [
        (None, {"fields": ["title", "slug", "kind", "status", "publisher", "authors"]}),
        ("Where and when", {"fields": ["url", "archive_url", "published_on", "retrieved_at"]}),
        (
            "Archived text",
            {
                "fields": [
                    "language",
                    "text",
                    "text_change_note",
                    "text_sha256",
                    "text_version",
                    "text_set_at",
                ]
            },
        ),
    ]

    def get_fieldsets(self, request, obj=None):
        if obj is not None:
            return self.fieldsets
        # A new source has no earlier text: no note, no version yet.
        *rest, (title, options) = self.fieldsets
        kept = [name for name in options["fields"] if name in ("language", "text")]
        return [*rest, (title, {"fields": kept})]

    def get_queryset(self, request):
        counts = {
            f"{model._meta.model_name}_count": count_of(model, "source")
            for model in AnchoredPassage.kinds()
        }
        return super().get_queryset(request).annotate(**counts)

    @admin.display(description="anchored passages")
    def passage_counts(self, source: Source) -> str:
        return ", ".join(
            counted(getattr(source, f"{model._meta.model_name}_count"), model._meta)
            for model in AnchoredPassage.kinds()
        )

    def create_object(self, request, fields):
        # The form always has the note field; a new source has no earlier text to explain.
        fields.pop("text_change_note", None)
        return services.source_create(actor=request.user, **fields)

    def update_object(self, request, obj, fields):
        # Compared with the stored text by the service, not with the form's changed data:
        # History's "Revert" changes the text while its form, built from that version,
        # sees no change.
        return services.source_update(source=obj, actor=request.user, **fields)

    def delete_object(self, request, obj):
        services.source_delete(source=obj, actor=request.user)

    def reanchor(self, request, objects) -> AnchorCheck:
        return services.sources_reanchor(sources=objects, actor=request.user)

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None and obj.pk is not None:
            context["source_passages"] = self.source_passages(request, obj)
        return super().render_change_form(
            request, context, add=add, change=change, form_url=form_url, obj=obj
        )

    def source_passages(self, request, source: Source) -> dict:
        """The stored text with every passage anchored in it highlighted, and the passages
        listed with their match. Two queries per kind of passage (the passages, then what
        they belong to, fetched as that model's admin lists it, which selects what its
        name needs), and one for the stored text when a form was posted.
        """
        text = source.text
        if request.method == "POST":
            # The instance carries the posted text; the anchors point into the stored one.
            text = Source.objects.filter(pk=source.pk).values_list("text", flat=True).get()
        located = []
        for model in AnchoredPassage.kinds():
            owner = model.owner_field()
            owner_admin = self.admin_site._registry.get(owner.related_model)
            owners = (
                owner_admin.get_queryset(request)
                if owner_admin is not None
                else owner.related_model._default_manager.all()
            )
            passages = model._default_manager.filter(source=source).prefetch_related(
                Prefetch(owner.name, queryset=owners)
            )
            located += [(owner, passage) for passage in passages]
        numbered = number_passages(
            [self._passage(owner, p) for owner, p in located if p.start is not None], len(text)
        )
        numbers = {passage.html_id: passage.number for passage in numbered}
        rows = sorted(
            (self._row(owner, p, numbers.get(p.html_id)) for owner, p in located),
            key=lambda row: (row.number is None, row.number or 0, row.html_id),
        )
        return {
            "highlighted_text": highlight(text, numbered),
            "found": [row for row in rows if row.number is not None],
            "not_found": [row for row in rows if row.number is None],
        }

    def _passage(self, owner: ForeignKey, passage: AnchoredPassage) -> Passage:
        return Passage(
            start=passage.start,
            end=passage.end,
            html_id=passage.html_id,
            href=self._owner_url(owner, passage),
            kind=owner.name,
            title=f"{passage.match_description}: {getattr(passage, owner.name)}",
            classes=(f"passage--{passage.match}",),
        )

    def _row(self, owner: ForeignKey, passage: AnchoredPassage, number: int | None) -> PassageRow:
        return PassageRow(
            number=number,
            html_id=passage.html_id,
            kind=owner.name,
            match=passage.match_description,
            owner=str(getattr(passage, owner.name)),
            href=self._owner_url(owner, passage),
        )

    def _owner_url(self, owner: ForeignKey, passage: AnchoredPassage) -> str:
        opts = owner.related_model._meta
        return reverse(
            f"admin:{opts.app_label}_{opts.model_name}_change",
            args=[getattr(passage, owner.attname)],
            current_app=self.admin_site.name,
        )
