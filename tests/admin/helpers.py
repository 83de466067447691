"""Reading an admin form back as the POST data a browser would send for it, and signing
in as each role."""

from django import forms
from django.contrib.auth.models import Group
from django.urls import reverse

from tests.factories import UserFactory


def form_data(response) -> dict:
    """The admin change (or add) form in `response`, as POST data, with nothing changed.

    Inline formsets keep their existing rows only; a test adds a row by raising the
    formset's TOTAL_FORMS and filling in that row's fields.
    """
    data = {}
    _add_form(data, response.context["adminform"].form)
    for inline in response.context.get("inline_admin_formsets", []):
        formset = inline.formset
        initial_forms = formset.initial_form_count()
        prefix = formset.prefix
        data[f"{prefix}-TOTAL_FORMS"] = str(initial_forms)
        data[f"{prefix}-INITIAL_FORMS"] = str(initial_forms)
        data[f"{prefix}-MIN_NUM_FORMS"] = "0"
        data[f"{prefix}-MAX_NUM_FORMS"] = "1000"
        for form in formset.forms[:initial_forms]:
            _add_form(data, form)
    return data


def _add_form(data: dict, form: forms.BaseForm) -> None:
    for name, field in form.fields.items():
        value = form[name].value()
        if value is None or value is False:
            continue
        widget = field.widget
        if isinstance(widget, forms.MultiWidget):
            for index, part in enumerate(widget.decompress(value)):
                if part is not None:
                    data[f"{form.add_prefix(name)}_{index}"] = str(part)
        elif isinstance(value, list | tuple):
            data[form.add_prefix(name)] = [str(item) for item in value]
        else:
            data[form.add_prefix(name)] = str(value)


def autocomplete(client, field: str, term: str) -> list[dict]:
    """The results the admin's autocomplete gives for `field` ("app.model.field") and `term`."""
    app_label, model_name, field_name = field.split(".")
    response = client.get(
        reverse("admin:autocomplete"),
        {"app_label": app_label, "model_name": model_name, "field_name": field_name, "term": term},
    )
    return response.json()["results"]


def signed_in(client, role: str | None = None, **user_fields):
    """`client` signed in as a new staff user in the group `role` ("Editor", "Reviewer"),
    or in none; `is_superuser=True` makes a superuser."""
    user = UserFactory(is_staff=True, **user_fields)
    if role is not None:
        user.groups.add(Group.objects.get(name=role))
    client.force_login(user)
    return client


def messages_of(response) -> list[str]:
    return [str(message) for message in response.context["messages"]]
