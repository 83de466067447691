import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains

from apps.quotes.models import Appearance
from tests.admin.helpers import form_data
from tests.factories import AppearanceFactory, QuoteFactory, SourceFactory

CHANGELIST = reverse("admin:quotes_appearance_changelist")
ADD = reverse("admin:quotes_appearance_add")


@pytest.mark.parametrize("rows", [1, 10])
def test_changelist_query_count_is_flat(superuser_client, django_assert_max_num_queries, rows):
    AppearanceFactory.create_batch(rows)

    with django_assert_max_num_queries(5):
        response = superuser_client.get(CHANGELIST)

    assert response.context["cl"].result_count == rows


def test_changelist_shows_the_match_and_similarity_of_each(superuser_client):
    AppearanceFactory(exact="Exports fell sharply.")

    response = superuser_client.get(CHANGELIST)

    assertContains(response, '<td class="field-anchor_match">Not found</td>', html=True)
    assertContains(response, '<td class="field-anchor_similarity">0%</td>', html=True)


def test_needs_checking_filter_lists_approximate_and_missing_passages(superuser_client):
    source = SourceFactory()
    AppearanceFactory(source=source)
    approximate = AppearanceFactory(source=source, exact="We have never sold so much grain abroad")
    missing = AppearanceFactory(source=source, exact="Exports fell sharply.")

    response = superuser_client.get(CHANGELIST, {"match": "needs_checking"})

    assert set(response.context["cl"].result_list) == {approximate, missing}
    assert (approximate.match, missing.match) == ("approximate", "not_found")


def test_exact_filter_lists_only_exact_passages(superuser_client):
    exact = AppearanceFactory()
    AppearanceFactory(exact="Exports fell sharply.")

    response = superuser_client.get(CHANGELIST, {"match": "exact"})

    assert list(response.context["cl"].result_list) == [exact]


def test_add_with_a_blank_passage_anchors_the_quotes_words(superuser_client):
    quote, source = QuoteFactory(), SourceFactory()
    data = form_data(superuser_client.get(ADD))
    data.update({"quote": quote.pk, "source": source.pk, "exact": ""})

    response = superuser_client.post(ADD, data)

    assert response.status_code == 302
    appearance = Appearance.objects.get()
    assert (appearance.exact, appearance.match) == (quote.text, "exact")


def test_change_page_shows_the_passage_found_in_the_source(superuser_client):
    appearance = AppearanceFactory()

    response = superuser_client.get(reverse("admin:quotes_appearance_change", args=[appearance.pk]))

    assertContains(
        response,
        '<div class="readonly">We have never sold more grain abroad,</div>',
        html=True,
    )
    assertContains(response, '<div class="readonly">Exact</div>', html=True)
