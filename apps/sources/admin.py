from django.contrib import admin

from apps.core.admin import CuratedAdmin, count_of, counted
from apps.sources.models import AnchoredPassage, Publisher, Source
from apps.sources.services import source_reanchor


@admin.register(Publisher)
class PublisherAdmin(CuratedAdmin):
    list_display = ["name", "slug", "home_page"]
    search_fields = ["name", "home_page"]
    prepopulated_fields = {"slug": ["name"]}
    fields = ["name", "slug", "home_page"]


def passage_relations():
    """The reverse relations from Source to appearances and citations.

    Found through the model's metadata rather than by importing the quotes and claims apps,
    which sit above this one (as `anchored_passages` in the services does).
    """
    return [
        relation
        for relation in Source._meta.related_objects
        if issubclass(relation.related_model, AnchoredPassage)
    ]


@admin.register(Source)
class SourceAdmin(CuratedAdmin):
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
    readonly_fields = ["text_sha256"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "kind", "status", "publisher", "authors"]}),
        ("Where and when", {"fields": ["url", "archive_url", "published_on", "retrieved_at"]}),
        ("Archived text", {"fields": ["language", "text", "text_sha256"]}),
    ]

    def get_queryset(self, request):
        counts = {
            f"{relation.name}_count": count_of(relation.related_model, relation.field.name)
            for relation in passage_relations()
        }
        return super().get_queryset(request).annotate(**counts)

    @admin.display(description="anchored passages")
    def passage_counts(self, source: Source) -> str:
        return ", ".join(
            counted(getattr(source, f"{relation.name}_count"), relation.related_model._meta)
            for relation in passage_relations()
        )

    def save_model(self, request, obj, form, change):
        """Saves the source; if its text changed, every passage in it is anchored again.

        Compares with the stored text (one query) rather than `form.changed_data`: reverting
        to an old version from the history page changes the text while the form, built from
        that version, sees no change.
        """
        stored = Source.objects.filter(pk=obj.pk).values_list("text", flat=True).first()
        super().save_model(request, obj, form, change)
        if change and stored != obj.text:
            source_reanchor(source=obj)
