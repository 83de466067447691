import pytest
from django.urls import reverse

from apps.topics.models import Topic
from tests.admin.helpers import form_data
from tests.factories import TopicFactory

CHANGELIST = reverse("admin:topics_topic_changelist")
ADD = reverse("admin:topics_topic_add")


@pytest.mark.parametrize("rows", [1, 10])
def test_changelist_query_count_is_flat(superuser_client, django_assert_max_num_queries, rows):
    TopicFactory.create_batch(rows)

    with django_assert_max_num_queries(5):
        response = superuser_client.get(CHANGELIST)

    assert response.context["cl"].result_count == rows


def test_search_finds_a_topic_by_its_description(superuser_client):
    grain = TopicFactory(name="Agriculture", description="Harvests, grain and food prices.")
    TopicFactory(name="Elections", description="Votes and campaigns.")

    response = superuser_client.get(CHANGELIST, {"q": "grain"})

    assert list(response.context["cl"].result_list) == [grain]


def test_add_creates_a_topic_with_history_by_the_signed_in_user(superuser_client, superuser):
    data = form_data(superuser_client.get(ADD))
    data.update({"name": "Iran–Israel conflict", "slug": "iran-israel-conflict"})

    response = superuser_client.post(ADD, data)

    assert response.status_code == 302
    topic = Topic.objects.get(slug="iran-israel-conflict")
    assert [(row.history_type, row.history_user) for row in topic.history.all()] == [
        ("+", superuser)
    ]


def test_change_page_shows_the_topic(superuser_client):
    topic = TopicFactory(description="Harvests, grain and food prices.")

    response = superuser_client.get(reverse("admin:topics_topic_change", args=[topic.pk]))

    form = response.context["adminform"].form
    assert list(form.fields) == ["name", "slug", "description"]
    assert form.initial["description"] == "Harvests, grain and food prices."
