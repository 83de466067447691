import pytest
from django.urls import reverse

from tests.admin.helpers import form_data
from tests.factories import ClaimFactory, CorrectionFactory, rating

CHANGELIST = reverse("admin:claims_correction_changelist")


@pytest.mark.parametrize("rows", [1, 10])
def test_changelist_query_count_is_flat(superuser_client, django_assert_max_num_queries, rows):
    CorrectionFactory.create_batch(rows, rating_before=rating("true"), rating_after=rating("false"))

    with django_assert_max_num_queries(5):
        response = superuser_client.get(CHANGELIST)

    assert response.context["cl"].result_count == rows


def test_search_finds_a_correction_by_its_note(superuser_client):
    correction = CorrectionFactory(note="The ministry revised its figure to 9%.")
    CorrectionFactory(note="A typo in the summary was fixed.")

    response = superuser_client.get(CHANGELIST, {"q": "ministry"})

    assert list(response.context["cl"].result_list) == [correction]


def test_change_page_shows_the_correction(superuser_client):
    correction = CorrectionFactory(rating_before=rating("true"), rating_after=rating("false"))

    response = superuser_client.get(reverse("admin:claims_correction_change", args=[correction.pk]))

    form = response.context["adminform"].form
    assert list(form.fields) == ["claim", "date", "note", "rating_before", "rating_after"]
    assert (form.initial["rating_before"], form.initial["rating_after"]) == (
        rating("true").pk,
        rating("false").pk,
    )


def test_add_creates_a_correction_of_the_chosen_claim(superuser_client):
    claim = ClaimFactory()
    add = reverse("admin:claims_correction_add")
    data = form_data(superuser_client.get(add))
    data.update(
        {
            "claim": claim.pk,
            "date": "2025-06-20",
            "note": "The ministry revised its figure to 9%.",
            "rating_before": rating("true").pk,
            "rating_after": rating("mostly-false").pk,
        }
    )

    response = superuser_client.post(add, data)

    assert response.status_code == 302
    correction = claim.corrections.get()
    assert (str(correction.date), correction.rating_before, correction.rating_after) == (
        "2025-06-20",
        rating("true"),
        rating("mostly-false"),
    )
