import pytest

from apps.claims.models import Claim
from apps.topics.models import Topic
from tests.api.helpers import api, etag, page, published_claim, results
from tests.factories import TopicFactory, arranged

LIST = "/api/v1/topics/"


def detail(topic) -> str:
    return f"/api/v1/topics/{topic.pk}/"


def filed_claim(topic) -> Claim:
    claim = published_claim()
    with arranged():
        claim.topics.set([topic])
    return claim


def test_topic_detail_answers_its_whole_representation(anon):
    topic = TopicFactory(name="Trade", slug="trade", description="Exports and imports.")

    body = anon.get(detail(topic)).json()

    assert body == {
        "id": topic.pk,
        "api_url": api(f"topics/{topic.pk}/"),
        "page_url": page("topics/trade/"),
        "name": "Trade",
        "slug": "trade",
        "description": "Exports and imports.",
        "claims_url": api("claims/?topic=trade"),
        "quotes_url": api("quotes/?topic=trade"),
        "created_at": body["created_at"],
        "updated_at": body["updated_at"],
    }


def test_topic_claims_url_lists_the_topics_published_claims(anon):
    topic = TopicFactory()
    claim = filed_claim(topic)
    published_claim()

    body = anon.get(detail(topic)).json()

    assert [item["id"] for item in results(anon.get(body["claims_url"]))] == [claim.pk]


def test_topic_create_makes_a_slug_from_the_name(api_editor):
    response = api_editor.post(LIST, {"name": "Grain exports"})

    assert (response.status_code, response.json()["slug"]) == (201, "grain-exports")


def test_topic_delete_unfiles_its_claims(api_editor):
    topic = TopicFactory()
    claim = filed_claim(topic)

    response = api_editor.delete(detail(topic), HTTP_IF_MATCH=etag(api_editor, detail(topic)))

    assert (response.status_code, list(claim.topics.all())) == (204, [])


@pytest.mark.parametrize(
    ("client_name", "expected"), [("anon", 401), ("outsider", 403), ("api_editor", 200)]
)
def test_topic_update_access(db, request, client_name, expected):
    topic = TopicFactory(name="Before")
    client = request.getfixturevalue(client_name)

    response = client.patch(
        detail(topic), {"name": "After"}, HTTP_IF_MATCH=etag(client, detail(topic))
    )

    assert (response.status_code, Topic.objects.get(pk=topic.pk).name) == (
        expected,
        "After" if expected == 200 else "Before",
    )


@pytest.mark.parametrize("rows", [1, 12])
def test_topic_list_query_count_is_flat(anon, django_assert_num_queries, rows):
    for _ in range(rows):
        TopicFactory()

    with django_assert_num_queries(2):
        assert len(results(anon.get(LIST))) == rows


@pytest.mark.parametrize("rows", [1, 12])
def test_topic_detail_query_count_is_flat(anon, django_assert_num_queries, rows):
    topic = TopicFactory()
    for _ in range(rows):
        filed_claim(topic)

    with django_assert_num_queries(2):
        assert anon.get(detail(topic)).json()["id"] == topic.pk
