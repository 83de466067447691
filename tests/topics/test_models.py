"""The Topic model: its order, its name on screen and its page, and the database's own
refusals (which the services turn into messages before they are reached)."""

import pytest
from django.db import IntegrityError

from apps.topics.models import Topic
from tests.factories import TopicFactory, arranged


def test_topics_are_listed_by_name(db):
    trade = TopicFactory(name="Trade")
    elections = TopicFactory(name="Elections")
    agriculture = TopicFactory(name="Agriculture")

    assert list(Topic.objects.all()) == [agriculture, elections, trade]


def test_a_topic_is_shown_by_its_name_and_lives_at_its_slug(db):
    topic = TopicFactory(name="Iran–Israel conflict", slug="iran-israel-conflict")

    assert (str(topic), topic.get_absolute_url()) == (
        "Iran–Israel conflict",
        "/topics/iran-israel-conflict/",
    )


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ({"name": "Trade", "slug": "trade"}, {"name": "Trade", "slug": "commerce"}),
        ({"name": "Trade", "slug": "trade"}, {"name": "Commerce", "slug": "trade"}),
    ],
    ids=["name", "slug"],
)
def test_the_database_refuses_a_second_topic_with_the_same_name_or_slug(db, first, second):
    TopicFactory(**first)

    with pytest.raises(IntegrityError), arranged():
        Topic.objects.create(**second)
