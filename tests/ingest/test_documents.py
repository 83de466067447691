import datetime

import pytest

from apps.ingest import documents
from apps.ingest.errors import IngestError

HTML = """<!doctype html>
<html lang="de"><head>
<title>Hafen bleibt zu | Nordpost</title>
<meta name="author" content="Jana Roe">
<meta property="og:site_name" content="Nordpost">
<meta name="date" content="2025-03-04">
<link rel="canonical" href="https://nordpost.example/hafen">
</head><body>
<nav><a href="/">Home</a> <a href="/sport">Sport</a></nav>
<article><h1>Hafen bleibt zu</h1>
<p>"Wir gehen nicht zurück, bis ein echtes Angebot auf dem Tisch liegt", sagte Tomas Reyes.</p>
<p>Der Streik dauert bereits drei Wochen, und mehr als vierzig Schiffe warten vor dem Hafen.</p>
</article>
<footer>Copyright Nordpost</footer>
</body></html>"""


def test_plain_text_keeps_its_text_and_takes_the_first_line_as_title():
    document = documents.read_bytes(b"\nHeadline here\nBody text.\n", name="a.txt")

    assert (document.title, document.text, document.encoding) == (
        "Headline here",
        "\nHeadline here\nBody text.\n",
        "utf-8",
    )


def test_a_cp1252_file_is_decoded():
    text = "“Smart quotes” and café – in Windows-1252, as old newsroom systems save them.\n"

    document = documents.read_bytes(text.encode("cp1252"), name="old.txt")

    assert document.text == text


def test_a_utf16_file_is_decoded():
    text = "Заголовок\n«Мы не вернёмся», — сказал он.\n"

    document = documents.read_bytes(text.encode("utf-16"), name="ru.txt")

    assert (document.text, document.title, document.encoding) == (text, "Заголовок", "utf-16")


def test_windows_line_ends_become_newlines():
    document = documents.read_bytes(b"Title\r\nBody\r\n", name="dos.txt")

    assert document.text == "Title\nBody\n"


def test_html_gives_main_text_and_metadata():
    document = documents.read_bytes(HTML.encode(), name="hafen.html")

    assert (
        document.title,
        document.url,
        document.authors,
        document.published_on,
        document.publisher,
        document.language,
    ) == (
        "Hafen bleibt zu",
        "https://nordpost.example/hafen",
        "Jana Roe",
        datetime.date(2025, 3, 4),
        "Nordpost",
        "de",
    )
    assert "sagte Tomas Reyes" in document.text
    assert "Sport" not in document.text
    assert "Copyright" not in document.text


def test_a_binary_file_is_refused_with_its_name():
    with pytest.raises(IngestError) as error:
        documents.read_bytes(b"%PDF-1.4\x00\x01\x02\xff\xfe\x00binary", name="report.pdf")

    assert str(error.value).startswith("report.pdf: ")


def test_an_empty_file_is_refused():
    with pytest.raises(IngestError) as error:
        documents.read_bytes(b"  \n\n", name="empty.txt")

    assert str(error.value) == "empty.txt: no article text found in it"


def test_an_oversized_file_is_refused_before_it_is_read(settings, tmp_path):
    settings.INGEST_MAX_DOCUMENT_BYTES = 10
    path = tmp_path / "long.txt"
    path.write_text("x" * 11)

    with pytest.raises(IngestError) as error:
        documents.read_path(path)

    assert str(error.value) == (
        f"{path}: it is 11 bytes, over the limit of 10 bytes (INGEST_MAX_DOCUMENT_BYTES)"
    )


def test_an_unreadable_file_is_refused_with_its_name(tmp_path):
    path = tmp_path / "missing.txt"

    with pytest.raises(IngestError) as error:
        documents.read_path(path)

    assert str(error.value) == f"{path}: cannot read the file: No such file or directory"


# --- what reading guesses or changes is said ------------------------------------------------

# A UTF-8 article (curly quotes, an en dash) with a paragraph pasted from an older system
# that saved it as Latin-1: read as one guess, the UTF-8 part became “ZĂĽrich â€“ â€ś…”.
MIXED = (
    "Zürich – “Wir gehen nicht zurück”, sagte Tomas Müller.\n".encode()
    + "Le café était fermé à Genève, a déclaré la mairie.\n".encode("latin-1")
    + "Der Streik dauert – seit drei Wochen.\n".encode()
)


def test_a_file_mixing_utf8_and_latin1_is_decoded_part_by_part_with_a_note():
    document = documents.read_bytes(MIXED, name="mixed.txt")

    assert (document.text, document.encoding, document.notes) == (
        "Zürich – “Wir gehen nicht zurück”, sagte Tomas Müller.\n"
        "Le café était fermé à Genève, a déclaré la mairie.\n"
        "Der Streik dauert – seit drei Wochen.\n",
        "utf-8+cp1252",
        (
            "the file mixes UTF-8 with cp1252: line 2 is not UTF-8 and was read as cp1252; "
            "check the text there",
        ),
    )


def test_a_file_that_is_not_utf8_says_its_encoding_was_guessed():
    text = "“Smart quotes” and café – in Windows-1252, as old newsroom systems save them.\n"

    document = documents.read_bytes(text.encode("cp1252"), name="old.txt")

    assert (document.text, document.notes) == (
        text,
        (
            f"the file is not UTF-8: decoded as {document.encoding}, which is a guess; check "
            "its accented and other non-English letters",
        ),
    )


def test_a_utf8_file_has_no_notes():
    assert documents.read_bytes("Zürich – “Wir”\n".encode(), name="a.txt").notes == ()


def test_form_feeds_become_line_breaks_and_other_control_characters_are_dropped():
    copied = "Minutes, page 1\nThe mayor spoke.\x0cMinutes, page 2\n"
    copied += "The \x1b[1mvote\x1b[0m was 7–2.\x07\n"

    document = documents.read_bytes(copied.encode(), name="minutes.txt")

    assert (document.text, document.notes) == (
        "Minutes, page 1\nThe mayor spoke.\nMinutes, page 2\nThe [1mvote[0m was 7–2.\n",
        ("1 form feed turned into line break; 3 control characters removed (U+0007, U+001B ×2)",),
    )


def test_a_pasted_title_loses_its_control_characters():
    document = documents.read_text("Body.\n", name="pasted text", title="Budget\x0b row\x02")

    assert document.title == "Budget row"
