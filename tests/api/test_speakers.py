import pytest

from apps.speakers.models import Speaker
from tests.api.helpers import api, error, etag, page, results
from tests.factories import QuoteFactory, SpeakerAliasFactory, SpeakerFactory, SpeakerRoleFactory

LIST = "/api/v1/speakers/"


def detail(speaker) -> str:
    return f"/api/v1/speakers/{speaker.pk}/"


def test_speaker_detail_answers_its_whole_representation(anon):
    speaker = SpeakerFactory(
        name="Vladimir Putin",
        slug="vladimir-putin",
        description="President of Russia",
        wikidata_id="Q7747",
    )
    SpeakerAliasFactory(speaker=speaker, name="Putin")
    SpeakerRoleFactory(speaker=speaker, title="President", organisation="Russia")

    body = anon.get(detail(speaker)).json()

    assert body == {
        "id": speaker.pk,
        "api_url": api(f"speakers/{speaker.pk}/"),
        "page_url": page("speakers/vladimir-putin/"),
        "name": "Vladimir Putin",
        "slug": "vladimir-putin",
        "kind": "person",
        "description": "President of Russia",
        "wikidata_id": "Q7747",
        "wikidata_url": "https://www.wikidata.org/wiki/Q7747",
        "aliases": ["Putin"],
        "roles": [{"title": "President", "organisation": "Russia", "start": None, "end": None}],
        "quotes_url": api("quotes/?speaker=vladimir-putin"),
        "claims_url": api("claims/?speaker=vladimir-putin"),
        "created_at": body["created_at"],
        "updated_at": body["updated_at"],
    }


def test_draft_speaker_is_in_no_list_and_answers_404_to_anonymous_clients(anon):
    draft = SpeakerFactory(status=Speaker.Status.DRAFT)
    public = SpeakerFactory()

    listed = [item["id"] for item in results(anon.get(LIST))]
    response = anon.get(detail(draft))

    assert (listed, error(response)) == ([public.pk], (404, [(None, "not_found")]))


def test_editor_sees_draft_speakers_with_their_status(api_editor):
    draft = SpeakerFactory(status=Speaker.Status.DRAFT)

    listed = results(api_editor.get(LIST, {"status": "draft"}))

    assert [(item["id"], item["status"]) for item in listed] == [(draft.pk, "draft")]


def test_anonymous_status_filter_finds_no_draft(anon):
    SpeakerFactory(status=Speaker.Status.DRAFT)

    assert results(anon.get(LIST, {"status": "draft"})) == []


def test_speakers_are_found_by_alias_with_q(anon):
    putin = SpeakerFactory(name="Vladimir Putin")
    SpeakerAliasFactory(speaker=putin, name="the Russian President")
    SpeakerFactory(name="Donald Trump")

    listed = results(anon.get(LIST, {"q": "russian president"}))

    assert [item["name"] for item in listed] == ["Vladimir Putin"]


def test_speaker_create_by_editor_saves_aliases_and_answers_201(api_editor, api_editor_user):
    response = api_editor.post(
        LIST, {"name": "Abbas Araqchi", "aliases": ["Araqchi"], "description": "Foreign Minister"}
    )

    speaker = Speaker.objects.get(name="Abbas Araqchi")
    assert (response.status_code, response["Location"], response.json()["aliases"]) == (
        201,
        api(f"speakers/{speaker.pk}/"),
        ["Araqchi"],
    )
    assert (speaker.slug, speaker.history.get().history_user) == ("abbas-araqchi", api_editor_user)
    # WSGI servers accept header values of type str only (not a subclass).
    assert type(response.headers["Location"]) is str


def test_speaker_create_without_a_name_answers_400_naming_the_field(api_editor):
    response = api_editor.post(LIST, {"aliases": ["X"]})

    assert error(response) == (400, [("name", "required")])


def test_speaker_create_with_a_malformed_wikidata_id_answers_400(api_editor):
    response = api_editor.post(LIST, {"name": "Someone", "wikidata_id": "Q01"})

    assert error(response)[0] == 400
    assert error(response)[1][0][0] == "wikidata_id"


def test_speaker_update_replaces_aliases(api_editor):
    speaker = SpeakerFactory()
    SpeakerAliasFactory(speaker=speaker, name="Old name")

    response = api_editor.patch(
        detail(speaker), {"aliases": ["New name"]}, HTTP_IF_MATCH=etag(api_editor, detail(speaker))
    )

    assert (response.status_code, response.json()["aliases"]) == (200, ["New name"])
    assert list(speaker.aliases.values_list("name", flat=True)) == ["New name"]


def test_speaker_delete_with_quotes_pointing_to_it_answers_409(api_editor):
    speaker = SpeakerFactory(name="Vladimir Putin")
    QuoteFactory(speaker=speaker)

    response = api_editor.delete(detail(speaker), HTTP_IF_MATCH=etag(api_editor, detail(speaker)))

    assert error(response) == (409, [(None, "protected")])
    assert "1 quote points to it" in response.json()["errors"][0]["detail"]
    assert Speaker.objects.filter(pk=speaker.pk).exists()


def test_speaker_delete_of_an_unreferenced_speaker_answers_204(api_editor):
    speaker = SpeakerFactory()

    response = api_editor.delete(detail(speaker), HTTP_IF_MATCH=etag(api_editor, detail(speaker)))

    assert (response.status_code, Speaker.objects.filter(pk=speaker.pk).exists()) == (204, False)


@pytest.mark.parametrize(
    ("client_name", "expected"),
    [("anon", 401), ("outsider", 403), ("api_editor", 201)],
)
def test_speaker_create_access(db, request, client_name, expected):
    client = request.getfixturevalue(client_name)

    response = client.post(LIST, {"name": "Ali Khamenei"})

    assert (response.status_code, Speaker.objects.filter(name="Ali Khamenei").exists()) == (
        expected,
        expected == 201,
    )


@pytest.mark.parametrize("client_name", ["anon", "outsider", "api_editor"])
def test_speaker_read_access_is_open_to_everyone(db, request, client_name):
    speaker = SpeakerFactory()
    client = request.getfixturevalue(client_name)

    assert client.get(detail(speaker)).json()["id"] == speaker.pk


@pytest.mark.parametrize("rows", [1, 12])
def test_speaker_list_query_count_is_flat(anon, django_assert_num_queries, rows):
    for _ in range(rows):
        speaker = SpeakerFactory()
        SpeakerAliasFactory(speaker=speaker)
        SpeakerRoleFactory(speaker=speaker)

    with django_assert_num_queries(4):
        listed = results(anon.get(LIST))

    assert len(listed) == rows


@pytest.mark.parametrize("rows", [1, 12])
def test_speaker_detail_query_count_is_flat(api_editor, django_assert_num_queries, rows):
    speaker = SpeakerFactory()
    for _ in range(rows):
        SpeakerAliasFactory(speaker=speaker)
        SpeakerRoleFactory(speaker=speaker)

    with django_assert_num_queries(8):
        body = api_editor.get(detail(speaker)).json()

    assert len(body["aliases"]) == rows
