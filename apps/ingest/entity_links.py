"""The Wikidata ids an article's HTML gives the people and organisations it names.

Publishers state them in two ways: a link on the name (`<a href="https://www.wikidata.org/
wiki/Q76">Barack Obama</a>`), and schema.org JSON-LD (`{"@type": "Person", "name": "Barack
Obama", "sameAs": "https://www.wikidata.org/wiki/Q76"}` in `about`, `mentions`, `author`…).
The import looks a speaker up by this id before it looks by name, and gives a new draft
speaker the id, so that the editor confirms instead of searching Wikidata.

Reading is bounded: the document is already capped in size (INGEST_MAX_DOCUMENT_BYTES), the
JSON-LD walk visits each node once, and at most MAX_LINKS names are kept.
"""

import html
import json
import re

MAX_LINKS = 500
_WIKIDATA = re.compile(r"^https?://(?:www\.|m\.)?wikidata\.org/(?:wiki|entity)/(Q[1-9]\d{0,11})/?$")
_ANCHOR = re.compile(
    r"<a\b[^>]*?\bhref\s*=\s*[\"']([^\"']{1,200})[\"'][^>]*>(.{1,300}?)</a\s*>",
    re.IGNORECASE | re.DOTALL,
)
_JSON_LD = re.compile(
    r"<script\b[^>]*?type\s*=\s*[\"']application/ld\+json[\"'][^>]*>(.*?)</script\s*>",
    re.IGNORECASE | re.DOTALL,
)
_TAG = re.compile(r"<[^>]*>")
_SPACE = re.compile(r"\s+")
_NAMED_TYPES = {
    "person",
    "organization",
    "governmentorganization",
    "newsmediaorganization",
    "corporation",
    "politicalparty",
}


def wikidata_ids(page: str) -> tuple[tuple[str, str], ...]:
    """(name as the page writes it, Wikidata id) pairs, each name once (the first id given
    to it), in the order the page gives them."""
    found: dict[str, tuple[str, str]] = {}
    for name, qid in (*_from_links(page), *_from_json_ld(page)):
        name = _SPACE.sub(" ", name).strip()
        if 2 <= len(name) <= 200 and name.casefold() not in found:
            found[name.casefold()] = (name, qid)
            if len(found) >= MAX_LINKS:
                break
    return tuple(found.values())


def _from_links(page: str):
    for match in _ANCHOR.finditer(page):
        qid = _qid(html.unescape(match.group(1)))
        if qid:
            yield html.unescape(_TAG.sub("", match.group(2))), qid


def _from_json_ld(page: str):
    for match in _JSON_LD.finditer(page):
        try:
            data = json.loads(match.group(1))
        except ValueError:
            continue  # a publisher's broken JSON-LD is not the editor's problem
        stack = [data]
        while stack:
            node = stack.pop()
            if isinstance(node, list):
                stack.extend(reversed(node))
            elif isinstance(node, dict):
                name = node.get("name")
                if isinstance(name, str) and _is_named_type(node.get("@type")):
                    qid = next(filter(None, map(_qid, _strings(node.get("sameAs")))), None)
                    if qid:
                        yield name, qid
                stack.extend(reversed([v for v in node.values() if isinstance(v, dict | list)]))


def _is_named_type(value) -> bool:
    return any(kind.casefold() in _NAMED_TYPES for kind in _strings(value))


def _strings(value) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [item for item in value if isinstance(item, str)]
    return []


def _qid(url: str) -> str | None:
    match = _WIKIDATA.match(url.strip())
    return match.group(1) if match else None
