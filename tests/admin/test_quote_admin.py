import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains

from apps.quotes.models import Quote
from tests.admin.helpers import autocomplete, form_data
from tests.factories import (
    ARTICLE_TEXT,
    AppearanceFactory,
    ClaimFactory,
    QuoteFactory,
    SourceFactory,
    SpeakerAliasFactory,
    SpeakerFactory,
    TopicFactory,
    arranged,
)

CHANGELIST = reverse("admin:quotes_quote_changelist")
ADD = reverse("admin:quotes_quote_add")
WORDS = "We have never sold more grain abroad,"


def change_url(quote: Quote) -> str:
    return reverse("admin:quotes_quote_change", args=[quote.pk])


def add_data(superuser_client, **appearance) -> dict:
    """The add form filled in with one quote and one appearance row."""
    data = form_data(superuser_client.get(ADD))
    data.update({"text": WORDS, "speaker": SpeakerFactory().pk, "appearances-TOTAL_FORMS": "1"})
    data.update({f"appearances-0-{name}": value for name, value in appearance.items()})
    return data


@pytest.mark.parametrize("rows", [1, 10])
def test_changelist_query_count_is_flat(superuser_client, django_assert_max_num_queries, rows):
    for _ in range(rows):
        quote = AppearanceFactory().quote
        with arranged():
            quote.topics.set([TopicFactory()])

    with django_assert_max_num_queries(7):
        response = superuser_client.get(CHANGELIST)

    assert response.context["cl"].result_count == rows


def test_changelist_shows_the_speaker_as_named_when_none_is_linked(superuser_client):
    QuoteFactory(speaker=None, speaker_name="A ministry spokesman")

    response = superuser_client.get(CHANGELIST)

    assertContains(
        response, '<td class="field-speaker_column">A ministry spokesman</td>', html=True
    )


def test_search_finds_a_quote_by_its_speakers_name(superuser_client):
    quote = QuoteFactory(speaker__name="Vladimir Putin")
    QuoteFactory(speaker__name="Donald Trump")

    response = superuser_client.get(CHANGELIST, {"q": "putin"})

    assert list(response.context["cl"].result_list) == [quote]


def test_filter_by_topic_lists_only_its_quotes(superuser_client):
    grain = TopicFactory(name="Grain")
    quote, other = QuoteFactory.create_batch(2)
    with arranged():
        quote.topics.set([grain])
        other.topics.set([TopicFactory()])

    response = superuser_client.get(CHANGELIST, {"topics__id__exact": grain.pk})

    assert list(response.context["cl"].result_list) == [quote]


def test_speaker_autocomplete_finds_a_speaker_by_alias(superuser_client):
    putin = SpeakerFactory(name="Vladimir Putin")
    SpeakerAliasFactory(speaker=putin, name="the Russian President")
    SpeakerAliasFactory(speaker=putin, name="the President of Russia")

    results = autocomplete(superuser_client, "quotes.quote.speaker", "president")

    assert results == [{"id": str(putin.pk), "text": "Vladimir Putin"}]


def test_source_autocomplete_of_the_appearance_inline_finds_a_source_by_title(superuser_client):
    source = SourceFactory(title="Grain exports at record high")
    SourceFactory(title="Election results")

    results = autocomplete(superuser_client, "quotes.appearance.source", "record")

    assert results == [{"id": str(source.pk), "text": "Grain exports at record high"}]


def test_add_page_offers_an_appearance_row_with_its_match(superuser_client):
    response = superuser_client.get(ADD)

    (appearances,) = response.context["inline_admin_formsets"]
    assert list(appearances.formset.form.base_fields) == ["source", "exact"]
    assert [field.__name__ for field in appearances.readonly_fields] == [
        "anchor_match",
        "found_passage",
        "anchor_similarity",
    ]


def test_add_with_an_appearance_anchors_the_quotes_words(superuser_client):
    source = SourceFactory()

    response = superuser_client.post(ADD, add_data(superuser_client, source=source.pk, exact=""))

    assert response.status_code == 302
    appearance = Quote.objects.get().appearances.get()
    start = ARTICLE_TEXT.index(WORDS)
    assert (appearance.exact, appearance.match, appearance.start, appearance.end) == (
        WORDS,
        "exact",
        start,
        start + len(WORDS),
    )


def test_add_with_an_appearance_in_other_words_anchors_them_approximately(superuser_client):
    source = SourceFactory()
    other_words = "We have never sold so much grain abroad,"

    superuser_client.post(ADD, add_data(superuser_client, source=source.pk, exact=other_words))

    appearance = Quote.objects.get().appearances.get()
    assert (appearance.exact, appearance.match) == (other_words, "approximate")


def test_add_with_an_appearance_records_history_by_the_signed_in_user(superuser_client, superuser):
    source = SourceFactory()

    superuser_client.post(ADD, add_data(superuser_client, source=source.pk, exact=""))

    appearance = Quote.objects.get().appearances.get()
    assert [(row.history_type, row.history_user) for row in appearance.history.all()] == [
        ("+", superuser)
    ]


def test_change_page_shows_each_appearances_match_beside_it(superuser_client):
    appearance = AppearanceFactory()
    AppearanceFactory(quote=appearance.quote, exact="Exports fell sharply.")

    response = superuser_client.get(change_url(appearance.quote))

    assertContains(response, '<td class="field-anchor_match"><p>Exact</p></td>', html=True)
    assertContains(response, f'<td class="field-found_passage"><p>{WORDS}</p></td>', html=True)
    assertContains(response, '<td class="field-anchor_similarity"><p>100%</p></td>', html=True)
    assertContains(response, '<td class="field-anchor_match"><p>Not found</p></td>', html=True)
    assertContains(response, '<td class="field-anchor_similarity"><p>0%</p></td>', html=True)


def test_delete_is_refused_while_a_claim_is_drawn_from_the_quote(superuser_client):
    quote = QuoteFactory()
    ClaimFactory(quote=quote)

    response = superuser_client.post(
        reverse("admin:quotes_quote_delete", args=[quote.pk]), {"post": "yes"}
    )

    assert response.context["protected_message"] == (
        f"Cannot delete quote “{quote}”: 1 claim points to it. Remove or reassign them first."
    )
    assert Quote.objects.filter(pk=quote.pk).exists()


def test_add_refuses_two_appearances_in_the_same_source(superuser_client):
    source = SourceFactory()
    data = add_data(superuser_client, source=source.pk, exact="")
    data.update({"appearances-TOTAL_FORMS": "2", "appearances-1-source": source.pk})

    response = superuser_client.post(ADD, data)

    (appearances,) = response.context["inline_admin_formsets"]
    assert appearances.formset.non_form_errors() == [
        "Please correct the duplicate data for source."
    ]
    assert not Quote.objects.exists()
