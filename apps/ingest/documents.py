"""Reading an article file: its bytes decoded, its main text and metadata extracted.

HTML goes through trafilatura (main text without navigation, comments and boilerplate;
title, authors, date, site name, canonical URL). Plain text is kept as it is, with its
first non-empty line as the title. Encodings: a byte-order mark decides (UTF-8, UTF-16,
UTF-32); otherwise UTF-8 if the bytes are valid UTF-8, and otherwise charset-normalizer's
best guess (cp1252, Latin-1, KOI8-R…). Whatever reading had to guess or change is said in
the document's `notes`, which the import's outcome shows the editor:

- a guessed encoding (Windows-1252 where charset-normalizer ranks it as good as its first);
- a file that mixes UTF-8 with a one-byte encoding (a Latin-1 paragraph pasted into a
  UTF-8 article): each part is decoded as itself, not the whole as one guess, which would
  turn the UTF-8 part into mojibake (“ZĂĽrich”);
- control characters (copies of PDFs and transcripts hold form feeds): a form feed or
  vertical tab becomes a line break, the others are dropped, as text may not hold them
  (apps/core/text.py).
"""

import codecs
import datetime
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, replace
from pathlib import Path

import charset_normalizer
from django.conf import settings

from apps.core.text import CONTROL_CHARACTERS
from apps.ingest.entity_links import wikidata_ids
from apps.ingest.errors import IngestError

_BOMS = [
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe\x00\x00", "utf-32"),
    (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
]
_HTML = re.compile(r"<\s*(?:!doctype\s+html|html|head|body|article|p|div|h1)\b", re.IGNORECASE)
_HTML_LANG = re.compile(r"<html\b[^>]*\blang\s*=\s*[\"']?([A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*)")
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}


@dataclass(frozen=True)
class Document:
    """An article ready to be archived as a source."""

    name: str  # the file name, or what the editor called the pasted text
    text: str
    title: str
    url: str = ""
    authors: str = ""
    published_on: datetime.date | None = None
    publisher: str = ""
    language: str = "en"
    encoding: str = "utf-8"
    notes: tuple[str, ...] = ()  # what reading guessed or changed, for the editor
    # (name, Wikidata id) pairs the HTML states for people and organisations it names.
    wikidata: tuple[tuple[str, str], ...] = ()


def read_path(path: Path, *, url: str = "") -> Document:
    """Read an article file; raises IngestError naming the file if it cannot be read."""
    limit = settings.INGEST_MAX_DOCUMENT_BYTES
    try:
        size = path.stat().st_size
        if size > limit:
            raise IngestError(too_large_message(size, limit), name=str(path))
        data = path.read_bytes()
    except OSError as error:
        raise IngestError(
            f"cannot read the file: {error.strerror or error}", name=str(path)
        ) from error
    return read_bytes(data, name=str(path), url=url)


def read_bytes(data: bytes, *, name: str, url: str = "") -> Document:
    limit = settings.INGEST_MAX_DOCUMENT_BYTES
    if len(data) > limit:
        raise IngestError(too_large_message(len(data), limit), name=name)
    text, encoding, notes = decode(data, name=name)
    return read_text(text, name=name, url=url, encoding=encoding, notes=notes)


def read_text(
    text: str,
    *,
    name: str,
    url: str = "",
    title: str = "",
    encoding: str = "utf-8",
    notes: tuple[str, ...] = (),
) -> Document:
    """An article from its text (plain or HTML), as pasted or decoded."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    if "\x00" in text:
        raise IngestError("this is not a text or HTML file (it holds binary data)", name=name)
    text, cleaned = without_control_characters(text)
    notes = (*notes, cleaned) if cleaned else notes
    if _looks_like_html(text, name):
        document = _from_html(text, name=name, url=url, encoding=encoding)
    else:
        document = Document(
            name=name, text=text, title=_first_line(text), url=url, encoding=encoding
        )
    if not document.text.strip():
        raise IngestError("no article text found in it", name=name)
    document = replace(document, notes=notes)
    if title:
        title, _ = without_control_characters(title)
        document = replace(document, title=_WHITESPACE.sub(" ", title).strip())
    return document


_LINE_BREAKS = {"\x0b": "vertical tab", "\x0c": "form feed"}
_WHITESPACE = re.compile(r"\s+")


def without_control_characters(text: str) -> tuple[str, str]:
    """`text` with form feeds and vertical tabs as line breaks and other control characters
    dropped; and a note saying what changed ("" if nothing did)."""
    found = Counter(CONTROL_CHARACTERS.findall(text))
    if not found:
        return text, ""
    text = CONTROL_CHARACTERS.sub(lambda m: "\n" if m.group() in _LINE_BREAKS else "", text)
    parts = []
    breaks = [(char, count) for char, count in sorted(found.items()) if char in _LINE_BREAKS]
    if breaks:
        named = " and ".join(
            f"{count:,} {_LINE_BREAKS[char]}{'s' if count > 1 else ''}" for char, count in breaks
        )
        total = sum(count for _char, count in breaks)
        parts.append(f"{named} turned into line break{'s' if total > 1 else ''}")
    dropped = [(char, count) for char, count in sorted(found.items()) if char not in _LINE_BREAKS]
    if dropped:
        listed = ", ".join(
            f"U+{ord(char):04X}" + (f" ×{count:,}" if count > 1 else "") for char, count in dropped
        )
        total = sum(count for _char, count in dropped)
        parts.append(f"{total:,} control character{'s' if total > 1 else ''} removed ({listed})")
    return text, "; ".join(parts)


def decode(data: bytes, *, name: str) -> tuple[str, str, tuple[str, ...]]:
    """The text of `data`, its encoding, and notes on what was guessed."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding), encoding.removesuffix("-sig"), ()
            except UnicodeDecodeError as error:
                raise IngestError(
                    f"it is not valid {encoding} text: {error.reason}", name=name
                ) from error
    try:
        return data.decode("utf-8"), "utf-8", ()
    except UnicodeDecodeError:
        pass
    mixed = _mixed(data, name=name)
    if mixed is not None:
        return mixed
    encoding = _guess(data)
    if encoding is None:
        raise IngestError("cannot tell its text encoding (is it a text or HTML file?)", name=name)
    note = (
        f"the file is not UTF-8: decoded as {encoding}, which is a guess; check its accented "
        "and other non-English letters"
    )
    return data.decode(encoding, errors="replace"), encoding, (note,)


# The evidence that a file is UTF-8 in places: bytes of multi-byte characters, in lines that
# are valid UTF-8. A one-byte encoding forms such a line only by chance, in a word or two.
_MIN_UTF8_EVIDENCE = 4


def _mixed(data: bytes, *, name: str) -> tuple[str, str, tuple[str, ...]] | None:
    """UTF-8 lines with lines in a one-byte encoding: each decoded as itself (within a line,
    what is not valid UTF-8 is read in the other encoding), with a note naming the lines.
    None if the file is not such a mixture."""
    evidence, other_lines = 0, []
    for number, line in enumerate(data.splitlines(), start=1):
        if line.isascii():
            continue
        try:
            evidence += len(line) - len(line.decode("utf-8"))
        except UnicodeDecodeError:
            other_lines.append(number)
    if evidence < _MIN_UTF8_EVIDENCE or not other_lines:
        return None
    other = b"\n".join(data.splitlines()[n - 1] for n in other_lines[:200])
    encoding = _guess(other) or "cp1252"
    if _latin(other.decode(encoding, errors="replace")):
        # Mixed files are most often a Western text pasted from an older system; and a
        # few lines are too short for charset-normalizer to tell cp1252 from cp1250.
        encoding = "cp1252"
    if not _one_byte(encoding):
        raise IngestError(
            f"it mixes UTF-8 with another encoding ({encoding}?) in {_lines(other_lines)}: "
            "save it as UTF-8 and import it again",
            name=name,
        )
    text = data.decode("utf-8", errors=_handler(encoding))
    note = (
        f"the file mixes UTF-8 with {encoding}: {_lines(other_lines)} "
        f"{'is' if len(other_lines) == 1 else 'are'} not UTF-8 and was read as {encoding}; "
        "check the text there"
    )
    return text, f"utf-8+{encoding}", (note,)


def _lines(numbers: list[int]) -> str:
    """“line 3”, “lines 3, 7 and 12”, “lines 3, 7, 12, 15, 20 and 31 more”."""
    if len(numbers) == 1:
        return f"line {numbers[0]}"
    if len(numbers) <= 5:
        return f"lines {', '.join(map(str, numbers[:-1]))} and {numbers[-1]}"
    return f"lines {', '.join(map(str, numbers[:5]))} and {len(numbers) - 5:,} more"


def _one_byte(encoding: str) -> bool:
    high = bytes(range(0x80, 0x100))
    return len(high.decode(encoding, errors="replace")) == len(high)


def _handler(encoding: str) -> str:
    """The name of a decoding error handler that reads the bytes UTF-8 refuses in
    `encoding` (one byte at a time: it is a one-byte encoding)."""
    name = f"factbase-as-{codecs.lookup(encoding).name}"

    def handle(error: UnicodeDecodeError):
        bad = error.object[error.start : error.end]
        return bad.decode(encoding, errors="replace"), error.end

    codecs.register_error(name, handle)
    return name


def _guess(data: bytes) -> str | None:
    """charset-normalizer's best guess; Windows-1252 where it is as good a guess (it ranks
    cp1250 first for German text that both read alike: “Übermäßig … fermé ŕ Genčve”)."""
    matches = charset_normalizer.from_bytes(data)
    best = matches.best()
    if best is None:
        return None
    for match in matches:
        if match.encoding == "cp1252" and (match.chaos, match.coherence) == (
            best.chaos,
            best.coherence,
        ):
            return "cp1252"
    return best.encoding


def _latin(text: str) -> bool:
    """Whether the letters of `text` beyond ASCII are Latin ones (é, ß, č…), or none."""
    letters = [c for c in text if not c.isascii() and unicodedata.category(c)[0] == "L"]
    latin = sum(1 for c in letters if unicodedata.name(c, "").startswith("LATIN"))
    return latin * 2 >= len(letters)


def _looks_like_html(text: str, name: str) -> bool:
    return Path(name).suffix.lower() in HTML_SUFFIXES or bool(_HTML.search(text[:4096]))


def _from_html(html: str, *, name: str, url: str, encoding: str) -> Document:
    import trafilatura  # imported here: it is slow to import and only HTML needs it

    extracted = trafilatura.bare_extraction(
        html, url=url or None, with_metadata=True, include_comments=False, include_tables=False
    )
    if extracted is None or not (extracted.text or "").strip():
        raise IngestError("no article text found in this HTML", name=name)
    language = _HTML_LANG.search(html[:4096])
    return Document(
        name=name,
        text=extracted.text.strip() + "\n",
        title=(extracted.title or "").strip()[:500] or _first_line(extracted.text),
        url=url or _plain_url(extracted.url),
        authors=(extracted.author or "").replace(";", ",").strip()[:500],
        published_on=_date(extracted.date),
        publisher=(extracted.sitename or "").strip()[:200],
        language=language.group(1) if language else (extracted.language or "en"),
        encoding=encoding,
        wikidata=wikidata_ids(html),
    )


def _plain_url(url: str | None) -> str:
    return url if url and url.startswith(("http://", "https://")) and len(url) <= 2000 else ""


def _date(value: str | None) -> datetime.date | None:
    try:
        return datetime.date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None


def _first_line(text: str) -> str:
    line = next((line.strip() for line in text.splitlines() if line.strip()), "")
    return line if len(line) <= 500 else line[:499].rstrip() + "…"


def too_large_message(size: int, limit: int) -> str:
    return f"it is {size:,} bytes, over the limit of {limit:,} bytes (INGEST_MAX_DOCUMENT_BYTES)"
