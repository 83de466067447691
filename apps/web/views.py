"""The public pages. Thin: each parses its input, asks a selector, and renders.

What is public is decided by the models' `public()` methods, through `selectors`.
"""

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET, require_safe
from django.views.generic import DetailView, ListView, TemplateView

from apps.claims import selectors as claim_selectors
from apps.claims.claimreview import claim_review
from apps.claims.models import Claim
from apps.quotes.languages import language_name
from apps.quotes.models import Quote
from apps.sources.highlighting import (
    Passage,
    highlight,
    in_context,
    number_passages,
    word_differences,
)
from apps.sources.models import Source, SourceVersion
from apps.speakers.models import Speaker
from apps.topics.models import Topic
from apps.web import limits, page_paths, search_page, selectors, slugs

PAGE_SIZE = 20


class HomeView(TemplateView):
    template_name = "web/home.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            latest_claims=selectors.claims.latest_claims(),
            speakers=selectors.speakers.most_checked_speakers(),
            counts={
                "claims": Claim.objects.public().count(),
                "quotes": Quote.objects.public().count(),
                "speakers": Speaker.objects.public().count(),
                "sources": Source.objects.public().count(),
            },
            **kwargs,
        )


class SlugDetailView(DetailView):
    """A page found by its slug; a former or miscased slug answers 301 to the current one."""

    def get(self, request, *args, **kwargs):
        try:
            return super().get(request, *args, **kwargs)
        except Http404:
            current = slugs.current_slug_target(self.get_queryset(), kwargs["slug"])
            if current is None:
                raise
            return redirect(current, permanent=True)


# --- claims ------------------------------------------------------------------------------


class ClaimListView(ListView):
    template_name = "web/claim_list.html"
    context_object_name = "claims"
    paginate_by = PAGE_SIZE

    def get_queryset(self):
        self.filters = selectors.claims.ClaimFilters.from_query(self.request.GET)
        return selectors.claims.claim_list(self.filters)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            filters=self.filters,
            choices=selectors.claims.claim_filter_choices(self.filters),
            **kwargs,
        )


class ClaimDetailView(SlugDetailView):
    model = Claim
    template_name = "web/claim_detail.html"
    context_object_name = "claim"

    def get_queryset(self):
        # A retracted claim keeps its URL: the page says when and why it was retracted.
        return claim_selectors.claim_detail_queryset(retracted=True)

    def get_object(self, queryset=None):
        # What get_queryset() reads, in statements compiled once per process; a former or
        # miscased slug is looked for through get_queryset() (SlugDetailView.get).
        claim = claim_selectors.claim_on_record(self.kwargs["slug"])
        if claim is None:
            raise Http404("No claim on record has this slug.")
        return claim

    def get_context_data(self, **kwargs):
        claim = self.object
        citations = [
            {
                "citation": citation,
                "excerpt": (
                    in_context(citation.source.text, citation.start, citation.end)
                    if citation.start is not None
                    else None
                ),
            }
            for citation in claim.citations.all()
        ]
        if claim.status == Claim.Status.RETRACTED:
            # The record stays (the evidence, the corrections), the verdict does not: no
            # ClaimReview, no similar or related claims offered as if it stood.
            retraction = next(
                (c for c in claim.corrections.all() if c.kind == c.Kind.RETRACTION), None
            )
            return super().get_context_data(citations=citations, retraction=retraction, **kwargs)
        similar, related = selectors.claims.similar_and_related_claims(claim)
        return super().get_context_data(
            citations=citations,
            similar_claims=similar,
            related_claims=related,
            claim_review=claim_review(claim, self.request),
            **kwargs,
        )


class CorrectionListView(ListView):
    """Every correction and retraction of a published fact-check, newest first."""

    template_name = "web/correction_list.html"
    context_object_name = "corrections"
    paginate_by = PAGE_SIZE

    def get_queryset(self):
        return selectors.claims.corrections_on_record()


# --- search ------------------------------------------------------------------------------


class SearchView(TemplateView):
    template_name = "web/search.html"

    def get_context_data(self, **kwargs):
        query = search_page.SearchQuery.from_query(self.request.GET)
        return super().get_context_data(search=search_page.search_page(query), **kwargs)


# --- quotes ------------------------------------------------------------------------------


class QuoteListView(ListView):
    template_name = "web/quote_list.html"
    context_object_name = "quotes"
    paginate_by = PAGE_SIZE

    def get_queryset(self):
        self.speaker_slug = self.request.GET.get("speaker", "").strip()
        return selectors.quotes.quote_list(speaker=self.speaker_slug)

    def get_context_data(self, **kwargs):
        speaker = None
        if self.speaker_slug:
            speaker = Speaker.objects.public().filter(slug=self.speaker_slug).first()
        return super().get_context_data(speaker=speaker, **kwargs)


class QuoteDetailView(DetailView):
    template_name = "web/quote_detail.html"
    context_object_name = "quote"

    def get_queryset(self):
        return selectors.quotes.quote_detail_queryset()

    def get_context_data(self, **kwargs):
        quote = self.object
        appearances = [
            {
                "appearance": appearance,
                "excerpt": (
                    in_context(appearance.source.text, appearance.start, appearance.end)
                    if appearance.start is not None
                    else None
                ),
                "differences": (
                    word_differences(quote.text, appearance.found_passage)
                    if appearance.start is not None
                    else None
                ),
            }
            for appearance in quote.appearances.all()
        ]
        translations = [
            {"quote": translation, "language": language_name(translation.language)}
            for translation in quote.public_translations
        ]
        return super().get_context_data(
            appearances=appearances,
            role=quote.speaker_role_at_the_time(),
            translations=translations,
            original_words_language=language_name(quote.original_language),
            original_quote_language=(
                language_name(quote.translation_of.language) if quote.translation_of else ""
            ),
            **kwargs,
        )


# --- speakers ----------------------------------------------------------------------------


class SpeakerListView(ListView):
    template_name = "web/speaker_list.html"
    context_object_name = "speakers"
    paginate_by = PAGE_SIZE

    def get_queryset(self):
        return selectors.speakers.speakers_with_counts()


class SpeakerDetailView(SlugDetailView):
    model = Speaker
    template_name = "web/speaker_detail.html"
    context_object_name = "speaker"

    def get_queryset(self):
        return selectors.speakers.speaker_detail_queryset()

    def get_object(self, queryset=None):
        # What get_queryset() reads, in statements compiled once per process; a former or
        # miscased slug is looked for through get_queryset() (SlugDetailView.get).
        speaker = selectors.speakers.speaker_on_page(self.kwargs["slug"])
        if speaker is None:
            raise Http404("No public speaker has this slug.")
        return speaker

    def get_context_data(self, **kwargs):
        speaker = self.object
        quotes, claims = selectors.speakers.speaker_lists(speaker)
        return super().get_context_data(
            quotes=quotes,
            claims=claims,
            scorecard=selectors.speakers.speaker_scorecard(speaker, claims),
            list_limit=limits.DETAIL_LIST_LIMIT,
            **kwargs,
        )


# --- sources -----------------------------------------------------------------------------


class SourceListView(ListView):
    template_name = "web/source_list.html"
    context_object_name = "sources"
    paginate_by = PAGE_SIZE

    def get_queryset(self):
        return selectors.sources.sources_with_counts()


class SourceDetailView(SlugDetailView):
    model = Source
    template_name = "web/source_detail.html"
    context_object_name = "source"

    def get_queryset(self):
        return selectors.sources.source_detail_queryset()

    def get_object(self, queryset=None):
        # What get_queryset() reads, in statements compiled once per process; a former or
        # miscased slug is looked for through get_queryset() (SlugDetailView.get).
        source = selectors.sources.source_on_page(self.kwargs["slug"])
        if source is None:
            raise Http404("No published source has this slug.")
        return source

    def get_context_data(self, **kwargs):
        source = self.object
        passages = number_passages(
            [
                *(_appearance_passage(a) for a in source.appearances.all() if a.start is not None),
                *(_citation_passage(c) for c in source.citations.all() if c.start is not None),
            ],
            len(source.text),
        )
        return super().get_context_data(
            passages=passages, highlighted_text=highlight(source.text, passages), **kwargs
        )


class SourceVersionsView(SlugDetailView):
    """Every version of a published source's text, each with its SHA-256."""

    model = Source
    template_name = "web/source_versions.html"
    context_object_name = "source"

    def get_queryset(self):
        return Source.objects.public()

    def get_context_data(self, **kwargs):
        return super().get_context_data(versions=self.object.versions.all(), **kwargs)


class SourceVersionView(DetailView):
    """An earlier text of a published source; the current one is the source's own page."""

    template_name = "web/source_version.html"
    context_object_name = "version"

    def get(self, request, *args, **kwargs):
        source = get_object_or_404(Source.objects.public(), slug=kwargs["slug"])
        if kwargs["number"] == source.text_version:
            return redirect(source)
        return super().get(request, *args, **kwargs)

    def get_object(self, queryset=None):
        return get_object_or_404(
            SourceVersion.objects.filter(source__in=Source.objects.public()).select_related(
                "source"
            ),
            source__slug=self.kwargs["slug"],
            number=self.kwargs["number"],
        )

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            source=self.object.source, text=highlight(self.object.text, []), **kwargs
        )


@require_GET
def source_text(request, slug, number=None):
    """A published source's text (the current one, or version `number`) as UTF-8 plain
    text: the bytes whose SHA-256 the pages show."""
    source = get_object_or_404(Source.objects.public(), slug=slug)
    text = source.text
    if number is not None and number != source.text_version:
        text = get_object_or_404(source.versions, number=number).text
    response = HttpResponse(text.encode("utf-8"), content_type="text/plain; charset=utf-8")
    response["X-Robots-Tag"] = "noindex"
    return response


def _appearance_passage(appearance) -> Passage:
    quote = appearance.quote
    return Passage(
        start=appearance.start,
        end=appearance.end,
        html_id=appearance.html_id,
        href=page_paths.page_path(quote),
        kind="quote",
        title=f"{quote.display_speaker}: “{quote.text}”",
    )


def _citation_passage(citation) -> Passage:
    return Passage(
        start=citation.start,
        end=citation.end,
        html_id=citation.html_id,
        href=page_paths.page_path(citation.claim),
        kind="claim",
        title=f"{citation.get_relation_display()}: {citation.claim.statement}",
        classes=(f"passage--{citation.relation}",),
    )


# --- topics ------------------------------------------------------------------------------


class TopicListView(ListView):
    template_name = "web/topic_list.html"
    context_object_name = "topics"

    def get_queryset(self):
        return selectors.topics.topics_with_counts()

    def get_context_data(self, **kwargs):
        return super().get_context_data(count_cap=limits.TOPIC_COUNT_CAP, **kwargs)


class TopicDetailView(SlugDetailView):
    model = Topic
    template_name = "web/topic_detail.html"
    context_object_name = "topic"

    def get_queryset(self):
        # Topics have no draft state: every topic is public, whatever is filed under it.
        return Topic.objects.all()

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            claims=selectors.topics.topic_claims(self.object),
            quotes=selectors.topics.topic_quotes(self.object),
            **kwargs,
        )


# --- crawlers ----------------------------------------------------------------------------


@require_safe
@cache_control(max_age=86400, public=True)
def robots_txt(request):
    # The admin is not named here: robots.txt is public, and ADMIN_URL may be chosen to keep
    # the admin's address out of drive-by scans. Its pages ask not to be indexed themselves.
    lines = [
        "User-agent: *",
        "Disallow:",
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
