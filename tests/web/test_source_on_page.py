"""The source page's read (apps/web/selectors/sources.py `source_on_page`): what
`source_detail_queryset()` reads, through statements compiled once per process
(apps/core/compiled.py)."""

from django.db import connection

from apps.core import compiled
from apps.quotes.models import Quote
from apps.sources.models import Source
from apps.web.selectors.sources import source_detail_queryset, source_on_page
from tests import factories


def _fields(obj):
    return {name: value for name, value in vars(obj).items() if not name.startswith("_")}


def _page(source: Source | None):
    """Everything the source page reads of a source, as plain values."""
    if source is None:
        return None
    return {
        "source": _fields(source),
        "publisher": _fields(source.publisher),
        "appearances": [
            (
                _fields(appearance),
                _fields(appearance.quote),
                _fields(appearance.quote.speaker),
                appearance.source is source,
            )
            for appearance in source.appearances.all()
        ],
        "citations": [
            (
                _fields(citation),
                _fields(citation.claim),
                _fields(citation.claim.rating),
                citation.source is source,
            )
            for citation in source.citations.all()
        ],
    }


def _source_with_passages():
    source = factories.SourceFactory(slug="grain")
    factories.AppearanceFactory(source=source)
    factories.AppearanceFactory(source=source, quote__status=Quote.Status.DRAFT)
    for _ in range(2):
        factories.CitationFactory(source=source, claim=factories.PublishedClaimFactory())
    factories.CitationFactory(source=source)  # of a draft claim
    factories.AppearanceFactory()  # another source's
    return source


def test_source_on_page_reads_what_the_detail_queryset_reads(db):
    _source_with_passages()

    read = _page(source_on_page("grain"))

    assert read == _page(source_detail_queryset().get(slug="grain"))
    assert (len(read["appearances"]), len(read["citations"])) == (1, 2)


def test_source_on_page_finds_no_draft_and_no_unknown_slug(db):
    factories.SourceFactory(slug="draft", status=Source.Status.DRAFT)

    assert (source_on_page("draft"), source_on_page("nobody")) == (None, None)


def test_source_on_page_reads_in_as_many_statements_each_compiled_once(
    db, django_assert_num_queries
):
    _source_with_passages()

    with django_assert_num_queries(3):
        _page(source_on_page("grain"))

    for key in ("source-page:source", "source-page:appearances", "source-page:citations"):
        assert compiled._compiled[((key,), "default", connection.vendor)] is not None
