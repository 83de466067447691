"""What topics do: an editor files claims and quotes under a topic (apps/topics/services.py).

The topic pages, the API and the admin are tested beside their layers:
tests/web/test_topic_page.py, tests/web/test_topic_list_page.py, tests/api/test_topics.py,
tests/admin/test_topic_admin.py.
"""

import datetime

import pytest
from django.core.exceptions import ValidationError

from apps.claims.models import Claim
from apps.quotes.models import Quote
from apps.topics.models import Topic
from apps.topics.services import topic_create, topic_delete, topic_update
from tests.factories import ClaimFactory, QuoteFactory, TopicFactory, UserFactory, arranged

LONG_AGO = datetime.datetime(2020, 1, 1, tzinfo=datetime.UTC)


def filed_under(topic, *objects):
    with arranged():
        for obj in objects:
            obj.topics.add(topic)
            type(obj).objects.filter(pk=obj.pk).update(updated_at=LONG_AGO)


def updated_at(obj) -> datetime.datetime:
    return type(obj).objects.values_list("updated_at", flat=True).get(pk=obj.pk)


def test_topic_create_makes_the_slug_from_the_name(db):
    topic = topic_create(name="Iran–Israel conflict")

    assert (Topic.objects.get(), topic.slug) == (topic, "iranisrael-conflict")


def test_topic_create_gives_a_free_slug_when_the_names_is_taken(db):
    TopicFactory(name="Trade policy", slug="trade")

    topic = topic_create(name="Trade")

    assert topic.slug == "trade-2"


def test_topic_create_keeps_the_slug_it_is_given(db):
    topic = topic_create(name="Trade", slug="commerce")

    assert topic.slug == "commerce"


def test_topic_create_names_its_author_in_history(db):
    editor = UserFactory()

    topic = topic_create(name="Trade", description="Tariffs and exports.", actor=editor)

    assert [(row.history_type, row.history_user, row.name) for row in topic.history.all()] == [
        ("+", editor, "Trade")
    ]


def test_topic_create_refuses_a_name_another_topic_has(db):
    TopicFactory(name="Trade")

    with pytest.raises(ValidationError) as refused:
        topic_create(name="Trade")

    assert (refused.value.message_dict, Topic.objects.count()) == (
        {"name": ["Topic with this Name already exists."]},
        1,
    )


def test_topic_create_refuses_a_blank_name(db):
    with pytest.raises(ValidationError) as refused:
        topic_create(name="", slug="nothing")

    assert (list(refused.value.message_dict), Topic.objects.count()) == (["name"], 0)


def test_topic_update_changes_the_description(db):
    topic = TopicFactory(description="")

    topic_update(topic=topic, description="Tariffs and exports.")

    topic.refresh_from_db()
    assert topic.description == "Tariffs and exports."


def test_topic_update_refuses_a_slug_another_topic_has(db):
    TopicFactory(slug="trade")
    topic = TopicFactory(slug="commerce")

    with pytest.raises(ValidationError) as refused:
        topic_update(topic=topic, slug="trade")

    topic.refresh_from_db()
    assert (refused.value.message_dict, topic.slug) == (
        {"slug": ["Topic with this Slug already exists."]},
        "commerce",
    )


def test_renaming_a_topic_moves_the_claims_and_quotes_that_show_it(db):
    # Clients that keep a copy fetch again what changed since: a claim shows its topics'
    # names and slugs (apps/core/sync.py).
    topic = TopicFactory(name="Trade")
    claim, quote = ClaimFactory(), QuoteFactory()
    filed_under(topic, claim, quote)

    topic_update(topic=topic, name="Trade and tariffs")

    assert (updated_at(claim) > LONG_AGO, updated_at(quote) > LONG_AGO) == (True, True)


def test_describing_a_topic_leaves_the_claims_that_show_it_alone(db):
    # Only the name and the slug are shown elsewhere; the description is not.
    topic = TopicFactory(name="Trade")
    claim = ClaimFactory()
    filed_under(topic, claim)

    topic_update(topic=topic, description="Tariffs and exports.")

    assert updated_at(claim) == LONG_AGO


def test_topic_delete_unfiles_its_claims_and_quotes_and_keeps_them(db):
    topic = TopicFactory()
    kept = TopicFactory()
    claim, quote = ClaimFactory(), QuoteFactory()
    filed_under(topic, claim, quote)
    filed_under(kept, claim)

    topic_delete(topic=topic)

    assert (
        list(Topic.objects.all()),
        list(Claim.objects.get(pk=claim.pk).topics.all()),
        list(Quote.objects.get(pk=quote.pk).topics.all()),
    ) == ([kept], [kept], [])


def test_topic_delete_names_who_deleted_it_in_history(db):
    editor = UserFactory()
    topic = TopicFactory(name="Trade")
    pk = topic.pk

    topic_delete(topic=topic, actor=editor)

    latest = Topic.history.filter(id=pk).first()
    assert (latest.history_type, latest.history_user, latest.name) == ("-", editor, "Trade")
