"""Near-duplicate claims in the admin: the claim page lists the existing claims most like
the one being written, and saving a near-duplicate asks the editor to confirm."""

import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from apps.claims.models import Claim
from tests.admin.helpers import form_data
from tests.factories import ClaimFactory, PublishedClaimFactory

ADD = reverse("admin:claims_claim_add")
EXISTING = "Russia exported a record 60 million tonnes of grain last season."
REWORDED = "Russia exported a record 60 million tonnes of grain in the last season."
UNRELATED = "The central bank raised its key interest rate to 21 percent."
CHECKBOX = (
    '<div class="checkbox-row"><input type="checkbox" name="not_a_duplicate" aria-invalid="true" '
    'aria-describedby="id_not_a_duplicate_helptext id_not_a_duplicate_error" '
    'id="id_not_a_duplicate"> <label for="id_not_a_duplicate" class="vCheckboxLabel">'
    "I checked, this is not a duplicate</label></div>"
)


@pytest.fixture(autouse=True)
def _meaning_weighs_half(settings):
    # The similarities below are the words' and the meaning's, half each (docs/search.md).
    settings.CLAIM_MATCHING_SEMANTIC_WEIGHT = 0.5


def change_url(claim: Claim) -> str:
    return reverse("admin:claims_claim_change", args=[claim.pk])


def add_data(client, statement: str, slug: str) -> dict:
    data = form_data(client.get(ADD))
    data.update({"statement": statement, "slug": slug})
    return data


def test_adding_a_near_duplicate_asks_for_confirmation_first(superuser_client):
    ClaimFactory(statement=EXISTING)

    response = superuser_client.post(ADD, add_data(superuser_client, REWORDED, "record-grain"))

    assert response.context["adminform"].form.errors == {
        "not_a_duplicate": [
            f"This statement reads like an existing claim: “{EXISTING}” (99% similar). Read "
            "the similar claims listed here; if yours is a different claim, tick the box and "
            "save again."
        ]
    }
    assertContains(response, CHECKBOX, html=True)
    assert list(Claim.objects.values_list("statement", flat=True)) == [EXISTING]


def test_a_near_duplicate_is_saved_once_the_editor_confirms(superuser_client):
    ClaimFactory(statement=EXISTING)
    data = add_data(superuser_client, REWORDED, "record-grain")
    data["not_a_duplicate"] = "on"

    response = superuser_client.post(ADD, data)

    assert response.status_code == 302
    assert sorted(Claim.objects.values_list("statement", flat=True)) == sorted([EXISTING, REWORDED])


def test_a_statement_unlike_any_other_is_saved_without_asking(superuser_client):
    ClaimFactory(statement=EXISTING)

    response = superuser_client.post(ADD, add_data(superuser_client, UNRELATED, "key-rate"))

    assert response.status_code == 302
    assert Claim.objects.filter(statement=UNRELATED).exists()


def test_drafts_count_as_duplicates_too(superuser_client):
    draft = ClaimFactory(statement=EXISTING, status=Claim.Status.DRAFT)

    response = superuser_client.post(ADD, add_data(superuser_client, REWORDED, "record-grain"))

    matches = response.context["similar_claims"]["matches"]
    assert [(m["claim"], m["near_duplicate"]) for m in matches] == [(draft, True)]


def test_the_refused_form_lists_the_similar_claims_with_links(superuser_client):
    existing = PublishedClaimFactory(statement=EXISTING)

    response = superuser_client.post(ADD, add_data(superuser_client, REWORDED, "record-grain"))

    assert response.context["similar_claims"] == {
        "matches": [
            {
                "claim": existing,
                "similarity": "99%",
                "near_duplicate": True,
                "url": change_url(existing),
            }
        ],
        "ask": True,
    }


def test_the_change_page_lists_the_claims_most_like_it_but_not_itself(superuser_client):
    existing = ClaimFactory(statement=EXISTING)
    reworded = ClaimFactory(statement=REWORDED)

    response = superuser_client.get(change_url(reworded))

    matches = response.context["similar_claims"]["matches"]
    assert [(m["claim"], m["similarity"], m["near_duplicate"]) for m in matches] == [
        (existing, "99%", True)
    ]
    assert response.context["similar_claims"]["ask"] is False
    assertNotContains(response, 'name="not_a_duplicate"')


def test_the_change_page_says_when_no_claim_is_like_it(superuser_client):
    claim = ClaimFactory(statement=UNRELATED)

    response = superuser_client.get(change_url(claim))

    assertContains(
        response, '<p class="help">No existing claim reads like this one.</p>', html=True
    )


def test_the_empty_add_page_shows_no_similar_claims(superuser_client):
    response = superuser_client.get(ADD)

    assert response.context["similar_claims"] is None
    assertNotContains(response, 'id="similar-claims"')


def test_editing_a_claim_without_changing_its_statement_is_not_asked(superuser_client):
    ClaimFactory(statement=EXISTING)
    reworded = ClaimFactory(statement=REWORDED)
    data = form_data(superuser_client.get(change_url(reworded)))
    data["summary"] = "The ministry's own figure."

    response = superuser_client.post(change_url(reworded), data)

    assert response.status_code == 302
    reworded.refresh_from_db()
    assert reworded.summary == "The ministry's own figure."


def test_changing_a_statement_into_a_near_duplicate_asks_for_confirmation(superuser_client):
    ClaimFactory(statement=EXISTING)
    claim = ClaimFactory(statement=UNRELATED)
    data = form_data(superuser_client.get(change_url(claim)))
    data["statement"] = REWORDED

    response = superuser_client.post(change_url(claim), data)

    assert list(response.context["adminform"].form.errors) == ["not_a_duplicate"]
    claim.refresh_from_db()
    assert claim.statement == UNRELATED
