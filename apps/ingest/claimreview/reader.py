"""Streaming ClaimReview items out of a JSON file, whatever its shape.

Accepted shapes: one ClaimReview object; a JSON array of them; a schema.org DataFeed
(`dataFeedElement`, each a ClaimReview or a DataFeedItem whose `item` holds one or more);
an `@graph`; and the Google Fact Check Tools API's response (`claims`, each with its
`claimReview` list), each review of which becomes one ClaimReview.

The file is read with ijson, one item at a time, so memory does not grow with the file;
`LimitedReader` bounds the rest as the bytes arrive: the file's size, the size of one item
(which is built whole), and how deep the JSON nests (apps/ingest/jsonlimits.py).
"""

import io
from collections.abc import Iterator
from dataclasses import dataclass

import ijson

from apps.ingest.errors import IngestError
from apps.ingest.jsonlimits import DepthGuard, TooDeep

CONTAINER_KEYS = ("dataFeedElement", "claims", "@graph", "itemListElement")


class LimitedReader:
    """A binary stream that refuses to read past `limit` bytes and reports progress.

    With `item_limit`, it also refuses to read more than that many bytes (and one buffer)
    since the last item was handed over (`item_read()`): an item is built whole in memory.
    And it follows how deep the JSON nests, refusing it past `jsonlimits.MAX_DEPTH` before
    the parser builds anything. Those two raise `OverBound`, which `iter_items` turns into
    an IngestError naming the item."""

    def __init__(
        self,
        stream,
        *,
        limit: int,
        name: str,
        setting: str,
        on_read=None,
        item_limit: int | None = None,
        item_setting: str = "",
    ):
        self.stream = stream
        self.limit = limit
        self.name = name
        self.setting = setting
        self.on_read = on_read
        self.item_limit = item_limit
        self.item_setting = item_setting
        self.count = 0
        self.item_start = 0
        self.guard = DepthGuard()
        self._too_deep: OverBound | None = None
        self._head = b""

    def read(self, size: int = -1) -> bytes:
        if self._head:  # a short read, as files may give: what the parser reads next
            if size < 0:
                data, self._head = self._head, b""
                return data + self._read(-1)
            data, self._head = self._head[:size], self._head[size:]
            return data
        return self._read(size)

    def peek(self, size: int) -> bytes:
        """The next `size` bytes, which the following reads return again."""
        self._head += self._read(size - len(self._head))
        return self._head

    def item_read(self) -> None:
        """An item has been handed over: the next one's bytes count from here."""
        self.item_start = self.count

    def _read(self, size: int) -> bytes:
        if size < 0:  # read in pieces, so that every bound holds on the way
            return b"".join(iter(lambda: self._read(BUFFER), b""))
        if self._too_deep is not None:
            raise self._too_deep
        data = self.stream.read(size)
        self.count += len(data)
        if self.count > self.limit:
            raise IngestError(
                f"the file is over the limit of {self.limit:,} bytes ({self.setting})",
                name=self.name,
            )
        try:
            self.guard.feed(data)
        except TooDeep as error:
            self._too_deep = OverBound(
                f"the JSON nests deeper than {error.limit} levels at byte {error.offset + 1:,}",
                "no ClaimReview nests so deep",
            )
            # The parser gets the bytes before it first, so that the items they hold are
            # read, and the error names the item it is in.
            data = data[: error.offset - (self.count - len(data))]
            if not data:
                raise self._too_deep from None
        if self.item_limit is not None and self.count - self.item_start > self.item_limit + BUFFER:
            raise OverBound(
                f"more than {self.item_limit:,} bytes ({self.item_setting}) without the "
                f"item's end, at byte {self.count:,}",
                "an item is read whole, so it must be smaller",
            )
        if self.on_read is not None and data:
            self.on_read(len(data))
        return data


class OverBound(Exception):
    """The JSON being read goes past a bound on one item (its size or its nesting): what
    and where, and why the bound is there."""

    def __init__(self, problem: str, reason: str):
        self.problem = problem
        self.reason = reason
        super().__init__(f"{problem}: {reason}")


@dataclass(frozen=True)
class Item:
    """One element read from the file: a ClaimReview-like dict, or why it is not one."""

    number: int  # 1-based, in the order read
    where: str  # its place in the file: "item 3", "dataFeedElement[2].item[0]"
    data: dict | None
    problem: str = ""


def iter_items(stream: LimitedReader) -> Iterator[Item]:
    """Every ClaimReview of the stream. Raises IngestError for JSON that cannot be read
    (malformed, truncated, empty), naming how far it got."""
    counter = _Counter()
    try:
        for item in _read_items(stream, counter):
            stream.item_read()
            yield item
    except OverBound as error:
        raise IngestError(
            f"{error.problem}, reading item {counter.number + 1}: {error.reason}", name=stream.name
        ) from None
    except ijson.JSONError as error:
        raise IngestError(_json_problem(error, counter, stream), name=stream.name) from error
    except UnicodeDecodeError as error:
        raise IngestError(
            f"not UTF-8 JSON (after {counter.describe()}): {error.reason}", name=stream.name
        ) from error


def _read_items(stream: LimitedReader, counter: "_Counter") -> Iterator[Item]:
    prefix = _container(stream)
    if prefix is None:
        yield from _items(ijson.parse(stream, use_float=True), counter)
    else:
        # ijson builds each element in C: several times faster than from events.
        for index, element in enumerate(ijson.items(stream, prefix, use_float=True)):
            yield from _unwrap(element, _where(prefix, index), counter)


HEAD = 65536
# What ijson reads at a time: an item is refused once it is over its bound by more.
BUFFER = 65536


def _container(stream: LimitedReader) -> str | None:
    """The ijson prefix of the file's items, if the first bytes tell: "item" for a list,
    "dataFeedElement.item" (or another container's) for a wrapper, "" for one object.
    None when the first 64 KiB do not tell; the items are then read from events."""
    events = ijson.parse(io.BytesIO(stream.peek(HEAD)))
    try:
        _prefix, event, _value = next(events)
        if event == "start_array":
            return "item"
        if event != "start_map":
            return None
        for prefix, event, value in events:
            if prefix == "" and event == "map_key" and value in CONTAINER_KEYS:
                return f"{value}.item"
            if prefix == "" and event == "end_map":
                return ""
    except (ijson.JSONError, StopIteration):
        return None
    return None


def _where(prefix: str, index: int) -> str:
    if prefix == "item":
        return f"item {index + 1}"
    if prefix == "":
        return "the object"
    return f"{prefix.removesuffix('.item')}[{index}]"


class _Counter:
    def __init__(self):
        self.number = 0
        self.last_where = ""

    def describe(self) -> str:
        if not self.number:
            return "the first item"
        if self.last_where == f"item {self.number}":
            return self.last_where
        return f"item {self.number} ({self.last_where})"


def _items(events, counter: _Counter) -> Iterator[Item]:
    first = next(events, None)
    if first is None:
        raise ijson.IncompleteJSONError("the file holds no JSON")
    _prefix, event, _value = first
    if event == "start_array":
        for index, element in _array_elements(events, "item"):
            yield from _unwrap(element, f"item {index + 1}", counter)
        return
    if event != "start_map":
        raise ijson.JSONError("the file holds a single JSON value, not an object or a list")
    top = ijson.ObjectBuilder()
    top.event("start_map", None)
    found_container = False
    for prefix, event, value in events:
        if prefix == "" and event == "map_key" and value in CONTAINER_KEYS:
            key = value
            found_container = True
            start = next(events)
            if start[1] != "start_array":
                _skip_value(events, start)
                continue
            for index, element in _array_elements(events, f"{key}.item"):
                yield from _unwrap(element, f"{key}[{index}]", counter)
            continue
        if prefix == "" and event == "end_map":
            break
        top.event(event, value)
    if not found_container:
        yield from _unwrap(top.value, "the object", counter)


def _array_elements(events, item_prefix: str):
    """(index, value) of each element of the array whose start was just read."""
    array_prefix = item_prefix.rsplit(".", 1)[0] if "." in item_prefix else ""
    for index, (prefix, event, value) in enumerate(events):
        if prefix == array_prefix and event == "end_array":
            return
        if event in ("start_map", "start_array"):
            builder = ijson.ObjectBuilder()
            builder.event(event, value)
            depth = 1
            for _p, inner_event, inner_value in events:
                builder.event(inner_event, inner_value)
                if inner_event in ("start_map", "start_array"):
                    depth += 1
                elif inner_event in ("end_map", "end_array"):
                    depth -= 1
                    if depth == 0:
                        break
            yield index, builder.value
        else:
            yield index, value


def _skip_value(events, start) -> None:
    if start[1] not in ("start_map", "start_array"):
        return
    depth = 1
    for _prefix, event, _value in events:
        if event in ("start_map", "start_array"):
            depth += 1
        elif event in ("end_map", "end_array"):
            depth -= 1
            if depth == 0:
                return


def _types(data: dict) -> set[str]:
    kind = data.get("@type", "")
    return set(kind) if isinstance(kind, list) else {kind}


def _unwrap(element, where: str, counter: _Counter) -> Iterator[Item]:
    """The ClaimReviews an element holds (itself, a DataFeedItem's items, an API claim's
    reviews), each numbered."""
    if isinstance(element, dict) and "DataFeedItem" in _types(element) and "item" in element:
        inner = element["item"]
        inner = inner if isinstance(inner, list) else [inner]
        for index, item in enumerate(inner):
            yield from _unwrap(item, f"{where}.item[{index}]", counter)
        return
    if isinstance(element, dict) and isinstance(element.get("claimReview"), list):
        for index, review in enumerate(element["claimReview"]):
            counter.number += 1
            counter.last_where = f"{where}.claimReview[{index}]"
            if isinstance(review, dict):
                yield Item(counter.number, counter.last_where, from_fact_check_api(element, review))
            else:
                yield Item(counter.number, counter.last_where, None, "a review is not an object")
        return
    counter.number += 1
    counter.last_where = where
    if not isinstance(element, dict):
        yield Item(counter.number, where, None, "not a JSON object")
    elif "ClaimReview" not in _types(element) and "claimReviewed" not in element:
        kind = element.get("@type") or "none"
        yield Item(counter.number, where, None, f"not a ClaimReview (@type {kind})")
    else:
        yield Item(counter.number, where, element)


def from_fact_check_api(claim: dict, review: dict) -> dict:
    """A Fact Check Tools API review of a claim, as the ClaimReview it describes."""
    publisher = review.get("publisher") or {}
    site = publisher.get("site", "")
    data = {
        "@type": "ClaimReview",
        "url": review.get("url", ""),
        "claimReviewed": claim.get("text", ""),
        "datePublished": review.get("reviewDate", ""),
        "inLanguage": review.get("languageCode", ""),
        "headline": review.get("title", ""),
        "author": {
            "@type": "Organization",
            "name": publisher.get("name", ""),
            "url": f"https://{site}/" if site and "://" not in site else site,
        },
        "reviewRating": {"@type": "Rating", "alternateName": review.get("textualRating", "")},
        "itemReviewed": {"@type": "Claim", "datePublished": claim.get("claimDate", "")},
    }
    if claim.get("claimant"):
        data["itemReviewed"]["author"] = {"@type": "Person", "name": claim["claimant"]}
    return data


def _json_problem(error: Exception, counter: _Counter, stream: LimitedReader) -> str:
    detail = str(error).splitlines()[0] if str(error) else "malformed JSON"
    if detail.startswith("b'"):
        detail = detail[2:].split("\\n")[0]
    if "premature EOF" in detail or "holds no JSON" in detail:
        if counter.number == 0 and stream.count == 0:
            return "the file is empty"
        return (
            f"the JSON ends before it is complete (truncated?) after {counter.describe()}, "
            f"at byte {stream.count:,}"
        )
    return f"malformed JSON after {counter.describe()}, near byte {stream.count:,}: {detail}"
