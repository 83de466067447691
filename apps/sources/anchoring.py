"""Locating a passage in a source's archived text.

This is the one place that decides whether a quote or a cited passage is really in its
source. The selector follows the W3C Web Annotation text-quote selector: the passage
(`exact`), some text before and after it (`prefix`, `suffix`) to tell repeated passages
apart, and the last known position as a hint.

Matching first compares normalised text (curly and straight quotes, dashes, white space,
case and compatibility forms are made equal), so typography never makes a true passage
"approximate". When the words differ, an alignment (rapidfuzz) finds the most similar
span and scores it; below the threshold the passage is reported as not found.
"""

import unicodedata
from dataclasses import dataclass
from enum import StrEnum

from rapidfuzz import fuzz

# How similar (0..1) a span must be to count as an approximate match of the passage.
APPROXIMATE_THRESHOLD = 0.8
# How much text around a located passage is kept as its prefix and suffix.
CONTEXT_LENGTH = 32

_QUOTE_MARKS = {
    **dict.fromkeys("\u2018\u2019\u201a\u201b\u2032\u00b4\u0060", "'"),
    **dict.fromkeys("\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb\u2039\u203a", '"'),
}
_DASHES = dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d", "-")
_INVISIBLE = set("\u00ad\u200b\u200c\u200d\u2060\ufeff")


class MatchKind(StrEnum):
    EXACT = "exact"
    APPROXIMATE = "approximate"
    NOT_FOUND = "not_found"


@dataclass(frozen=True)
class AnchorResult:
    """Where a passage was found. `start`/`end` index the original (not normalised) text."""

    match: MatchKind
    start: int | None = None
    end: int | None = None
    similarity: float = 0.0
    prefix: str = ""
    suffix: str = ""

    @property
    def found(self) -> bool:
        return self.match is not MatchKind.NOT_FOUND


@dataclass(frozen=True)
class NormalisedText:
    text: str
    # positions[i] is the index in the original text of the character that produced text[i].
    positions: list[int]

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        return self.positions[start], self.positions[end - 1] + 1


def normalise(text: str) -> NormalisedText:
    """Fold typography and case, keeping a map back to the original positions."""
    chars: list[str] = []
    positions: list[int] = []
    in_space = True  # drops leading white space
    for index, char in enumerate(text):
        if char in _INVISIBLE:
            continue
        if char.isspace():
            if not in_space:
                chars.append(" ")
                positions.append(index)
            in_space = True
            continue
        in_space = False
        folded = _QUOTE_MARKS.get(char) or _DASHES.get(char)
        if folded is None:
            folded = unicodedata.normalize("NFKC", char).casefold()
        for piece in folded:
            chars.append(piece)
            positions.append(index)
    if chars and chars[-1] == " ":
        chars.pop()
        positions.pop()
    return NormalisedText("".join(chars), positions)


def locate(
    text: str,
    exact: str,
    *,
    prefix: str = "",
    suffix: str = "",
    hint: int | None = None,
    threshold: float = APPROXIMATE_THRESHOLD,
) -> AnchorResult:
    """Find `exact` in `text`: exactly (after normalising), approximately, or not at all.

    When the passage stands more than once, the occurrence whose surroundings agree best
    with `prefix` and `suffix` wins, then the one nearest `hint`, then the first.
    """
    haystack = normalise(text)
    needle = normalise(exact).text
    if not needle or not haystack.text:
        return AnchorResult(MatchKind.NOT_FOUND)

    occurrences = [
        at
        for at in _occurrences(haystack.text, needle)
        if _on_character_boundaries(haystack.positions, at, len(needle))
    ]
    if occurrences:
        best = max(
            occurrences,
            key=lambda at: _context_score(haystack, at, len(needle), prefix, suffix, hint),
        )
        start, end = haystack.original_span(best, best + len(needle))
        return _result(text, MatchKind.EXACT, start, end, 1.0)

    alignment = fuzz.partial_ratio_alignment(needle, haystack.text)
    if alignment is None or alignment.score / 100 < threshold:
        return AnchorResult(MatchKind.NOT_FOUND)
    # rapidfuzz reports dest_* in the second argument (the text) even when it swapped the
    # two internally because the passage is the longer.
    start, end = _snap_to_words(
        text, *haystack.original_span(alignment.dest_start, alignment.dest_end)
    )
    similarity = fuzz.ratio(needle, normalise(text[start:end]).text) / 100
    if similarity < threshold:
        return AnchorResult(MatchKind.NOT_FOUND)
    return _result(text, MatchKind.APPROXIMATE, start, end, round(similarity, 4))


def _occurrences(haystack: str, needle: str) -> list[int]:
    found = []
    at = haystack.find(needle)
    while at != -1:
        found.append(at)
        at = haystack.find(needle, at + 1)
    return found


def _on_character_boundaries(positions: list[int], at: int, length: int) -> bool:
    """False when a match starts or ends inside the normalised form of one character
    ("2 percent" inside "½ percent", whose "½" normalises to "1⁄2")."""
    starts_clean = at == 0 or positions[at - 1] != positions[at]
    end = at + length
    ends_clean = end == len(positions) or positions[end] != positions[end - 1]
    return starts_clean and ends_clean


def _context_score(
    haystack: NormalisedText, at: int, length: int, prefix: str, suffix: str, hint: int | None
) -> tuple[int, int, int]:
    """Higher is better: agreeing prefix and suffix characters, then closeness to the hint.

    The hint is an offset in the original text, like the stored `start` it comes from.
    """
    before = haystack.text[:at].rstrip()
    after = haystack.text[at + length :].lstrip()
    prefix_agreement = _common_suffix_length(before, normalise(prefix).text)
    suffix_agreement = _common_prefix_length(after, normalise(suffix).text)
    closeness = -abs(haystack.positions[at] - hint) if hint is not None else 0
    return prefix_agreement + suffix_agreement, closeness, -at


def _common_prefix_length(a: str, b: str) -> int:
    length = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        length += 1
    return length


def _common_suffix_length(a: str, b: str) -> int:
    return _common_prefix_length(a[::-1], b[::-1])


def _snap_to_words(text: str, start: int, end: int) -> tuple[int, int]:
    """Widen a span so that it neither starts nor ends inside a word."""
    while start > 0 and text[start - 1].isalnum() and text[start].isalnum():
        start -= 1
    while end < len(text) and text[end - 1].isalnum() and text[end].isalnum():
        end += 1
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _result(text: str, match: MatchKind, start: int, end: int, similarity: float) -> AnchorResult:
    return AnchorResult(
        match=match,
        start=start,
        end=end,
        similarity=similarity,
        prefix=text[max(0, start - CONTEXT_LENGTH) : start],
        suffix=text[end : end + CONTEXT_LENGTH],
    )
