import hashlib

from apps.sources.models import Source
from tests.factories import SourceFactory


def sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def test_checksum_matches_text_when_created(db):
    source = SourceFactory(text="Il a dit « non » — deux fois.")

    source.refresh_from_db()

    assert source.text_sha256 == sha256("Il a dit « non » — deux fois.")


def test_checksum_follows_text_after_save(db):
    source = SourceFactory()

    source.text = "A corrected text."
    source.save()

    assert source.text_sha256 == sha256("A corrected text.")


def test_checksum_follows_text_after_queryset_update(db):
    source = SourceFactory()

    Source.objects.filter(pk=source.pk).update(text="Rewritten in bulk.")

    assert Source.objects.get(pk=source.pk).text_sha256 == sha256("Rewritten in bulk.")
