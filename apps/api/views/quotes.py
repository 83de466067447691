from django.db.models import Prefetch

from apps.api.backends import nullable_date_key
from apps.api.filters import QuoteFilterSet
from apps.api.serializers.quotes import QuoteEditorSerializer, QuoteSerializer, QuoteWriteSerializer
from apps.api.views.base import ResourceViewSet, resource_schema
from apps.api.views.passages import sync_passages
from apps.api.visibility import visible, with_found_text
from apps.quotes import services
from apps.quotes.models import Appearance, Quote
from apps.sources.models import Source
from apps.speakers.models import Speaker


@resource_schema(
    singular="quote",
    plural="quotes",
    editor=QuoteEditorSerializer,
    write=QuoteWriteSerializer,
    delete_refusal="A quote that claims or translations point to is not deleted: 409.",
)
class QuoteViewSet(ResourceViewSet):
    """The verbatim words of one speaker, and every source that carries them."""

    model = Quote
    serializer_class = QuoteSerializer
    editor_serializer_class = QuoteEditorSerializer
    write_serializer_class = QuoteWriteSerializer
    filterset_class = QuoteFilterSet
    ordering_fields = ("said_on", "updated_at", "id")
    ordering = "-said_on"
    ordering_keys = {"said_on": nullable_date_key("said_on")}

    def visible_queryset(self, *, editor):
        """5 queries besides the quotes: speakers, misattributions, originals, topics and
        appearances (in visible sources, with their sources)."""
        appearances = Appearance.objects.all()
        if not editor:
            appearances = appearances.filter(source__in=Source.objects.public())
        return visible(Quote.objects, editor=editor).prefetch_related(
            Prefetch("speaker", queryset=visible(Speaker.objects, editor=editor)),
            Prefetch("misattributed_to", queryset=visible(Speaker.objects, editor=editor)),
            Prefetch("translation_of", queryset=visible(Quote.objects, editor=editor)),
            "topics",
            Prefetch("appearances", queryset=with_found_text(appearances)),
        )

    def create_object(self, data, *, actor):
        appearances = data.pop("appearances", [])
        quote = services.quote_create(actor=actor, **data)
        self.set_appearances(quote, appearances, actor=actor)
        return quote

    def update_object(self, instance, data, *, actor):
        appearances = data.pop("appearances", None)
        quote = services.quote_update(quote=instance, actor=actor, **data)
        if appearances is not None:
            self.set_appearances(quote, appearances, actor=actor)
        return quote

    def delete_object(self, instance):
        services.quote_delete(quote=instance)

    def set_appearances(self, quote, items, *, actor):
        sync_passages(
            attr="appearances",
            items=items,
            existing=list(quote.appearances.select_related("source")),
            add=lambda data: services.appearance_add(quote=quote, actor=actor, **data),
            change=lambda appearance, data: services.appearance_update(
                appearance=appearance, actor=actor, **data
            ),
            remove=lambda appearance: services.appearance_remove(
                appearance=appearance, actor=actor
            ),
        )
