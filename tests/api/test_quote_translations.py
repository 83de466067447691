"""/api/v1/quotes/: a quote lists its published translations, with their language; the
translation names its original (`translation_of`)."""

import pytest
from django.test import RequestFactory
from rest_framework.request import Request

from apps.api.serializers.quotes import QuoteSerializer, public_quotes
from apps.api.views.quotes import QuoteViewSet
from apps.quotes.models import Quote
from apps.quotes.services import quote_confirm, quote_update
from tests.api.helpers import api, page, results
from tests.factories import AppearanceFactory, QuoteFactory, SpeakerFactory

LIST = "/api/v1/quotes/"
GERMAN = "Wir haben noch nie so viel Getreide ins Ausland verkauft"
ENGLISH = "We have never sold so much grain abroad"


def detail(quote) -> str:
    return f"/api/v1/quotes/{quote.pk}/"


def link(quote) -> dict:
    return {
        "id": quote.pk,
        "api_url": api(f"quotes/{quote.pk}/"),
        "page_url": page(f"quotes/{quote.pk}/"),
        "text": quote.text,
        "language": quote.language,
    }


@pytest.fixture
def speaker(db):
    return SpeakerFactory()


@pytest.fixture
def original(speaker):
    return QuoteFactory(speaker=speaker, text=GERMAN, language="de")


def test_quote_detail_lists_its_published_translations_by_language(anon, speaker, original):
    french = QuoteFactory(speaker=speaker, text="Jamais autant de blé", language="fr")
    english = QuoteFactory(speaker=speaker, text=ENGLISH, language="en")
    QuoteFactory(speaker=speaker, text="Draft words", translation_of=original, status="draft")
    for quote in (french, english):
        quote_update(quote=quote, translation_of=original)

    body = anon.get(detail(original)).json()

    assert body["translations"] == [link(english), link(french)]


def test_quote_list_gives_each_quote_its_translations(anon, speaker, original):
    english = QuoteFactory(speaker=speaker, text=ENGLISH, translation_of=original)

    listed = {item["id"]: item["translations"] for item in results(anon.get(LIST))}

    assert listed == {original.pk: [link(english)], english.pk: []}


def test_editor_reads_draft_translations_too(api_editor, speaker, original):
    draft = QuoteFactory(speaker=speaker, text=ENGLISH, translation_of=original, status="draft")

    body = api_editor.get(detail(original)).json()

    assert body["translations"] == [link(draft)]


def test_translation_names_its_original(anon, speaker, original):
    english = QuoteFactory(speaker=speaker, text=ENGLISH, translation_of=original)

    body = anon.get(detail(english)).json()

    assert (body["translation_of"], body["translations"]) == (
        {
            "id": original.pk,
            "api_url": api(f"quotes/{original.pk}/"),
            "page_url": page(f"quotes/{original.pk}/"),
            "text": GERMAN,
        },
        [],
    )


def test_quote_read_from_rows_lists_translations_as_the_serializer_does(speaker, original):
    QuoteFactory(speaker=speaker, text=ENGLISH, translation_of=original)
    QuoteFactory(
        speaker=speaker, text="Jamais autant de blé", language="fr", translation_of=original
    )
    request = Request(RequestFactory().get(LIST))
    quote = QuoteViewSet().visible_queryset(editor=False).get(pk=original.pk)

    [data] = public_quotes(request, [Quote.objects.get(pk=original.pk)])

    assert data == QuoteSerializer(context={"request": request}).to_representation(quote)


def test_confirming_a_translation_moves_its_originals_updated_at(speaker, original):
    before = original.updated_at
    english = QuoteFactory(speaker=speaker, text=ENGLISH, translation_of=original, status="draft")
    AppearanceFactory(quote=english, source__text=f"He said: {ENGLISH}.", exact=ENGLISH)

    quote_confirm(quote=english)

    original.refresh_from_db()
    assert original.updated_at > before


def test_moving_a_translation_moves_both_originals_updated_at(speaker, original):
    other = QuoteFactory(speaker=speaker, text="Jamais autant de blé", language="fr")
    english = QuoteFactory(speaker=speaker, text=ENGLISH, translation_of=original)
    before = (original.updated_at, other.updated_at)

    quote_update(quote=english, translation_of=other)

    original.refresh_from_db()
    other.refresh_from_db()
    assert (original.updated_at > before[0], other.updated_at > before[1]) == (True, True)


def test_schema_documents_the_translations_of_a_quote(openapi_document):
    schemas = openapi_document["components"]["schemas"]

    field = schemas["Quote"]["properties"]["translations"]
    item = schemas[field["items"]["$ref"].rsplit("/", 1)[1]]
    assert (field["type"], field["readOnly"], sorted(item["properties"])) == (
        "array",
        True,
        ["api_url", "id", "language", "page_url", "text"],
    )


@pytest.mark.parametrize("size", [1, 8])
def test_quote_list_with_translations_runs_a_fixed_number_of_queries(
    anon, speaker, django_assert_num_queries, size
):
    for n in range(size):
        original = QuoteFactory(speaker=speaker, text=f"Original {n}", language="de")
        for language in ("en", "fr"):
            QuoteFactory(
                speaker=speaker, text=f"{language} {n}", language=language, translation_of=original
            )

    # The rate count, the quotes, speakers, originals, translations, topics, appearances.
    with django_assert_num_queries(7):
        listed = results(anon.get(LIST, {"page_size": 100}))

    assert sum(len(item["translations"]) for item in listed) == 2 * size


@pytest.mark.parametrize("size", [1, 8])
def test_quote_detail_with_translations_runs_a_fixed_number_of_queries(
    anon, speaker, original, django_assert_num_queries, size
):
    for n in range(size):
        QuoteFactory(
            speaker=speaker, text=f"Translation {n}", language="en", translation_of=original
        )

    # The rate count, the quote, speakers, translations, topics, appearances.
    with django_assert_num_queries(6):
        body = anon.get(detail(original)).json()

    assert len(body["translations"]) == size
