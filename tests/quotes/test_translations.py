"""A quote and its translations find each other in search, both ways, on either database:
the quote services keep each linked quote's `translation_words` (its public original's and
translations' words), indexed with its own (apps/search/kinds.py)."""

import io

import pytest

from apps.ingest.dump import write_dump
from apps.ingest.load import load_dump
from apps.quotes.services import (
    quote_delete,
    quote_reject,
    quote_update,
    translation_words_refresh,
)
from apps.search.selectors import search
from tests.factories import QuoteFactory, SpeakerFactory
from tests.ingest.helpers import empty_instance, published_data_set

GERMAN = "Wir haben noch nie so viel Getreide ins Ausland verkauft"
ENGLISH = "We have never sold so much grain abroad"


def found(query: str) -> set[int]:
    return {hit.object.pk for hit in search(query).hits if hit.kind == "quote"}


@pytest.fixture
def speaker(db):
    return SpeakerFactory(name="Olaf Kanzler")


@pytest.fixture
def original(speaker):
    return QuoteFactory(speaker=speaker, text=GERMAN, language="de")


@pytest.fixture
def translation(speaker, original):
    """A published English translation, linked to its German original through the service."""
    quote = QuoteFactory(speaker=speaker, text=ENGLISH, language="en")
    return quote_update(quote=quote, translation_of=original)


def test_search_for_the_originals_words_finds_its_translation_too(original, translation):
    assert found("Getreide") == {original.pk, translation.pk}


def test_search_for_a_translations_words_finds_its_original_too(original, translation):
    assert found("grain abroad") == {original.pk, translation.pk}


def test_search_finds_a_quote_by_the_original_words_it_keeps(speaker):
    quote = QuoteFactory(
        speaker=speaker, text=ENGLISH, original_text=GERMAN, original_language="de"
    )

    assert found("Getreide") == {quote.pk}


def test_search_does_not_find_an_original_by_a_rejected_translation(original, translation):
    quote_reject(quote=translation)

    assert found("grain") == set()


def test_search_does_not_find_a_translation_by_its_draft_originals_words(speaker):
    draft = QuoteFactory(speaker=speaker, text=GERMAN, language="de", status="draft")
    translation = quote_update(
        quote=QuoteFactory(speaker=speaker, text=ENGLISH), translation_of=draft
    )

    assert (found("Getreide"), translation.translation_words) == (set(), "")


def test_search_follows_a_translation_moved_to_another_original(speaker, original, translation):
    other = QuoteFactory(
        speaker=speaker, text="Nous n'avons jamais vendu autant de blé", language="fr"
    )

    quote_update(quote=translation, translation_of=other)

    assert (found("grain"), found("Getreide"), found("jamais")) == (
        {translation.pk, other.pk},
        {original.pk},
        {translation.pk, other.pk},
    )


def test_search_follows_an_edit_of_the_originals_words(original, translation):
    quote_update(quote=original, text="Wir haben noch nie so viel Weizen ins Ausland verkauft")

    assert (found("Getreide"), found("Weizen")) == (set(), {original.pk, translation.pk})


def test_search_drops_a_deleted_translations_words(original, translation):
    quote_delete(quote=translation)

    assert found("grain") == set()


def test_translation_words_list_the_original_first_then_translations_by_language(speaker, original):
    english = quote_update(
        quote=QuoteFactory(speaker=speaker, text=ENGLISH), translation_of=original
    )
    french = quote_update(
        quote=QuoteFactory(speaker=speaker, text="Jamais autant de blé", language="fr"),
        translation_of=original,
    )
    for quote in (original, english, french):
        quote.refresh_from_db()

    assert (original.translation_words, english.translation_words, french.translation_words) == (
        f"{ENGLISH}\nJamais autant de blé",
        GERMAN,
        GERMAN,
    )


@pytest.mark.parametrize("size", [1, 8])
def test_translation_words_refresh_runs_a_fixed_number_of_queries(
    speaker, original, django_assert_num_queries, size
):
    quotes = [
        QuoteFactory(speaker=speaker, text=f"Grain {n}", translation_of=original)
        for n in range(size)
    ]

    # The quotes and their links, the public words, an UPDATE for each quote whose words
    # change (the original and each translation), and the service's savepoint and release.
    with django_assert_num_queries(2 + (1 + size) + 2):
        translation_words_refresh(quote_ids=[original.pk, *(q.pk for q in quotes)])

    original.refresh_from_db()
    assert original.translation_words.count("Grain") == size


def test_a_loaded_dump_finds_a_quote_by_its_translations_words(db):
    data = published_data_set()
    out = io.StringIO()
    write_dump(out)
    empty_instance()

    load_dump(io.BytesIO(out.getvalue().encode()), name="dump.ndjson")

    translation = data["translation"]
    assert found("Getreide") == {translation.pk, translation.translation_of_id}
