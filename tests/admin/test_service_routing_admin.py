"""The admin's own write paths (bulk actions, inlines) go through the services."""

from django.contrib.admin import helpers
from django.urls import reverse

from apps.core.models import Tombstone
from apps.speakers.models import Speaker
from apps.topics.models import Topic
from tests.admin.helpers import form_data, signed_in
from tests.factories import QuoteFactory, SpeakerFactory, TopicFactory


def bulk_delete(client, model_name: str, objects):
    url = reverse(f"admin:{model_name}_changelist")
    return client.post(
        url,
        {
            "action": "delete_selected",
            helpers.ACTION_CHECKBOX_NAME: [obj.pk for obj in objects],
            "post": "yes",
        },
    )


def test_the_bulk_delete_deletes_through_the_service(client, db):
    topics = TopicFactory.create_batch(2)
    signed_in(client, is_superuser=True)

    bulk_delete(client, "topics_topic", topics)

    # The service's record of the removal, which a plain queryset delete would not leave.
    assert (
        Topic.objects.count(),
        sorted(Tombstone.objects.values_list("object_id", flat=True)),
    ) == (
        0,
        sorted(topic.pk for topic in topics),
    )


def test_a_bulk_delete_the_service_refuses_deletes_nothing(client, db):
    free = SpeakerFactory()
    quoted = QuoteFactory().speaker
    signed_in(client, is_superuser=True)

    bulk_delete(client, "speakers_speaker", [free, quoted])

    assert Speaker.objects.filter(pk__in=[free.pk, quoted.pk]).count() == 2


def test_an_alias_added_inline_goes_through_the_service(client, db):
    speaker = SpeakerFactory()
    signed_in(client, is_superuser=True)
    url = reverse("admin:speakers_speaker_change", args=[speaker.pk])
    data = form_data(client.get(url))
    prefix = "aliases"
    data[f"{prefix}-TOTAL_FORMS"] = str(int(data[f"{prefix}-TOTAL_FORMS"]) + 1)
    data[f"{prefix}-0-name"] = "The Minister"

    client.post(url, data)

    assert list(speaker.aliases.values_list("name", flat=True)) == ["The Minister"]
