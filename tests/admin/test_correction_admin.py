import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains

from tests.factories import ClaimFactory, CorrectionFactory, rating

CHANGELIST = reverse("admin:claims_correction_changelist")


def change_url(correction) -> str:
    return reverse("admin:claims_correction_change", args=[correction.pk])


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


def test_change_page_shows_the_correction_read_only(superuser_client):
    correction = CorrectionFactory(rating_before=rating("true"), rating_after=rating("false"))

    response = superuser_client.get(change_url(correction))

    # A correction is written by the service that made the change it records: shown, not edited.
    adminform = response.context["adminform"]
    assert (list(adminform.form.fields), list(adminform.readonly_fields)) == (
        [],
        ["claim", "kind", "date", "note", "rating_before", "rating_after"],
    )
    rating_after = reverse("admin:claims_rating_change", args=[rating("false").pk])
    assertContains(
        response, f'<div class="readonly"><a href="{rating_after}">False</a></div>', html=True
    )


def test_corrections_cannot_be_added_changed_or_deleted(superuser_client):
    claim = ClaimFactory()
    correction = CorrectionFactory(claim=claim, note="The ministry revised its figure to 9%.")

    responses = [
        superuser_client.get(reverse("admin:claims_correction_add")),
        superuser_client.post(
            reverse("admin:claims_correction_add"), {"claim": claim.pk, "note": "Added."}
        ),
        superuser_client.post(change_url(correction), {"note": "Rewritten."}),
        superuser_client.post(
            reverse("admin:claims_correction_delete", args=[correction.pk]), {"post": "yes"}
        ),
    ]

    assert [response.status_code for response in responses] == [403, 403, 403, 403]
    assert [c.note for c in claim.corrections.all()] == ["The ministry revised its figure to 9%."]
