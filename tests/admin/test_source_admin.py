import hashlib

import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains

from apps.quotes.models import Quote
from apps.sources.models import Source
from tests.admin.helpers import autocomplete, form_data, messages_of
from tests.factories import (
    ARTICLE_TEXT,
    AppearanceFactory,
    CitationFactory,
    PublisherFactory,
    QuoteFactory,
    SourceFactory,
)

CHANGELIST = reverse("admin:sources_source_changelist")


def change_url(source: Source) -> str:
    return reverse("admin:sources_source_change", args=[source.pk])


@pytest.mark.parametrize("rows", [1, 10])
def test_changelist_query_count_is_flat(superuser_client, django_assert_max_num_queries, rows):
    for _ in range(rows):
        citation = CitationFactory()
        AppearanceFactory(source=citation.source)

    with django_assert_max_num_queries(7):
        response = superuser_client.get(CHANGELIST)

    assert response.context["cl"].result_count == rows


def test_changelist_counts_the_passages_anchored_in_each_source(superuser_client):
    source = SourceFactory()
    AppearanceFactory(source=source)
    AppearanceFactory(source=source, quote__text="a fantasy.")
    CitationFactory(source=source)

    response = superuser_client.get(CHANGELIST)

    assertContains(
        response, '<td class="field-passage_counts">2 appearances, 1 citation</td>', html=True
    )


def test_search_finds_a_source_by_publisher_name(superuser_client):
    reuters_article = SourceFactory(publisher=PublisherFactory(name="Reuters"))
    SourceFactory(publisher=PublisherFactory(name="Al Jazeera"))

    response = superuser_client.get(CHANGELIST, {"q": "reuters"})

    assert list(response.context["cl"].result_list) == [reuters_article]


def test_filter_by_publisher_lists_only_its_sources(superuser_client):
    reuters = PublisherFactory(name="Reuters")
    reuters_article = SourceFactory(publisher=reuters)
    SourceFactory()

    response = superuser_client.get(CHANGELIST, {"publisher__id__exact": reuters.pk})

    assert list(response.context["cl"].result_list) == [reuters_article]


def test_publisher_autocomplete_finds_publishers_by_name(superuser_client):
    reuters = PublisherFactory(name="Reuters")
    PublisherFactory(name="Al Jazeera")

    results = autocomplete(superuser_client, "sources.source.publisher", "reu")

    assert results == [{"id": str(reuters.pk), "text": "Reuters"}]


def test_change_page_shows_the_checksum_of_the_text(superuser_client):
    source = SourceFactory(text="Il a dit « non » — deux fois.")

    response = superuser_client.get(change_url(source))

    checksum = hashlib.sha256("Il a dit « non » — deux fois.".encode()).hexdigest()
    assertContains(
        response,
        f'<div class="readonly">{checksum}</div>',
        html=True,
    )


def draft_quotes_appearance():
    """An appearance of a quote not yet confirmed, which a new text may leave unfound."""
    return AppearanceFactory(quote__status=Quote.Status.DRAFT)


def test_editing_the_text_reanchors_its_appearances(superuser_client):
    appearance = draft_quotes_appearance()
    data = form_data(superuser_client.get(change_url(appearance.source)))
    data["text"] = "The minister declined to comment."

    response = superuser_client.post(change_url(appearance.source), data)

    assert response.status_code == 302
    appearance.refresh_from_db()
    assert (appearance.match, appearance.start, appearance.end, appearance.similarity) == (
        "not_found",
        None,
        None,
        0.0,
    )


def test_editing_the_text_records_the_reanchoring_by_the_signed_in_user(
    superuser_client, superuser
):
    appearance = draft_quotes_appearance()
    data = form_data(superuser_client.get(change_url(appearance.source)))
    data["text"] = "The minister declined to comment."

    superuser_client.post(change_url(appearance.source), data)

    latest = appearance.history.latest()
    assert (latest.match, latest.history_user) == ("not_found", superuser)


def test_editing_only_the_title_leaves_the_appearances_alone(superuser_client):
    appearance = AppearanceFactory()
    data = form_data(superuser_client.get(change_url(appearance.source)))
    data["title"] = "A better title"

    superuser_client.post(change_url(appearance.source), data)

    assert appearance.history.count() == 1


def test_editing_the_text_of_a_published_source_keeps_the_earlier_text(superuser_client, superuser):
    source = SourceFactory(text="Exports rose by 12%.")
    data = form_data(superuser_client.get(change_url(source)))
    data.update({"text": "Exports rose by 9%.", "text_change_note": "The ministry's figure."})

    superuser_client.post(change_url(source), data)

    source.refresh_from_db()
    (earlier,) = source.versions.all()
    assert (source.text, source.text_version, source.text_set_by) == (
        "Exports rose by 9%.",
        2,
        superuser,
    )
    assert (earlier.number, earlier.text, earlier.change_note, earlier.replaced_by) == (
        1,
        "Exports rose by 12%.",
        "The ministry's figure.",
        superuser,
    )


def test_editing_the_text_is_refused_if_a_confirmed_quote_would_be_found_nowhere(
    superuser_client,
):
    appearance = AppearanceFactory(quote__speaker__name="Olha Stefanishyna")
    data = form_data(superuser_client.get(change_url(appearance.source)))
    data["text"] = "The minister declined to comment."

    response = superuser_client.post(change_url(appearance.source), data, follow=True)

    assert messages_of(response) == [
        "This would leave confirmed quotes without a published source that carries their "
        f"words: “Olha Stefanishyna: “{appearance.quote.text}””. Add another source for "
        "them, or reject them, first."
    ]
    appearance.refresh_from_db()
    assert (appearance.source.text, appearance.match) == (ARTICLE_TEXT, "exact")


def test_delete_is_refused_while_a_quote_appears_in_the_source(superuser_client):
    source = SourceFactory(title="Grain exports at record high")
    AppearanceFactory(source=source, quote=QuoteFactory())

    response = superuser_client.post(
        reverse("admin:sources_source_delete", args=[source.pk]), {"post": "yes"}
    )

    assertContains(
        response,
        '<p class="errornote">Cannot delete source “Grain exports at record high”: '
        "1 appearance points to it. Remove or reassign them first.</p>",
        html=True,
    )
    assert Source.objects.filter(pk=source.pk).exists()


def test_reverting_the_text_from_history_reanchors_its_appearances(superuser_client):
    appearance = draft_quotes_appearance()
    source = appearance.source
    original = source.history.earliest()
    data = form_data(superuser_client.get(change_url(source)))
    data["text"] = "The minister declined to comment."
    superuser_client.post(change_url(source), data)
    appearance.refresh_from_db()
    assert appearance.match == "not_found"  # so that the revert has something to find again
    revert_url = reverse("admin:sources_source_simple_history", args=[source.pk, original.pk])

    response = superuser_client.post(revert_url, form_data(superuser_client.get(revert_url)))

    assert response.status_code == 302
    appearance.refresh_from_db()
    assert (appearance.match, appearance.found_passage) == ("exact", appearance.quote.text)


def test_add_creates_a_source_whose_checksum_matches_its_text(superuser_client):
    add = reverse("admin:sources_source_add")
    data = form_data(superuser_client.get(add))
    data.update({"title": "Grain exports", "slug": "grain-exports", "text": "Exports rose."})

    response = superuser_client.post(add, data)

    assert response.status_code == 302
    source = Source.objects.get(slug="grain-exports")
    assert source.text_sha256 == hashlib.sha256(b"Exports rose.").hexdigest()
