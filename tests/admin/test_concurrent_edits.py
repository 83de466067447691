"""Two editors open the same object in the admin and both save: the second is told, with
their input kept in the form, and the first one's change stands (apps/core/admin_concurrency.py).
An API client's write and an editor's save go through the same check (apps/core/versions.py).

Locks between truly simultaneous saves are tested on PostgreSQL in
tests/ops/test_concurrent_writers.py.
"""

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from apps.core.admin_concurrency import VERSION_FIELD
from tests.admin.helpers import form_data
from tests.factories import ClaimFactory, QuoteFactory, SourceFactory, SpeakerFactory, UserFactory

User = get_user_model()

# Each curated model's change form, and a text field an editor may change on it.
CURATED = [
    pytest.param(ClaimFactory, "statement", id="claim"),
    pytest.param(QuoteFactory, "occasion", id="quote"),
    pytest.param(SourceFactory, "title", id="source"),
    pytest.param(SpeakerFactory, "description", id="speaker"),
]


def change_url(obj) -> str:
    meta = obj._meta
    return reverse(f"admin:{meta.app_label}_{meta.model_name}_change", args=[obj.pk])


def signed_in(username: str, first_name: str = "", last_name: str = "") -> Client:
    user = UserFactory(
        username=username,
        first_name=first_name,
        last_name=last_name,
        is_staff=True,
        is_superuser=True,
    )
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def ada(db):
    return signed_in("ada", "Ada", "Lovelace")


@pytest.fixture
def grace(db):
    return signed_in("grace")


def when(moment) -> str:
    local = timezone.localtime(moment)
    return f"{local:%H:%M:%S} {local.tzname()} on {local.day} {local:%b %Y}"


def conflict_message(obj, who: str) -> str:
    return (
        f"This {obj._meta.verbose_name} was changed by {who} at {when(obj.updated_at)}, "
        "after you opened it. Nothing of yours has been saved: your changes are still in "
        "the form below. Compare them with that version (History), then save again to "
        "replace it with yours, or reload the page to start from it."
    )


def errors_of(response) -> list[str]:
    return response.context["adminform"].form.non_field_errors()


@pytest.mark.parametrize(("factory", "field"), CURATED)
def test_second_save_of_the_same_version_is_refused_naming_who_changed_it(
    ada, grace, factory, field
):
    obj = factory()
    url = change_url(obj)
    adas = form_data(ada.get(url))
    graces = form_data(grace.get(url))
    adas[field] = "Ada's words."
    graces[field] = "Grace's words."

    first = ada.post(url, adas)
    second = grace.post(url, graces)

    obj.refresh_from_db()
    assert (first.status_code, second.status_code, getattr(obj, field)) == (
        302,
        200,
        "Ada's words.",
    )
    assert errors_of(second) == [conflict_message(obj, "Ada Lovelace (ada)")]


@pytest.mark.parametrize(("factory", "field"), CURATED)
def test_refused_form_keeps_what_the_second_editor_typed(ada, grace, factory, field):
    obj = factory()
    url = change_url(obj)
    graces = form_data(grace.get(url))
    adas = form_data(ada.get(url))
    adas[field] = "Ada's words."  # a save that changes nothing leaves a claim as it was
    ada.post(url, adas)
    graces[field] = "Grace's words."

    second = grace.post(url, graces)

    form = second.context["adminform"].form
    assert (form[field].value(), "Grace&#x27;s words." in second.content.decode()) == (
        "Grace's words.",
        True,
    )


def test_refused_form_carries_the_version_it_was_compared_with(ada, grace):
    claim = ClaimFactory()
    url = change_url(claim)
    graces = form_data(grace.get(url))
    adas = form_data(ada.get(url))
    adas["statement"] = "Ada's words."
    ada.post(url, adas)

    second = grace.post(url, graces)

    claim.refresh_from_db()
    rendered = f'name="{VERSION_FIELD}" value="{claim.updated_at.isoformat()}"'
    assert (second.status_code, rendered in second.content.decode()) == (200, True)


def test_saving_again_after_being_told_replaces_the_other_version(ada, grace):
    claim = ClaimFactory(statement="As created.")
    url = change_url(claim)
    adas = form_data(ada.get(url))
    graces = form_data(grace.get(url))
    adas["statement"] = "Ada's words."
    graces["statement"] = "Grace's words."
    ada.post(url, adas)
    refused = grace.post(url, graces)

    again = grace.post(url, form_data(refused))

    claim.refresh_from_db()
    statements = [row.statement for row in claim.history.order_by("history_date")]
    assert (again.status_code, claim.statement, statements) == (
        302,
        "Grace's words.",
        ["As created.", "Ada's words.", "Grace's words."],
    )


def test_saves_one_after_another_each_from_the_latest_version_pass(ada, grace):
    claim = ClaimFactory()
    url = change_url(claim)
    adas = form_data(ada.get(url))
    adas["statement"] = "Ada's words."
    ada.post(url, adas)
    graces = form_data(grace.get(url))
    graces["statement"] = "Grace's words."

    second = grace.post(url, graces)

    claim.refresh_from_db()
    assert (second.status_code, claim.statement) == (302, "Grace's words.")


def test_form_without_a_version_is_refused(ada):
    claim = ClaimFactory(statement="As created.")
    url = change_url(claim)
    data = form_data(ada.get(url))
    del data[VERSION_FIELD]
    data["statement"] = "Changed blind."

    response = ada.post(url, data)

    claim.refresh_from_db()
    assert (response.status_code, claim.statement) == (200, "As created.")
    assert errors_of(response) == [
        "This form does not say which version of the claim it was opened from, so saving it "
        "could undo another editor's change; it was last saved by someone else (an import "
        f"or a script) at {when(claim.updated_at)}."
    ]


def test_change_page_carries_the_loaded_version_in_a_hidden_field(ada):
    speaker = SpeakerFactory()

    response = ada.get(change_url(speaker))

    html = response.content.decode()
    hidden = (
        f'<input type="hidden" name="{VERSION_FIELD}" '
        f'value="{speaker.updated_at.isoformat()}" id="id_{VERSION_FIELD}">'
    )
    assert (response.status_code, hidden in html) == (200, True)


def test_add_form_has_no_version(ada):
    response = ada.get(reverse("admin:claims_claim_add"))

    assert VERSION_FIELD not in response.context["adminform"].form.fields


@pytest.fixture
def graces_api(grace):
    """Grace (a superuser, signed in to the admin too) as an API client, by her token."""
    user = User.objects.get(username="grace")
    token, _ = Token.objects.get_or_create(user=user)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    return client


def test_api_write_after_the_form_was_opened_is_not_overwritten(ada, graces_api):
    """The admin and the API go through one check: the API's write moves the version the
    form carries, so the form is refused as if another editor had saved."""
    speaker = SpeakerFactory(description="As created.")
    url = change_url(speaker)
    adas = form_data(ada.get(url))
    api_url = f"/api/v1/speakers/{speaker.pk}/"
    held = graces_api.get(api_url)["ETag"]
    graces_api.patch(api_url, {"description": "From the API."}, HTTP_IF_MATCH=held)
    adas["description"] = "Ada's words."

    response = ada.post(url, adas)

    speaker.refresh_from_db()
    assert (response.status_code, speaker.description) == (200, "From the API.")
    assert errors_of(response) == [conflict_message(speaker, "grace")]


def test_admin_save_makes_the_etag_an_api_client_holds_stale(ada, graces_api):
    speaker = SpeakerFactory(description="As created.")
    api_url = f"/api/v1/speakers/{speaker.pk}/"
    held = graces_api.get(api_url)["ETag"]
    adas = form_data(ada.get(change_url(speaker)))
    adas["description"] = "Ada's words."
    ada.post(change_url(speaker), adas)

    response = graces_api.patch(api_url, {"description": "From the API."}, HTTP_IF_MATCH=held)

    speaker.refresh_from_db()
    assert (response.status_code, response.json()["errors"][0]["code"], speaker.description) == (
        412,
        "precondition_failed",
        "Ada's words.",
    )
