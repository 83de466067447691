"""Bounds on the JSON that imports read: how deep it nests, followed as the bytes arrive.

A parser builds its view of nested JSON level by level, and some build it at a cost that
grows with the square of the depth: ijson's path prefixes ("item.item.item…") made a
200 KB file of nested brackets take 23 GB. No ClaimReview, feed or dump line nests more
than a dozen levels, so `DepthGuard` follows the nesting of the bytes before any parser
sees them and refuses the first bracket past `MAX_DEPTH`, naming its byte.

It does not check that the JSON is well formed (the parser does that); it only counts the
brackets outside strings. Complete strings are removed by one regular expression and the
brackets picked out by `bytes.translate`, both in C, so it costs a few per cent of reading.
"""

import re

MAX_DEPTH = 32

_STRING = re.compile(rb'"[^"\\]*(?:\\[\s\S][^"\\]*)*"')
# Everything up to a string that does not end in this piece: other bytes, and whole strings.
_COMPLETE = re.compile(rb'(?:[^"]+|"[^"\\]*(?:\\[\s\S][^"\\]*)*")*')
# The rest of a string begun in an earlier chunk: everything up to its closing quote.
_STRING_REST = re.compile(rb'[^"\\]*(?:\\[\s\S][^"\\]*)*')
_NOT_BRACKETS = bytes(b for b in range(256) if b not in b"[]{}")
_OPENING = frozenset(b"[{")


class TooDeep(Exception):
    """JSON nested deeper than the limit; `offset` is the byte (from 0) that went past it."""

    def __init__(self, offset: int, limit: int):
        self.offset = offset
        self.limit = limit
        super().__init__(f"nested deeper than {limit} levels at byte {offset + 1:,}")


class DepthGuard:
    """Follows the nesting of JSON text fed to it in pieces; raises TooDeep past `limit`."""

    def __init__(self, limit: int = MAX_DEPTH):
        self.limit = limit
        self.depth = 0
        self.offset = 0  # bytes fed so far
        self.in_string = False
        self.escaped = False  # inside a string, the last byte fed was an escaping backslash

    def feed(self, data: bytes) -> None:
        state = (self.depth, self.in_string, self.escaped)
        depth = self._follow(data)
        if depth is not None:
            self.depth = depth
            self.offset += len(data)
            return
        # Past the limit somewhere in `data`: find the byte, one at a time (only now).
        self.depth, self.in_string, self.escaped = state
        raise TooDeep(self.offset + self._first_too_deep(data), self.limit)

    def _follow(self, data: bytes) -> int | None:
        """The depth after `data`, or None if it goes past the limit within it."""
        start = 0
        if self.in_string:
            start = self._string_rest(data, 0)
            if self.in_string:
                return self.depth
        end = _COMPLETE.match(data, start).end()
        outside = _STRING.sub(b" ", data[start:end])
        if end < len(data):  # a string begins at `end` and goes on in the next piece
            self.in_string, self.escaped = True, False
            self._string_rest(data, end + 1)
        depth = self.depth
        for byte in outside.translate(None, _NOT_BRACKETS):
            if byte in _OPENING:
                depth += 1
                if depth > self.limit:
                    return None
            else:
                depth -= 1
        return depth

    def _string_rest(self, data: bytes, start: int) -> int:
        """Read the rest of the current string from `start`; the index after its closing
        quote (and `in_string` False), or len(data) if it goes on."""
        if self.escaped:
            if start >= len(data):
                return start
            start += 1
            self.escaped = False
        end = _STRING_REST.match(data, start).end()
        if end < len(data) and data[end] == ord('"'):
            self.in_string = False
            return end + 1
        # The string goes on; it ends here with a backslash waiting for the escaped byte.
        self.escaped = end == len(data) - 1
        return len(data)

    def _first_too_deep(self, data: bytes) -> int:
        depth, in_string, escaped = self.depth, self.in_string, self.escaped
        for index, byte in enumerate(data):
            if in_string:
                if escaped:
                    escaped = False
                elif byte == 0x5C:  # backslash
                    escaped = True
                elif byte == 0x22:  # quote
                    in_string = False
            elif byte == 0x22:
                in_string = True
            elif byte in _OPENING:
                depth += 1
                if depth > self.limit:
                    return index
            elif byte in b"]}":
                depth -= 1
        return len(data)  # not reached: _follow found one


def check_depth(data: bytes, limit: int = MAX_DEPTH) -> None:
    """Raise TooDeep if the JSON text `data` nests deeper than `limit`."""
    DepthGuard(limit).feed(data)
