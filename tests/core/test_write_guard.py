"""The write guard: curated rows are written by services, and a door that skips them fails."""

import pytest
from django.apps import apps
from django.contrib import admin

from apps.core.admin_services import ServiceAdmin
from apps.core.guard import UnguardedWrite, service, unguarded
from apps.core.models import TimeStampedModel
from apps.topics.models import Topic
from apps.topics.services import topic_create
from tests.factories import ClaimFactory, TopicFactory, UserFactory


@pytest.mark.django_db
def test_a_save_outside_a_service_is_refused_and_names_the_model():
    topic = Topic(name="Energy", slug="energy")

    with pytest.raises(UnguardedWrite, match=r"save\(\) of topics\.Topic outside a service"):
        topic.save()

    assert Topic.objects.count() == 0


@pytest.mark.django_db
def test_a_delete_outside_a_service_is_refused():
    topic = TopicFactory()

    with pytest.raises(UnguardedWrite):
        topic.delete()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "write",
    [
        lambda: Topic.objects.update(name="Renamed"),
        lambda: Topic.objects.all().delete(),
        lambda: Topic.objects.bulk_create([Topic(name="Bulk", slug="bulk")]),
    ],
    ids=["update", "delete", "bulk_create"],
)
def test_a_bulk_write_outside_a_service_is_refused(write):
    TopicFactory()

    with pytest.raises(UnguardedWrite):
        write()


@pytest.mark.django_db
def test_a_many_to_many_change_outside_a_service_is_refused():
    claim, topic = ClaimFactory(), TopicFactory()

    with pytest.raises(UnguardedWrite, match="many-to-many"):
        claim.topics.add(topic)


@pytest.mark.django_db
def test_a_service_writes():
    topic = topic_create(name="Energy")

    assert Topic.objects.get().pk == topic.pk


@pytest.mark.django_db
def test_a_service_calling_a_service_writes_and_is_one_transaction():
    @service
    def two_topics():
        topic_create(name="Energy")
        topic_create(name="Energy")  # the same name: refused, so neither is kept

    with pytest.raises(Exception, match="already exists"):
        two_topics()

    assert Topic.objects.count() == 0


@pytest.mark.django_db
def test_the_guard_can_be_turned_off_for_a_script(settings):
    settings.FACTBASE_WRITE_GUARD = False

    Topic(name="Energy", slug="energy").save()

    assert Topic.objects.count() == 1


def test_unguarded_asks_why():
    with pytest.raises(ValueError, match="Say why"), unguarded(" "):
        pass


@pytest.mark.django_db
def test_every_admin_of_a_curated_model_writes_through_services(rf):
    """A curated model's admin either routes its writes through services (ServiceAdmin) or
    writes nothing at all, even for a superuser."""
    request = rf.get("/")
    request.user = UserFactory(is_superuser=True, is_staff=True)
    curated = [
        model
        for model in apps.get_models()
        if issubclass(model, TimeStampedModel) and model in admin.site._registry
    ]
    writing_directly = [
        model._meta.label
        for model in curated
        if not isinstance(admin.site._registry[model], ServiceAdmin)
        and _may_write(admin.site._registry[model], request)
    ]

    assert (len(curated) > 10, writing_directly) == (True, [])


def _may_write(model_admin, request) -> bool:
    return (
        model_admin.has_add_permission(request)
        or model_admin.has_change_permission(request)
        or model_admin.has_delete_permission(request)
    )
