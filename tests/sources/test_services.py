import pytest
from django.core.exceptions import ValidationError

from apps.sources.models import Publisher, Source
from apps.sources.services import publisher_get_or_create, source_create, source_delete
from tests.factories import AppearanceFactory, CitationFactory, SourceFactory


def test_source_create_gives_a_free_slug(db):
    SourceFactory(slug="grain-exports-at-a-record")

    source = source_create(title="Grain exports at a record", text="Exports rose.")

    assert source.slug == "grain-exports-at-a-record-2"


def test_source_create_validates_before_saving(db):
    with pytest.raises(ValidationError) as caught:
        source_create(title="Empty", text="   ")

    assert (caught.value.message_dict, Source.objects.count()) == (
        {"__all__": ["A source needs its archived text."]},
        0,
    )


def test_source_delete_refuses_source_that_passages_point_to(db):
    source = SourceFactory(title="Grain exports at a record")
    AppearanceFactory(source=source)
    CitationFactory(source=source)
    CitationFactory(source=source)

    with pytest.raises(ValidationError) as caught:
        source_delete(source=source)

    assert caught.value.messages == [
        "Cannot delete source \u201cGrain exports at a record\u201d: 1 appearance and "
        "2 citations point to it. Remove or reassign them first."
    ]


def test_source_delete_keeps_the_refused_source(db):
    source = SourceFactory()
    CitationFactory(source=source)

    with pytest.raises(ValidationError):
        source_delete(source=source)

    assert Source.objects.filter(pk=source.pk).exists()


def test_source_delete_deletes_source_nothing_points_to(db):
    source = SourceFactory()

    source_delete(source=source)

    assert not Source.objects.filter(pk=source.pk).exists()


def test_publisher_get_or_create_finds_publisher_whatever_the_case(db):
    reuters = publisher_get_or_create(name="Reuters")

    again = publisher_get_or_create(name="REUTERS")

    assert (again, Publisher.objects.count()) == (reuters, 1)


def test_publisher_get_or_create_gives_new_publisher_a_slug(db):
    publisher = publisher_get_or_create(name="The Moscow Times", home_page="https://example.org")

    assert (publisher.slug, publisher.home_page) == ("the-moscow-times", "https://example.org")
