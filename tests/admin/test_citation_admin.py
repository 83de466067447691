import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains

from apps.claims.models import Citation
from tests.admin.helpers import form_data
from tests.factories import CitationFactory, ClaimFactory, SourceFactory

CHANGELIST = reverse("admin:claims_citation_changelist")
ADD = reverse("admin:claims_citation_add")


@pytest.mark.parametrize("rows", [1, 10])
def test_changelist_query_count_is_flat(superuser_client, django_assert_max_num_queries, rows):
    CitationFactory.create_batch(rows)

    with django_assert_max_num_queries(5):
        response = superuser_client.get(CHANGELIST)

    assert response.context["cl"].result_count == rows


def test_changelist_shows_the_match_of_each(superuser_client):
    CitationFactory()

    response = superuser_client.get(CHANGELIST)

    assertContains(response, '<td class="field-anchor_match">Exact</td>', html=True)
    assertContains(response, '<td class="field-anchor_similarity">100%</td>', html=True)


def test_needs_checking_filter_lists_passages_not_found(superuser_client):
    CitationFactory()
    missing = CitationFactory(exact="Exports fell sharply.")

    response = superuser_client.get(CHANGELIST, {"match": "needs_checking"})

    assert list(response.context["cl"].result_list) == [missing]


def test_add_refuses_a_citation_without_a_passage(superuser_client):
    data = form_data(superuser_client.get(ADD))
    data.update({"claim": ClaimFactory().pk, "source": SourceFactory().pk, "relation": "supports"})

    response = superuser_client.post(ADD, data)

    assert response.context["adminform"].form.errors == {
        "exact": ["Give the passage of the source to anchor."]
    }
    assert not Citation.objects.exists()


def test_change_page_shows_the_passage_found_in_the_source(superuser_client):
    citation = CitationFactory()

    response = superuser_client.get(reverse("admin:claims_citation_change", args=[citation.pk]))

    assertContains(response, '<div class="readonly">exports rose by 12% last year</div>', html=True)
