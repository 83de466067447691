import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains

from apps.claims.models import Rating
from apps.claims.services import rating_create
from tests.factories import ClaimFactory, rating

CHANGELIST = reverse("admin:claims_rating_changelist")


@pytest.mark.parametrize("extra_rows", [1, 10])
def test_changelist_query_count_is_flat(
    superuser_client, django_assert_max_num_queries, extra_rows
):
    for number in range(extra_rows):
        # Off the 1–5 scale, like Unproven, so that any number of them may exist.
        rating_create(
            label=f"Verdict {number}",
            slug=f"verdict-{number}",
            description="A verdict off the scale.",
            colour="#5f6b7a",
            normalised_class="other",
        )

    with django_assert_max_num_queries(5):
        response = superuser_client.get(CHANGELIST)

    assert response.context["cl"].result_count == 6 + extra_rows


def test_changelist_shows_each_colour_as_a_badge_with_its_label(superuser_client):
    response = superuser_client.get(CHANGELIST)

    assertContains(
        response,
        '<td class="field-badge"><svg class="rating-swatch" width="14" height="14" '
        'viewBox="0 0 1 1" aria-hidden="true"><rect width="1" height="1" fill="#c62828"/>'
        "</svg> False <code>#c62828</code></td>",
        html=True,
    )


def test_changelist_lists_the_scale_best_first(superuser_client):
    response = superuser_client.get(CHANGELIST)

    assert [row.label for row in response.context["cl"].result_list] == [
        "True",
        "Mostly true",
        "Half true",
        "Mostly false",
        "False",
        "Unproven",
    ]


def test_change_page_shows_the_rating(superuser_client):
    false = rating("false")

    response = superuser_client.get(reverse("admin:claims_rating_change", args=[false.pk]))

    form = response.context["adminform"].form
    assert list(form.fields) == [
        "label",
        "slug",
        "score",
        "normalised_class",
        "colour",
        "description",
    ]
    assert (form.initial["colour"], form.initial["normalised_class"]) == ("#c62828", "false")


def test_delete_is_refused_while_a_claim_has_the_rating(superuser_client):
    false = rating("false")
    ClaimFactory.create_batch(2, rating=false)

    response = superuser_client.post(
        reverse("admin:claims_rating_delete", args=[false.pk]), {"post": "yes"}
    )

    assertContains(
        response,
        '<p class="errornote">Cannot delete rating “False”: 2 claims point to it. '
        "Remove or reassign them first.</p>",
        html=True,
    )
    assert Rating.objects.filter(pk=false.pk).exists()


def test_add_page_prepopulates_the_slug_from_the_label(superuser_client):
    response = superuser_client.get(reverse("admin:claims_rating_add"))

    (prepopulated,) = response.context["adminform"].prepopulated_fields
    assert (prepopulated["field"].name, [field.name for field in prepopulated["dependencies"]]) == (
        "slug",
        ["label"],
    )
