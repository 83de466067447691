"""Locating a passage in a source's archived text.

This is the one place that decides whether a quote or a cited passage is really in its
source. The selector follows the W3C Web Annotation text-quote selector: the passage
(`exact`), some text before and after it (`prefix`, `suffix`) to tell repeated passages
apart, and the last known position as a hint.

Matching first compares normalised text (curly and straight quotes, dashes, white space,
case and compatibility forms are made equal), so typography never makes a true passage
"approximate". When the words differ, an alignment (rapidfuzz) finds the most similar
span and scores it; below the threshold the passage is reported as not found.

A located passage keeps words and numbers whole: it never starts or ends inside a token
(`well-known`, `Putin’s`, `£3.4bn`, `4.5%`). An approximate span is widened to whole tokens;
an exact occurrence inside a longer token is not the passage ("£3" in "£3.4bn").
"""

import re
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache

from django.db import models
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


class Match(models.TextChoices):
    """How a passage was found in its source: the one enum for it, stored by every kind of
    passage as `AnchoredPassage.Match`."""

    EXACT = "exact", "Exact"
    APPROXIMATE = "approximate", "Approximate"
    NOT_FOUND = "not_found", "Not found"


@dataclass(frozen=True)
class AnchorResult:
    """Where a passage was found. `start`/`end` index the original (not normalised) text."""

    match: Match
    start: int | None = None
    end: int | None = None
    similarity: float = 0.0
    prefix: str = ""
    suffix: str = ""

    @property
    def found(self) -> bool:
        return self.match is not Match.NOT_FOUND


class Positions:
    """Where each character of a normalised text comes from in the original text:
    `positions[i]` is the index of the original character that produced character i.

    Kept as runs, not one integer per character: a run maps consecutive characters to
    consecutive originals (stride 1), or several characters to one original that folded
    into them (stride 0: "½" into "1⁄2"). Text has a run per collapsed stretch of white
    space or folded character, so a long text costs little memory, and an original
    position can be looked up the other way too (`index_of`).
    """

    def __init__(self):
        self._starts: list[int] = []  # index in the normalised text where each run starts
        self._origins: list[int] = []  # the original index of its first character
        self._strides: list[int] = []
        self._length = 0

    def _add(self, origin: int, length: int, stride: int) -> None:
        if not length:
            return
        if (
            stride
            and self._strides
            and self._strides[-1]
            and self._origins[-1] + (self._length - self._starts[-1]) == origin
        ):
            self._length += length  # continues the last run
            return
        self._starts.append(self._length)
        self._origins.append(origin)
        self._strides.append(stride)
        self._length += length

    def _drop_last(self) -> None:
        self._length -= 1
        if self._starts[-1] == self._length:
            self._starts.pop()
            self._origins.pop()
            self._strides.pop()

    def __len__(self) -> int:
        return self._length

    def __getitem__(self, index: int) -> int:
        if index < 0:
            index += self._length
        if not 0 <= index < self._length:
            raise IndexError(index)
        run = bisect_right(self._starts, index) - 1
        return self._origins[run] + self._strides[run] * (index - self._starts[run])

    def __iter__(self):
        return (self[index] for index in range(self._length))

    def __eq__(self, other) -> bool:
        return list(self) == list(other)

    def index_of(self, origin: int) -> int | None:
        """The first normalised index that `origin` produced (None if it produced none:
        white space folded into the space before it, or an invisible character)."""
        run = bisect_right(self._origins, origin) - 1
        if run < 0:
            return None
        offset = origin - self._origins[run]
        end = self._starts[run + 1] if run + 1 < len(self._starts) else self._length
        if self._strides[run] == 0:
            return self._starts[run] if offset == 0 else None
        index = self._starts[run] + offset
        return index if index < end else None


@dataclass(frozen=True)
class NormalisedText:
    text: str
    # positions[i] is the index in the original text of the character that produced text[i].
    positions: Positions

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        return self.positions[start], self.positions[end - 1] + 1


@lru_cache(maxsize=65536)  # per character: a text uses a few hundred at most
def _fold(char: str) -> str:
    """What one character becomes: nothing (invisible), a space (white space), or its
    folded form."""
    if char in _INVISIBLE:
        return ""
    if char.isspace():
        return " "
    return (
        _QUOTE_MARKS.get(char)
        or _DASHES.get(char)
        or unicodedata.normalize("NFKC", char).casefold()
    )


def normalise(text: str) -> NormalisedText:
    """Fold typography and case, keeping a map back to the original positions.

    Each character is folded on its own (quotation marks and dashes to their plain
    forms, then NFKC and case folding); invisible characters are dropped; each stretch of
    white space becomes one space, and white space at either end goes. Linear in the
    text's length: the characters that fold one to one are translated in bulk, and only
    stretches of white space and characters that fold into several go one by one.
    """
    table: dict[int, str] = {}
    irregular: list[str] = []
    for char in set(text):
        folded = _fold(char)
        if len(folded) == 1:
            if folded != char:
                table[ord(char)] = folded
        elif folded or char not in _INVISIBLE:
            irregular.append(char)
    pattern = _irregular_pattern("".join(sorted(irregular)))
    pieces: list[str] = []
    positions = Positions()
    at = 0
    for match in pattern.finditer(text):
        if match.start() > at:
            pieces.append(text[at : match.start()].translate(table))
            positions._add(at, match.start() - at, 1)
        found = match.group()
        if found[0] in _INVISIBLE or found[0].isspace():
            # A stretch of white space and invisible characters: one space where the first
            # white space stands, unless it opens the text.
            first_space = next((i for i, char in enumerate(found) if char.isspace()), None)
            if first_space is not None and match.start() > 0:
                pieces.append(" ")
                positions._add(match.start() + first_space, 1, 1)
        else:
            folded = _fold(found)
            pieces.append(folded)
            positions._add(match.start(), len(folded), 0)
        at = match.end()
    if at < len(text):
        pieces.append(text[at:].translate(table))
        positions._add(at, len(text) - at, 1)
    normalised = "".join(pieces)
    if normalised.endswith(" "):
        normalised = normalised[:-1]
        positions._drop_last()
    return NormalisedText(normalised, positions)


@lru_cache(maxsize=64)
def _irregular_pattern(folding_chars: str) -> re.Pattern:
    """What `normalise` handles one by one: stretches of two or more white space or
    invisible characters, a lone invisible character, white space opening the text, and
    the characters that do not fold one to one."""
    invisible = re.escape("".join(sorted(_INVISIBLE)))
    alternatives = [rf"[\s{invisible}]{{2,}}", f"[{invisible}]", r"\A\s"]
    if folding_chars:
        alternatives.append(f"[{re.escape(folding_chars)}]")
    return re.compile("|".join(alternatives))


@lru_cache(maxsize=2)
def _normalised_source(text: str) -> NormalisedText:
    """A source's text normalised once for all the passages located in it in a row (an
    import anchoring each of its quotes, a source's passages anchored again)."""
    return normalise(text)


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
    haystack = _normalised_source(text)
    needle = normalise(exact).text
    if not needle or not haystack.text:
        return AnchorResult(Match.NOT_FOUND)

    before, after = normalise(prefix).text, normalise(suffix).text
    if hint is not None:
        # Where the passage was last found, with the same text around it, it still is:
        # no other occurrence can score higher (the whole context agrees, and it is the
        # nearest to the hint), so the text need not be searched.
        at = haystack.positions.index_of(hint)
        if (
            at is not None
            and haystack.text.startswith(needle, at)
            and _on_character_boundaries(haystack.positions, at, len(needle))
            and _stands_whole(text, *haystack.original_span(at, at + len(needle)))
            and _context_score(haystack, at, len(needle), before, after, hint)
            == (len(before) + len(after), 0, -at)
        ):
            start, end = haystack.original_span(at, at + len(needle))
            return _result(text, Match.EXACT, start, end, 1.0)
    # An occurrence that starts or ends inside a word or a number is not the passage: "£3"
    # inside "£3.4bn" is another figure. When there is no other, the passage is aligned as
    # a reworded one, and reported with the source's own whole words or not at all.
    occurrences = [
        at
        for at in _occurrences(haystack.text, needle)
        if _on_character_boundaries(haystack.positions, at, len(needle))
        and _stands_whole(text, *haystack.original_span(at, at + len(needle)))
    ]
    if occurrences:
        best = max(
            occurrences,
            key=lambda at: _context_score(haystack, at, len(needle), before, after, hint),
        )
        start, end = haystack.original_span(best, best + len(needle))
        return _result(text, Match.EXACT, start, end, 1.0)

    alignment = fuzz.partial_ratio_alignment(needle, haystack.text)
    if alignment is None or alignment.score / 100 < threshold:
        return AnchorResult(Match.NOT_FOUND)
    # rapidfuzz reports dest_* in the second argument (the text) even when it swapped the
    # two internally because the passage is the longer.
    start, end = _snap_to_words(
        text, *haystack.original_span(alignment.dest_start, alignment.dest_end)
    )
    similarity, start, end = _best_words_around(text, needle, start, end)
    if similarity < threshold:
        return AnchorResult(Match.NOT_FOUND)
    return _result(text, Match.APPROXIMATE, start, end, round(similarity, 4))


# How many tokens an approximate span may gain at either end to be more like the passage.
_WORD_STEPS = 8


def _best_words_around(text: str, needle: str, start: int, end: int) -> tuple[float, int, int]:
    """text[start:end], grown a token at a time at either end while that makes it more
    similar to `needle`, with its similarity (0..1). rapidfuzz's window has the passage's
    length, so a span grown to a whole figure ("£3" to "£3.4bn") would otherwise lose the
    words at its other end. It never shrinks: the words that differ stay shown."""

    def similarity(span: tuple[int, int]) -> float:
        return fuzz.ratio(needle, normalise(text[span[0] : span[1]]).text) / 100

    best = (start, end)
    best_similarity = similarity(best)
    for _ in range(_WORD_STEPS):
        start, end = best
        candidates = {(_word_start_before(text, start), end), (start, _word_end_after(text, end))}
        candidates.discard(best)
        if not candidates:
            break
        top_similarity, top = max((similarity(span), span) for span in candidates)
        if top_similarity <= best_similarity:
            break
        best, best_similarity = top, top_similarity
    return best_similarity, *best


def _word_start_before(text: str, start: int) -> int:
    """Where the token (a word, a number or one other character) before text[start]
    starts, white space apart; `start` if there is none."""
    at = start
    while at > 0 and text[at - 1].isspace():
        at -= 1
    if at == 0:
        return start
    at -= 1
    while at > 0 and _joined(text, at):
        at -= 1
    return at


def _word_end_after(text: str, end: int) -> int:
    """Where the token after text[:end] ends, white space apart; `end` if there is none."""
    at = end
    while at < len(text) and text[at].isspace():
        at += 1
    if at == len(text):
        return end
    at += 1
    while at < len(text) and _joined(text, at):
        at += 1
    return at


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

    `prefix` and `suffix` are normalised. Only as much text around the occurrence is read
    as they can agree with, so scoring costs the same however long the text is. The hint
    is an offset in the original text, like the stored `start` it comes from.
    """
    prefix_agreement = _common_suffix_length(_text_before(haystack.text, at, len(prefix)), prefix)
    suffix_agreement = _common_prefix_length(
        _text_after(haystack.text, at + length, len(suffix)), suffix
    )
    closeness = -abs(haystack.positions[at] - hint) if hint is not None else 0
    return prefix_agreement + suffix_agreement, closeness, -at


def _text_before(text: str, at: int, wanted: int) -> str:
    """The last `wanted` characters (or fewer) of text[:at].rstrip()."""
    window = wanted + 1
    while True:
        start = max(0, at - window)
        before = text[start:at].rstrip()
        if start == 0 or len(before) >= wanted:
            return before[len(before) - wanted :] if wanted else ""
        window *= 2


def _text_after(text: str, at: int, wanted: int) -> str:
    """The first `wanted` characters (or fewer) of text[at:].lstrip()."""
    window = wanted + 1
    while True:
        after = text[at : at + window].lstrip()
        if at + window >= len(text) or len(after) >= wanted:
            return after[:wanted]
        window *= 2


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
    """Widen a span so that it neither starts nor ends inside a word or a number (see
    `_joined`), then drop the white space at its ends. Walks only over the tokens cut, so
    it costs the length of those tokens, not of the text."""
    while 0 < start < len(text) and _joined(text, start):
        start -= 1
    while 0 < end < len(text) and _joined(text, end):
        end += 1
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _stands_whole(text: str, start: int, end: int) -> bool:
    """True when text[start:end] neither starts nor ends inside a word or a number."""
    return not (0 < start < len(text) and _joined(text, start)) and not (
        0 < end < len(text) and _joined(text, end)
    )


# What holds a token together, beyond letters and digits standing side by side:
# between two word characters (well-known, don't, Putin’s, and the invisible characters
# that stand inside words: soft hyphen, zero-width (non-)joiner, word joiner);
_WORD_JOINERS = frozenset("-\u2010\u2011'\u2019\u02bc\u00ad\u200c\u200d\u2060")
# between two digits (3.4, 3,400, 10:30, 24/7, and the spaces that group thousands: 3 400);
_NUMBER_JOINERS = frozenset(".,:/'\u00a0\u2009\u202f")
# glued after a digit (4.5%, 30°C); a currency sign glues to a digit on either side
# (£3.4bn, 100€, and US$5 between a word and a digit). Units are letters: 3.4bn, 30m.
_NUMBER_SUFFIXES = frozenset("%\u2030\u2031\u00b0")
# Scripts written without spaces between words: each character stands on its own, since
# a span can only be cut between characters there (a dictionary would be needed to find
# the words). Hangul is written with spaces, so it is not among them.
_UNSPACED_SCRIPTS = (
    "CJK ",
    "HIRAGANA",
    "KATAKANA",
    "HALFWIDTH KATAKANA",
    "THAI",
    "LAO",
    "KHMER",
    "MYANMAR",
    "TIBETAN",
)

_WORD, _DIGIT, _MARK, _CURRENCY, _OTHER = range(5)


@lru_cache(maxsize=65536)  # per character, as `_fold`
def _kind(char: str) -> int:
    category = unicodedata.category(char)
    if category[0] == "M":
        return _MARK
    if category == "Sc":
        return _CURRENCY
    if not char.isalnum() or unicodedata.name(char, "").startswith(_UNSPACED_SCRIPTS):
        return _OTHER
    return _DIGIT if category == "Nd" else _WORD


def _joined(text: str, at: int) -> bool:
    """Whether text[at - 1] and text[at] belong to one token (0 < at < len(text)): a word
    with its hyphens and apostrophes, or a figure with its decimal point, thousands
    separators, currency sign, unit and per cent sign. Looks at most one character further
    either side, for a joiner standing between them."""
    before, after = text[at - 1], text[at]
    kind_before, kind_after = _kind(before), _kind(after)
    if kind_after == _MARK:
        # A combining mark belongs to the character it is written on (é as e + ◌́).
        return not before.isspace()
    words = (_WORD, _DIGIT, _MARK)
    if kind_before in words and kind_after in words:
        return kind_before != _MARK or _kind_under_mark(text, at - 1) in words
    if kind_before == _CURRENCY and kind_after == _DIGIT:
        return True
    if kind_before == _DIGIT and (kind_after == _CURRENCY or after in _NUMBER_SUFFIXES):
        return True
    return (at + 1 < len(text) and _joins(before, after, text[at + 1])) or (
        at >= 2 and _joins(text[at - 2], before, after)
    )


def _kind_under_mark(text: str, at: int) -> int:
    """The kind of the character that the combining marks ending at text[at] are written on
    (a Thai vowel sign belongs to a Thai letter, which stands on its own)."""
    lowest = max(0, at - 32)  # a run of marks longer than any real cluster stops here
    while at > lowest and _kind(text[at]) == _MARK:
        at -= 1
    return _kind(text[at])


def _joins(left: str, middle: str, right: str) -> bool:
    """Whether `middle`, standing between `left` and `right`, holds them in one token."""
    kind_left, kind_right = _kind(left), _kind(right)
    if (
        middle in _WORD_JOINERS
        and kind_left in (_WORD, _DIGIT, _MARK)
        and kind_right in (_WORD, _DIGIT)
    ):
        return True
    if middle in _NUMBER_JOINERS and kind_left == kind_right == _DIGIT:
        return True
    return _kind(middle) == _CURRENCY and kind_left == _WORD and kind_right == _DIGIT


def _result(text: str, match: Match, start: int, end: int, similarity: float) -> AnchorResult:
    return AnchorResult(
        match=match,
        start=start,
        end=end,
        similarity=similarity,
        prefix=text[max(0, start - CONTEXT_LENGTH) : start],
        suffix=text[end : end + CONTEXT_LENGTH],
    )
