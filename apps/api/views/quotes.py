from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from rest_framework.decorators import action
from rest_framework.permissions import IsAuthenticated

from apps.api.backends import StrictFilterBackend, nullable_date_key
from apps.api.filters import QuoteFilterSet
from apps.api.pagination import PreparedFirstPage
from apps.api.permissions import is_editor
from apps.api.serializers.fields import format_in_query
from apps.api.serializers.quotes import (
    SPEAKER_LINK_VALUES,
    TRANSLATION_ORDER,
    QuoteEditorSerializer,
    QuoteSerializer,
    QuoteWriteSerializer,
    public_quotes,
)
from apps.api.serializers.rows import prepared_values
from apps.api.serializers.strict import SLUG
from apps.api.views.base import ResourceViewSet, link_fields, resource_schema
from apps.api.views.workflow import WorkflowActionsMixin, workflow_schema
from apps.api.visibility import visible, with_source_links
from apps.quotes import services
from apps.quotes.models import Appearance, Quote
from apps.speakers.models import Speaker
from apps.topics.models import Topic


@resource_schema(
    singular="quote",
    plural="quotes",
    editor=QuoteEditorSerializer,
    write=QuoteWriteSerializer,
    delete_refusal="A quote that claims or translations point to is not deleted: 409.",
)
class QuoteViewSet(WorkflowActionsMixin, ResourceViewSet):
    """The verbatim words of one speaker, and every source that carries them."""

    model = Quote
    serializer_class = QuoteSerializer
    editor_serializer_class = QuoteEditorSerializer
    write_serializer_class = QuoteWriteSerializer
    filterset_class = QuoteFilterSet
    ordering_fields = ("said_on", "updated_at", "id")
    ordering = "-said_on"
    ordering_keys = {"said_on": nullable_date_key("said_on")}
    # The public speaker a reader's `?speaker=` named, as `readers_filtered` read it.
    readers_speaker = None

    def visible_queryset(self, *, editor):
        """6 queries besides the quotes: speakers, misattributions, originals, translations,
        topics and appearances (in visible sources, with their sources)."""
        appearances = Appearance.objects.all()
        if not editor:
            appearances = appearances.in_public_sources()
        return visible(Quote.objects, editor=editor).prefetch_related(
            Prefetch(
                "speaker",
                queryset=link_fields(visible(Speaker.objects, editor=editor), editor=editor),
            ),
            Prefetch(
                "misattributed_to",
                queryset=link_fields(visible(Speaker.objects, editor=editor), editor=editor),
            ),
            Prefetch(
                "translation_of",
                queryset=link_fields(visible(Quote.objects, editor=editor), editor=editor),
            ),
            Prefetch(
                "translations",
                queryset=_translation_fields(
                    visible(Quote.objects, editor=editor), editor=editor
                ).order_by(*TRANSLATION_ORDER),
            ),
            Prefetch("topics", queryset=link_fields(Topic.objects.all(), editor=editor)),
            Prefetch("appearances", queryset=with_source_links(appearances)),
        )

    def list(self, request, *args, **kwargs):
        """Public readers' pages are read as rows (apps/api/serializers/rows.py)."""
        if self.requester_is_editor or format_in_query(request):
            return super().list(request, *args, **kwargs)
        quotes = self.readers_filtered(request)
        if quotes is None:
            quotes = self.filter_queryset(visible(Quote.objects, editor=False))
        page = self.paginate_queryset(quotes)
        known = (self.readers_speaker,) if self.readers_speaker else ()
        return self.get_paginated_response(public_quotes(request, page, known_speakers=known))

    def readers_filtered(self, request):
        """A reader's two common asks filtered here, not through the filter set: every
        quote (`?cursor=`) and a speaker's (`?speaker=&cursor=`). django-filter builds and
        validates a form of the list's ten filters per request, a third of the CPU of these
        requests (bench/README.md, "Render cost"). The speaker is looked up as its filter
        does (a public one, by its slug); anything else, an unknown slug included (its 400),
        goes through the filter set: None. A first page (no cursor) is read as rows by a
        statement compiled once (`PreparedFirstPage`)."""
        asked = set(request.query_params)
        if not asked <= {"speaker", "cursor"} or is_editor(request.user, Speaker):
            return None
        speaker_ids = []
        if "speaker" in asked:
            slug = request.query_params["speaker"]
            # Its id, read by a statement compiled once (rows.py): compiling the look-up
            # and making the speaker an instance was a tenth of a speaker's quotes.
            found = (
                prepared_values("readers_speaker_by_slug", _public_speaker, slug)
                if SLUG.match(slug)
                else []
            )
            if len(found) != 1:
                return None
            speaker_ids = [found[0]["id"]]
            # Every quote of the page is this speaker's: its link is not read again.
            self.readers_speaker = found[0]

        def filtered(*speaker_ids):
            quotes = visible(Quote.objects, editor=False)
            if speaker_ids:
                quotes = quotes.filter(speaker_id=speaker_ids[0])
            for backend in self.filter_backends:
                if not issubclass(backend, StrictFilterBackend):
                    quotes = backend().filter_queryset(request, quotes, self)
            return quotes

        if "cursor" in asked:
            return filtered(*speaker_ids)
        if speaker_ids:
            # A skewed column: planned for each speaker (apps/core/prepared.py).
            return PreparedFirstPage(
                "readers_first_page:speaker", filtered, *speaker_ids, prepare=False
            )
        return PreparedFirstPage("readers_first_page", filtered)

    def public_representation(self, pk):
        quote = visible(Quote.objects, editor=False).filter(pk=pk).first()
        if quote is None:
            return None
        return public_quotes(self.request, [quote])[0], quote.updated_at

    def create_object(self, data, *, actor):
        return services.quote_create(actor=actor, **data)

    def update_object(self, instance, data, *, actor, expected_version):
        # A PUT sends the status back as it read it; only a change of status is refused.
        if data.get("status") == instance.status:
            del data["status"]
        return services.quote_update(
            quote=instance, actor=actor, expected_version=expected_version, **data
        )

    def delete_object(self, instance, *, actor, expected_version):
        services.quote_delete(quote=instance, actor=actor, expected_version=expected_version)

    # --- checking (apps/quotes/services.py) ------------------------------------------------

    def checked(self, request, service):
        def act(quote, _, version):
            if not request.user.has_perm("quotes.change_quote"):
                raise PermissionDenied("You do not have permission to change quotes.")
            service(quote=quote, actor=request.user, expected_version=version)

        return self.perform_action(request, act)

    @workflow_schema(
        summary="Confirm a quote",
        description="Editors with the change permission. Confirms the words as the "
        "speaker's: refused (400) unless an appearance found them in its source.",
        editor=QuoteEditorSerializer,
        refusal="The quote's words are not found in any of its sources.",
    )
    @action(detail=True, methods=["post"], url_path="confirm", permission_classes=[IsAuthenticated])
    def confirm(self, request, pk=None):
        return self.checked(request, services.quote_confirm)

    @workflow_schema(
        summary="Reject a quote",
        description="Editors with the change permission. The quote stays, out of public view.",
        editor=QuoteEditorSerializer,
        refusal="The quote cannot be saved as rejected.",
    )
    @action(detail=True, methods=["post"], url_path="reject", permission_classes=[IsAuthenticated])
    def reject(self, request, pk=None):
        return self.checked(request, services.quote_reject)


def _translation_fields(queryset, *, editor: bool):
    """As link_fields: a translation shows its words and language; its `translation_of`
    is what the prefetch joins on."""
    if editor:
        return queryset
    return queryset.only("id", "text", "language", "translation_of")


def _public_speaker(slug):
    """The public speaker with this slug (at most two rows, to tell one from several)."""
    return visible(Speaker.objects, editor=False).filter(slug=slug).values(*SPEAKER_LINK_VALUES)[:2]
