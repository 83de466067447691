import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains

from apps.speakers.models import Speaker
from tests.admin.helpers import form_data
from tests.factories import QuoteFactory, SpeakerAliasFactory, SpeakerFactory, SpeakerRoleFactory

CHANGELIST = reverse("admin:speakers_speaker_changelist")


def change_url(speaker: Speaker) -> str:
    return reverse("admin:speakers_speaker_change", args=[speaker.pk])


@pytest.mark.parametrize("rows", [1, 10])
def test_changelist_query_count_is_flat(superuser_client, django_assert_max_num_queries, rows):
    for _ in range(rows):
        SpeakerAliasFactory()

    with django_assert_max_num_queries(5):
        response = superuser_client.get(CHANGELIST)

    assert response.context["cl"].result_count == rows


def test_changelist_links_the_wikidata_id(superuser_client):
    SpeakerFactory(name="Vladimir Putin", wikidata_id="Q7747")

    response = superuser_client.get(CHANGELIST)

    assertContains(
        response,
        '<td class="field-wikidata_link">'
        '<a href="https://www.wikidata.org/wiki/Q7747">Q7747</a></td>',
        html=True,
    )


def test_search_finds_a_speaker_by_alias(superuser_client):
    putin = SpeakerFactory(name="Vladimir Putin")
    SpeakerAliasFactory(speaker=putin, name="the Russian President")
    SpeakerAliasFactory(speaker=putin, name="the President of Russia")
    SpeakerFactory(name="Donald Trump")

    response = superuser_client.get(CHANGELIST, {"q": "president"})

    assert list(response.context["cl"].result_list) == [putin]


def test_add_page_offers_aliases_and_roles(superuser_client):
    response = superuser_client.get(reverse("admin:speakers_speaker_add"))

    prefixes = [inline.formset.prefix for inline in response.context["inline_admin_formsets"]]
    assert prefixes == ["aliases", "roles"]
    assert response.context["adminform"].prepopulated_fields[0]["field"].name == "slug"


def test_change_page_lists_the_speakers_aliases_and_roles(superuser_client):
    speaker = SpeakerFactory()
    alias = SpeakerAliasFactory(speaker=speaker, name="Putin")
    role = SpeakerRoleFactory(speaker=speaker, title="President", organisation="Russia")

    response = superuser_client.get(change_url(speaker))

    aliases, roles = (
        [form.instance for form in inline.formset.initial_forms]
        for inline in response.context["inline_admin_formsets"]
    )
    assert (aliases, roles) == ([alias], [role])


def test_change_writes_history_by_the_signed_in_user(superuser_client, superuser):
    speaker = SpeakerFactory(description="Prime Minister of Russia")
    data = form_data(superuser_client.get(change_url(speaker)))
    data["description"] = "President of Russia"

    response = superuser_client.post(change_url(speaker), data)

    assert response.status_code == 302
    latest = speaker.history.latest()
    assert (latest.history_type, latest.description, latest.history_user) == (
        "~",
        "President of Russia",
        superuser,
    )


def test_change_adds_an_alias_through_the_inline(superuser_client):
    speaker = SpeakerFactory()
    data = form_data(superuser_client.get(change_url(speaker)))
    data.update({"aliases-TOTAL_FORMS": "1", "aliases-0-name": "Putin"})

    superuser_client.post(change_url(speaker), data)

    assert list(speaker.aliases.values_list("name", flat=True)) == ["Putin"]


def test_delete_is_refused_while_a_quote_points_to_the_speaker(superuser_client):
    speaker = SpeakerFactory(name="Vladimir Putin")
    QuoteFactory(speaker=speaker)

    response = superuser_client.post(
        reverse("admin:speakers_speaker_delete", args=[speaker.pk]), {"post": "yes"}
    )

    assertContains(
        response,
        '<p class="errornote">Cannot delete speaker “Vladimir Putin”: 1 quote points to it. '
        "Remove or reassign them first.</p>",
        html=True,
    )
    assert Speaker.objects.filter(pk=speaker.pk).exists()


def test_history_page_lists_each_change_with_its_author(superuser_client, superuser):
    speaker = SpeakerFactory(description="Prime Minister of Russia")
    data = form_data(superuser_client.get(change_url(speaker)))
    data["description"] = "President of Russia"
    superuser_client.post(change_url(speaker), data)

    response = superuser_client.get(reverse("admin:speakers_speaker_history", args=[speaker.pk]))

    assert [
        (record.history_type, record.description, record.history_user)
        for record in response.context["page_obj"].object_list
    ] == [("~", "President of Russia", superuser), ("+", "Prime Minister of Russia", None)]
