import hashlib

from apps.sources.models import Source
from apps.sources.services import source_update
from tests.factories import SourceFactory, arranged


def sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def test_checksum_matches_text_when_created(db):
    source = SourceFactory(text="Il a dit « non » — deux fois.")

    source.refresh_from_db()

    assert source.text_sha256 == sha256("Il a dit « non » — deux fois.")


def test_checksum_follows_text_after_save(db):
    source = SourceFactory()

    source_update(source=source, text="A corrected text.")

    assert source.text_sha256 == sha256("A corrected text.")


def test_checksum_follows_text_after_queryset_update(db):
    source = SourceFactory()

    # The database computes the checksum however the row is written, past the services too.
    with arranged():
        Source.objects.filter(pk=source.pk).update(text="Rewritten in bulk.")

    assert Source.objects.get(pk=source.pk).text_sha256 == sha256("Rewritten in bulk.")
