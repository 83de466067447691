import pytest

from apps.sources.models import Publisher
from tests.api.helpers import api, error, etag, results
from tests.factories import PublisherFactory, SourceFactory

LIST = "/api/v1/publishers/"


def detail(publisher) -> str:
    return f"/api/v1/publishers/{publisher.pk}/"


def test_publisher_detail_answers_its_whole_representation(anon):
    publisher = PublisherFactory(name="Daily", slug="daily", home_page="https://daily.example/")

    body = anon.get(detail(publisher)).json()

    assert body == {
        "id": publisher.pk,
        "api_url": api(f"publishers/{publisher.pk}/"),
        "name": "Daily",
        "slug": "daily",
        "home_page": "https://daily.example/",
        "sources_url": api("sources/?publisher=daily"),
        "created_at": body["created_at"],
        "updated_at": body["updated_at"],
    }


def test_publishers_are_found_with_q(anon):
    PublisherFactory(name="Daily Planet")
    PublisherFactory(name="Weekly")

    assert [item["name"] for item in results(anon.get(LIST, {"q": "planet"}))] == ["Daily Planet"]


def test_publisher_update_by_editor_changes_its_home_page(api_editor):
    publisher = PublisherFactory()

    response = api_editor.put(
        detail(publisher),
        {"name": publisher.name, "home_page": "https://new.example/"},
        HTTP_IF_MATCH=etag(api_editor, detail(publisher)),
    )

    publisher.refresh_from_db()
    assert (response.status_code, publisher.home_page) == (200, "https://new.example/")


def test_publisher_delete_with_sources_answers_409(api_editor):
    publisher = PublisherFactory()
    SourceFactory(publisher=publisher)

    response = api_editor.delete(
        detail(publisher), HTTP_IF_MATCH=etag(api_editor, detail(publisher))
    )

    assert error(response) == (409, [(None, "protected")])


@pytest.mark.parametrize(
    ("client_name", "expected"), [("anon", 401), ("outsider", 403), ("api_editor", 201)]
)
def test_publisher_create_access(db, request, client_name, expected):
    client = request.getfixturevalue(client_name)

    response = client.post(LIST, {"name": "Gazette"})

    assert (response.status_code, Publisher.objects.filter(name="Gazette").exists()) == (
        expected,
        expected == 201,
    )


@pytest.mark.parametrize("rows", [1, 12])
def test_publisher_list_query_count_is_flat(anon, django_assert_num_queries, rows):
    for _ in range(rows):
        PublisherFactory()

    with django_assert_num_queries(2):
        assert len(results(anon.get(LIST))) == rows


@pytest.mark.parametrize("rows", [1, 12])
def test_publisher_detail_query_count_is_flat(anon, django_assert_num_queries, rows):
    publisher = PublisherFactory()
    for _ in range(rows):
        SourceFactory(publisher=publisher)

    with django_assert_num_queries(2):
        assert anon.get(detail(publisher)).json()["id"] == publisher.pk
