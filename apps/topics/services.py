"""Writes to topics. Each runs in a transaction and validates first."""

from datetime import datetime

from django.db.models import Model

from apps.core.deletion import delete_unless_referenced
from apps.core.slugs import unique_slug
from apps.core.versions import require_version
from apps.core.writes import service, validated_save
from apps.topics.models import Topic


@service
def topic_create(*, name: str, actor: Model | None = None, **fields) -> Topic:
    topic = Topic(name=name, **fields)
    if not topic.slug:
        topic.slug = unique_slug(Topic, name, max_length=140)
    validated_save(topic, actor=actor)
    return topic


@service
def topic_update(
    *, topic: Topic, actor: Model | None = None, expected_version: datetime | None = None, **fields
) -> Topic:
    require_version(topic, expected_version)
    validated_save(topic, actor=actor, **fields)
    return topic


@service
def topic_delete(
    *, topic: Topic, actor: Model | None = None, expected_version: datetime | None = None
) -> None:
    """Delete a topic; the claims and quotes filed under it simply lose it."""
    require_version(topic, expected_version)
    delete_unless_referenced(topic, actor=actor)
