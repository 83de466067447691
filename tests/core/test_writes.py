"""validated_save(): the steps of every service write."""

import pytest
from django.core.exceptions import ValidationError

from apps.core.writes import service, validated_save
from apps.topics.models import Topic
from tests.factories import TopicFactory, UserFactory


@service
def save_in_a_service(obj, **kwargs):
    """validated_save as the apps call it: inside a service (the guard refuses it elsewhere)."""
    return validated_save(obj, **kwargs)


@pytest.mark.django_db
def test_validated_save_sets_the_fields_and_names_the_actor_in_history():
    topic = TopicFactory(name="Energy")
    editor = UserFactory()

    save_in_a_service(topic, actor=editor, name="Energy prices")

    topic.refresh_from_db()
    assert topic.name == "Energy prices"
    assert topic.history.first().history_user == editor


@pytest.mark.django_db
def test_validated_save_refuses_an_invalid_row_and_stores_nothing():
    topic = TopicFactory(name="Energy")

    with pytest.raises(ValidationError) as refused:
        save_in_a_service(topic, name="")

    assert "name" in refused.value.message_dict
    assert Topic.objects.get(pk=topic.pk).name == "Energy"
