"""/topics/: topics that public claims or quotes are filed under."""

import pytest

from tests import factories
from tests.factories import arranged
from tests.web.helpers import page, texts


def test_topic_list_shows_topics_with_public_content_and_counts(client, db):
    trade = factories.TopicFactory(name="Trade")
    only_drafts = factories.TopicFactory(name="Only drafts")
    with arranged():
        factories.PublishedClaimFactory().topics.set([trade])
        factories.QuoteFactory().topics.set([trade])
        factories.ClaimFactory().topics.set([only_drafts])

    tree = page(client.get("/topics/"))

    assert texts(tree, "//main//li") == ["Trade 1 checked claim · 1 quote"]


def test_topic_list_stops_counting_past_its_cap(client, db, monkeypatch):
    monkeypatch.setattr("apps.web.limits.TOPIC_COUNT_CAP", 2)
    trade = factories.TopicFactory(name="Trade")
    with arranged():
        for _ in range(3):
            factories.PublishedClaimFactory().topics.set([trade])
        factories.QuoteFactory().topics.set([trade])

    tree = page(client.get("/topics/"))

    assert texts(tree, "//main//li") == ["Trade 2+ checked claims · 1 quote"]


@pytest.mark.parametrize("size", [1, 8])
def test_topic_list_runs_a_fixed_number_of_queries(client, db, django_assert_num_queries, size):
    with arranged():
        for topic in factories.TopicFactory.create_batch(size):
            factories.PublishedClaimFactory().topics.set([topic])

    with django_assert_num_queries(1):
        response = client.get("/topics/")

    assert len(page(response).xpath("//main//li")) == size
