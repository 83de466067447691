"""Whatever an admin URL holds, the admin answers 400 (a control character, named), a 404,
or its page with a note on what it ignored: never a 500.

Found by an outside test: a NUL in a changelist filter (`?status=a%00b`) or in the
autocomplete's `term` reached PostgreSQL (500); an object id that is not one in a history
URL (`/admin/claims/claim/abc/history/`) and a value that is not an id in an add form's
prefilled field (`/admin/claims/citation/add/?source=abc`) raised ValueError (500) on
either database. The fuzz test walks every registered admin's changelist, add, change,
history and delete pages and the autocomplete, with arbitrary ids and parameters.
"""

import pytest
from django.contrib import admin
from django.contrib.messages import get_messages
from django.urls import reverse
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from apps.core.text import control_character
from tests import factories

ADMINS = sorted(admin.site._registry.items(), key=lambda item: item[0]._meta.label)


def urls(model) -> dict[str, str]:
    info = f"admin:{model._meta.app_label}_{model._meta.model_name}"
    return {
        "changelist": reverse(f"{info}_changelist"),
        "add": reverse(f"{info}_add"),
        "object": reverse(f"{info}_changelist") + "{id}/{view}",
    }


def parameter_names(model) -> list[str]:
    """What a changelist or an add form reads: field lookups, search, order, page."""
    names = ["q", "o", "p", "e", "_changelist_filters", "_to_field", "_popup", "next"]
    for field in model._meta.get_fields():
        if field.auto_created and not field.concrete:
            continue
        names += [field.name, f"{field.name}__exact", f"{field.name}__id__exact"]
    return names


def autocomplete_targets() -> list[tuple[str, str, str]]:
    return sorted(
        (model._meta.app_label, model._meta.model_name, name)
        for model, model_admin in admin.site._registry.items()
        for name in model_admin.autocomplete_fields
    )


VALUES = st.one_of(
    st.text(max_size=8),
    st.sampled_from(["abc", "0", "-1", "1", "9" * 30, "1,2", "1,abc", "", "published"]),
    st.text(alphabet=st.characters(max_codepoint=0x7F), max_size=3).map(lambda s: f"a{s}b"),
)
IDS = st.one_of(st.sampled_from(["1", "abc", "0", "9" * 30, "_5F", "1.5"]), st.text(max_size=6))


@pytest.fixture
def chief_client(client, db):
    """A superuser's client, with a record for every admin to show."""
    speaker = factories.SpeakerFactory()
    quote = factories.QuoteFactory(speaker=speaker)
    claim = factories.PublishedClaimFactory(claimant=speaker, quote=quote)
    factories.CitationFactory(claim=claim)
    factories.AppearanceFactory(quote=quote)
    client.force_login(factories.UserFactory(username="chief", is_superuser=True, is_staff=True))
    return client


def has_control_character(parameters) -> bool:
    return any(control_character(f"{name}{value}") for name, value in parameters)


@pytest.mark.slow
@settings(
    max_examples=400,
    derandomize=True,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
@example(data=None)
def test_no_admin_url_makes_the_admin_fail(chief_client, data):
    if data is None:  # the outside test's find
        url, parameters = "/admin/claims/claim/", [("status", "a\x00b")]
    else:
        model, _ = data.draw(st.sampled_from(ADMINS))
        kind = data.draw(st.sampled_from(["changelist", "add", "object", "autocomplete"]))
        if kind == "autocomplete":
            app_label, model_name, field = data.draw(st.sampled_from(autocomplete_targets()))
            url = reverse("admin:autocomplete")
            parameters = [
                ("app_label", app_label),
                ("model_name", model_name),
                ("field_name", field),
                ("term", data.draw(VALUES)),
            ]
        else:
            url = urls(model)[kind].format(
                id=data.draw(IDS).replace("/", ""),
                view=data.draw(
                    st.sampled_from(
                        ["change/", "history/", "delete/", "", "history/1/", "history/abc/"]
                    )
                ),
            )
            names = st.sampled_from(parameter_names(model))
            parameters = data.draw(st.lists(st.tuples(names, VALUES), max_size=3))

    response = chief_client.get(url, parameters)

    if control_character(url):  # no page has such an address
        assert response.status_code == 404
    elif has_control_character(parameters):
        assert response.status_code == 400
    else:
        # 400: Django's own refusal of a `_to_field` the admin does not allow.
        assert response.status_code in {200, 302, 400, 403, 404}


def test_a_nul_in_the_autocomplete_term_answers_400(chief_client):
    response = chief_client.get(
        reverse("admin:autocomplete"),
        {"app_label": "claims", "model_name": "claim", "field_name": "claimant", "term": "\x00"},
    )

    assert response.status_code == 400


@pytest.mark.parametrize("object_id", ["abc", "1.5", "_5F"])
def test_a_history_url_with_an_id_that_is_not_one_says_so(chief_client, object_id):
    response = chief_client.get(f"/admin/claims/claim/{object_id}/history/", follow=True)

    assert [str(message) for message in get_messages(response.wsgi_request)] == [
        f"claim with ID “{object_id.replace('_5F', '_')}” doesn’t exist. Perhaps it was deleted?"
    ]


@pytest.mark.parametrize("ids", [("abc", "1"), ("1", "abc"), ("9" * 30, "1"), ("1", "9" * 30)])
def test_a_past_version_url_with_ids_that_are_not_ones_answers_404(chief_client, ids):
    object_id, version_id = ids

    response = chief_client.get(f"/admin/claims/claim/{object_id}/history/{version_id}/")

    assert response.status_code == 404


def test_an_add_form_ignores_a_prefilled_value_that_is_not_an_id_and_says_so(chief_client):
    source = factories.SourceFactory()

    response = chief_client.get(
        "/admin/claims/citation/add/", {"source": "abc", "claim": "1,2", "note": "Kept."}
    )

    form = response.context["adminform"].form
    assert (response.status_code, form.initial, source.pk) == (
        200,
        {"note": "Kept."},
        source.pk,
    )
    assert [str(message) for message in get_messages(response.wsgi_request)] == [
        "Ignored “source” in the address: “abc” is not the id of a source.",
        "Ignored “claim” in the address: “1,2” is not the id of a claim.",
    ]
