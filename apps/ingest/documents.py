"""Reading an article file: its bytes decoded, its main text and metadata extracted.

HTML goes through trafilatura (main text without navigation, comments and boilerplate;
title, authors, date, site name, canonical URL). Plain text is kept as it is, with its
first non-empty line as the title. Encodings: a byte-order mark decides (UTF-8, UTF-16,
UTF-32); otherwise UTF-8 if the bytes are valid UTF-8, and otherwise charset-normalizer's
best guess (cp1252, Latin-1, KOI8-R…).
"""

import datetime
import re
from dataclasses import dataclass
from pathlib import Path

import charset_normalizer
from django.conf import settings

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
    text, encoding = decode(data, name=name)
    return read_text(text, name=name, url=url, encoding=encoding)


def read_text(
    text: str, *, name: str, url: str = "", title: str = "", encoding: str = "utf-8"
) -> Document:
    """An article from its text (plain or HTML), as pasted or decoded."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    if "\x00" in text:
        raise IngestError("this is not a text or HTML file (it holds binary data)", name=name)
    if _looks_like_html(text, name):
        document = _from_html(text, name=name, url=url, encoding=encoding)
    else:
        document = Document(
            name=name, text=text, title=_first_line(text), url=url, encoding=encoding
        )
    if not document.text.strip():
        raise IngestError("no article text found in it", name=name)
    if title:
        document = Document(**{**document.__dict__, "title": title})
    return document


def decode(data: bytes, *, name: str) -> tuple[str, str]:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding), encoding.removesuffix("-sig")
            except UnicodeDecodeError as error:
                raise IngestError(
                    f"it is not valid {encoding} text: {error.reason}", name=name
                ) from error
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    best = charset_normalizer.from_bytes(data).best()
    if best is None:
        raise IngestError("cannot tell its text encoding (is it a text or HTML file?)", name=name)
    return str(best), best.encoding


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
