"""What the article import says of text it had to guess or change: an article that mixes
UTF-8 and Latin-1, and copies of PDFs and transcripts with form feeds and other control
characters (which the models refuse, so the import used to fail on them)."""

import pytest

from apps.ingest.articles import ArticleImporter
from apps.sources.models import Source

pytestmark = pytest.mark.django_db

# A paragraph as an older newsroom system saved it, in Latin-1.
LATIN1_PARAGRAPH = (
    "\nLe Kremlin a répété que la Russie «reste à l'écart» du conflit, a déclaré un porte-parole.\n"
).encode("latin-1")


def test_an_article_mixing_utf8_and_latin1_is_imported_with_a_warning(seeds, tmp_path):
    article = seeds[0].read_bytes()  # UTF-8, with curly quotes and dashes
    path = tmp_path / "putin-iran.txt"
    path.write_bytes(article + LATIN1_PARAGRAPH)
    lines = article.decode().count("\n") + 2

    outcome = ArticleImporter().import_path(path)

    source = Source.objects.get()
    assert (outcome.status, source.text) == (
        "imported",
        article.decode() + LATIN1_PARAGRAPH.decode("latin-1"),
    )
    assert outcome.message.endswith(
        f"; note: the file mixes UTF-8 with cp1252: line {lines} is not UTF-8 and was read as "
        "cp1252; check the text there."
    )


def test_a_transcript_with_form_feeds_is_imported_with_a_note(tmp_path):
    path = tmp_path / "minutes.txt"
    path.write_bytes(
        b"Council minutes, page 1\n"
        b'Mayor Viktor Hale said the budget was "simply wrong."\x0c'
        b"Council minutes, page 2\x07\n"
        b'"Every crown is accounted for," he said.\n'
    )

    outcome = ArticleImporter().import_path(path)

    assert (outcome.status, Source.objects.get().text) == (
        "imported",
        "Council minutes, page 1\n"
        'Mayor Viktor Hale said the budget was "simply wrong."\n'
        "Council minutes, page 2\n"
        '"Every crown is accounted for," he said.\n',
    )
    assert outcome.message.endswith(
        "; note: 1 form feed turned into line break; 1 control character removed (U+0007)."
    )
