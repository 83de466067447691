"""/quotes/<id>/: a quote, who said it in which role, and every source that carries it."""

import datetime

import pytest

from apps.quotes.models import Quote
from apps.quotes.services import quote_reject
from apps.sources.models import Source
from apps.speakers.models import Speaker
from apps.speakers.services import speaker_update
from tests import factories
from tests.factories import arranged
from tests.web.helpers import hrefs, page, texts


@pytest.fixture
def quote(db):
    speaker = factories.SpeakerFactory(name="Ana Minister", slug="ana")
    factories.SpeakerRoleFactory(
        speaker=speaker,
        title="Minister of Agriculture",
        start=datetime.date(2020, 1, 1),
        end=datetime.date(2024, 12, 31),
    )
    factories.SpeakerRoleFactory(
        speaker=speaker, title="Prime Minister", start=datetime.date(2025, 1, 1)
    )
    return factories.QuoteFactory(
        speaker=speaker, said_on=datetime.date(2023, 6, 1), occasion="Grain forum"
    )


def test_quote_page_shows_words_speaker_role_at_the_time_occasion_and_date(client, quote):
    tree = page(client.get(f"/quotes/{quote.pk}/"))

    assert texts(tree, "//blockquote") == ["“We have never sold more grain abroad,”"]
    assert texts(tree, "//figcaption[@class='quote__speaker']") == [
        "— Ana Minister, Minister of Agriculture"
    ]
    assert texts(tree, "//dl[@class='facts']//dd")[:2] == ["Grain forum", "1 June 2023"]


def test_quote_page_lists_each_source_with_the_passage_in_context(client, quote):
    appearance = factories.AppearanceFactory(quote=quote, source__slug="report")

    tree = page(client.get(f"/quotes/{quote.pk}/"))

    [item] = tree.xpath("//section[h2[@id='sources-heading']]//li")
    assert texts(item, ".//mark") == ["We have never sold more grain abroad,"]
    assert texts(item, ".//span[contains(@class, 'match')]") == ["Exact"]
    assert hrefs(item) == ["/sources/report/", f"/sources/report/#appearance-{appearance.pk}"]
    assert item.xpath(".//div[@class='differences']") == []


def test_quote_page_shows_where_a_source_words_it_differently(client, quote):
    source = factories.SourceFactory(
        text="She said they had never sold so much grain abroad, adding more."
    )
    factories.AppearanceFactory(quote=quote, source=source, exact="never sold so much grain abroad")

    tree = page(client.get(f"/quotes/{quote.pk}/"))

    [differences] = tree.xpath("//p[@class='differences__text']")
    assert (texts(differences, ".//del"), texts(differences, ".//ins")) == (
        ["[quote has: We have]", "[quote has: more]"],
        ["[source has: so much]"],
    )


def test_quote_page_hides_draft_sources_and_unpublished_claims(client, quote):
    factories.AppearanceFactory(
        quote=quote, source__title="Draft source title", source__status=Source.Status.DRAFT
    )
    factories.ClaimFactory(quote=quote, statement="Claim in review", status="in_review")
    published = factories.PublishedClaimFactory(quote=quote, statement="Checked claim.")

    response = client.get(f"/quotes/{quote.pk}/")

    body = response.content.decode()
    assert ("Draft source title" in body, "Claim in review" in body) == (False, False)
    assert hrefs(page(response), "//section[h2[@id='claims-heading']]//h3/a") == [
        published.get_absolute_url()
    ]


def test_quote_page_answers_404_for_a_quote_awaiting_confirmation(client, quote):
    draft = factories.QuoteFactory(speaker=quote.speaker, status=Quote.Status.DRAFT)

    assert client.get(f"/quotes/{draft.pk}/").status_code == 404


def test_quote_page_answers_404_for_a_rejected_quote(client, quote):
    quote_reject(quote=quote)

    assert client.get(f"/quotes/{quote.pk}/").status_code == 404


def test_quote_page_answers_404_for_a_quote_of_a_draft_speaker(client, quote):
    speaker_update(speaker=quote.speaker, status=Speaker.Status.DRAFT)

    assert client.get(f"/quotes/{quote.pk}/").status_code == 404


@pytest.mark.parametrize("size", [1, 8])
def test_quote_page_runs_a_fixed_number_of_queries(client, quote, django_assert_num_queries, size):
    for _ in range(size):
        factories.AppearanceFactory(quote=quote)
        factories.PublishedClaimFactory(quote=quote)
        with arranged():
            quote.topics.add(factories.TopicFactory())

    # The quote and speaker, roles, appearances, claims, topics, translations. (The translated
    # quote and a misattributed quote's real speaker cost one query each when there are any.)
    with django_assert_num_queries(6):
        response = client.get(f"/quotes/{quote.pk}/")

    tree = page(response)
    assert (len(tree.xpath("//mark")), len(tree.xpath("//h3"))) == (size, size)


# --- translations, both ways --------------------------------------------------------------


@pytest.fixture
def original(quote):
    with arranged():
        quote.language = "de"
        quote.text = "Wir haben noch nie so viel Getreide ins Ausland verkauft"
        quote.save()
    return quote


def test_quote_page_lists_published_translations_with_their_language(client, original):
    english = factories.QuoteFactory(
        speaker=original.speaker, text="We never sold so much grain", translation_of=original
    )
    french = factories.QuoteFactory(
        speaker=original.speaker,
        text="Jamais autant de blé",
        language="fr",
        translation_of=original,
    )
    factories.QuoteFactory(
        speaker=original.speaker, text="Draft words", translation_of=original, status="draft"
    )

    tree = page(client.get(f"/quotes/{original.pk}/"))

    [row] = tree.xpath("//div[@class='facts__row'][dt='Translations']")
    assert (texts(row, ".//li"), hrefs(row), [a.get("lang") for a in row.xpath(".//a")]) == (
        ["English: “We never sold so much grain”", "French: “Jamais autant de blé”"],
        [english.get_absolute_url(), french.get_absolute_url()],
        ["en", "fr"],
    )


def test_translation_page_links_its_original_with_its_language(client, original):
    english = factories.QuoteFactory(
        speaker=original.speaker,
        text="We never sold so much grain",
        original_text="Getreide",
        original_language="de",
        translation_of=original,
    )

    tree = page(client.get(f"/quotes/{english.pk}/"))

    assert (
        texts(tree, "//div[@class='facts__row'][starts-with(dt, 'Original words')]/dt"),
        texts(tree, "//div[@class='facts__row'][dt='Translation of']/dd"),
        hrefs(tree, "//div[@class='facts__row'][dt='Translation of']//a"),
        tree.xpath("//div[@class='facts__row'][dt='Translations']"),
    ) == (
        ["Original words (German)"],
        ["German: “Wir haben noch nie so viel Getreide ins Ausland verkauft”"],
        [original.get_absolute_url()],
        [],
    )


def test_quote_page_shows_an_unknown_language_code_as_it_is(client, original):
    factories.QuoteFactory(
        speaker=original.speaker, text="Words", language="tlh", translation_of=original
    )

    tree = page(client.get(f"/quotes/{original.pk}/"))

    assert texts(tree, "//div[@class='facts__row'][dt='Translations']//li") == ["tlh: “Words”"]


@pytest.mark.parametrize("size", [1, 8])
def test_quote_page_with_translations_runs_a_fixed_number_of_queries(
    client, original, django_assert_num_queries, size
):
    for n in range(size):
        factories.QuoteFactory(speaker=original.speaker, text=f"Words {n}", translation_of=original)

    # The quote and speaker, roles, appearances, claims, topics, translations.
    with django_assert_num_queries(6):
        response = client.get(f"/quotes/{original.pk}/")

    assert len(page(response).xpath("//div[@class='facts__row'][dt='Translations']//li")) == size
