"""The rules the database keeps for sources, whatever path a write takes."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from apps.sources.models import Source
from tests.factories import SourceFactory, arranged

URL = "https://example.org/grain-exports"


def test_database_rejects_second_source_with_same_url(db):
    SourceFactory(url=URL)

    with pytest.raises(IntegrityError), arranged(), transaction.atomic():
        Source.objects.create(title="Copy", slug="copy", url=URL, text="Some text.")


def test_full_clean_rejects_second_source_with_same_url(db):
    SourceFactory(url=URL)
    duplicate = SourceFactory.build(url=URL, publisher=None)

    with pytest.raises(ValidationError) as caught:
        duplicate.full_clean()

    assert caught.value.message_dict == {"__all__": ["Another source already has this URL."]}


def test_many_sources_may_have_no_url(db):
    SourceFactory(url="")
    SourceFactory(url="")

    with arranged():
        Source.objects.create(title="Leaflet", slug="leaflet", url="", text="Vote for us.")

    assert Source.objects.filter(url="").count() == 3


@pytest.mark.parametrize("text", ["", " ", "\n\t \n"], ids=["empty", "space", "white-space"])
def test_database_rejects_source_without_text(db, text):
    with pytest.raises(IntegrityError), arranged(), transaction.atomic():
        Source.objects.create(title="Empty", slug="empty", text=text)


def test_full_clean_rejects_source_with_white_space_text(db):
    source = SourceFactory.build(text=" \n ", publisher=None)

    with pytest.raises(ValidationError) as caught:
        source.full_clean()

    assert caught.value.message_dict == {"__all__": ["A source needs its archived text."]}


def test_full_clean_rejects_source_with_empty_text(db):
    source = SourceFactory.build(text="", publisher=None)

    with pytest.raises(ValidationError) as caught:
        source.full_clean()

    assert caught.value.message_dict == {"text": ["This field cannot be blank."]}


def test_database_rejects_blanking_text_of_existing_source(db):
    source = SourceFactory()

    with pytest.raises(IntegrityError), arranged(), transaction.atomic():
        Source.objects.filter(pk=source.pk).update(text="   ")
