"""Finding quoted spans in a text: straight and curly double quotes, guillemets, low-9
quotes, and single quotes, curly or straight, where they cannot be apostrophes.

Quotation marks nest (a single-quoted phrase inside a double-quoted one, or double quotes
inside guillemets): only the outermost span is returned, since the inner one is part of the
outer speech. A quotation that runs over several paragraphs follows the printer's rule:
each paragraph opens with a mark and only the last one closes, so a paragraph that ends
inside a quotation continues it when the next paragraph begins with an opening mark.
"""

import re
import unicodedata
from bisect import bisect_left
from dataclasses import dataclass

from .lexicon import words

DOUBLE_OPENERS = {"“": "”", "«": "»", "„": "“", "‹": "›"}
SINGLE_OPENERS = {"‘": "’"}
STRAIGHT = '"'
_SPACE_BEFORE = set(" \t\n([{—–-/:;,") | {""}
_TRAILING_PUNCTUATION = ",;:"
# Every character that may open or close a quotation: the scan steps from one to the next.
_MARKS = re.compile("[\"“”«»„‹›‘’']")
STRAIGHT_SINGLE = "'"


@dataclass(frozen=True)
class QuotedSpan:
    """A quotation in the text. Offsets index the original text.

    `open_at` and `close_at` are the positions of the outer quotation marks; `start` and
    `end` bound the quoted words inside them (white space trimmed). A quotation running over
    paragraphs keeps the paragraphs' own opening marks inside [start, end).
    """

    open_at: int
    close_at: int
    start: int
    end: int
    paragraph: int
    mark: str
    continued: bool = False
    inside: bool = False  # a quotation inside a speech quotation (nested.py)

    def raw(self, text: str) -> str:
        return text[self.start : self.end]

    def words(self, text: str) -> str:
        """The quoted words, as a quote's text: one line, without its outer punctuation.

        A trailing comma, colon or semicolon belongs to the sentence around the quotation;
        so does a final full stop after a fragment (`called them "provocateurs."`), while a
        whole quoted sentence keeps its own.
        """
        words = self.raw(text)
        if self.continued:
            words = re.sub(r"\s*\n\s*[\"“«„‹]?", " ", words)
        words = re.sub(r"\s+", " ", words).strip()
        words = words.rstrip(_TRAILING_PUNCTUATION).rstrip()
        if words.endswith(".") and not looks_like_sentence(words):
            words = words[:-1].rstrip()
        return words


# Short words Title Case leaves in lower case: "Dancing with the Stars".
_TITLE_CASE_SMALL = words("with from into onto over upon than that like near")


def title_cased(words: str) -> bool:
    """'Lines on a Map', 'Russian-Speaking Country': every word of four letters or more
    capitalised, at least two of them, and no sentence inside."""
    words = words.rstrip(".!?,")
    if len(words.split()) > 8 or re.search(r"[.!?;:]", words):
        return False
    significant = [
        w
        for w in re.findall(r"[A-Za-z][\w’'\-]*", words)
        if len(w) > 3 and w not in _TITLE_CASE_SMALL
    ]
    return len(significant) >= 2 and all(w[0].isupper() for w in significant)


def looks_like_sentence(words: str) -> bool:
    return bool(words) and words[0].isupper() and len(words.split()) >= 4


def paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) of each non-empty line of the text."""
    spans, at = [], 0
    for line in text.split("\n"):
        if line.strip():
            spans.append((at, at + len(line)))
        at += len(line) + 1
    return spans


def find_spans(text: str) -> list[QuotedSpan]:
    found: list[QuotedSpan] = []
    marks = _Marks(text)
    paras = paragraphs(text)
    index = 0
    while index < len(paras):
        spans, index = _scan_from(text, paras, index, marks)
        found.extend(spans)
    return found


class _Marks:
    """Where the closing marks stand, found once, so that no mark makes the scan read
    ahead to the end of its paragraph: the text is read a bounded number of times, however
    many marks it holds."""

    def __init__(self, text: str):
        self.right_double = [m.start() for m in re.finditer("”", text)]
        # ’ not followed by a letter or digit ([^\W_]: what str.isalnum() accepts); a
        # paragraph ends at a line break or the end of the text, which are neither.
        self.closing_single = [m.start() for m in re.finditer(r"’(?![^\W_])", text)]
        # ' after a letter, a digit, a sentence's mark or a comma and not before a letter
        # or digit: where a straight single quotation may close ('…,' she said).
        self.closing_straight = [
            m.start() for m in re.finditer(r"(?<=[^\W_]|[.!?,])'(?![^\W_])", text)
        ]

    @staticmethod
    def _next(positions: list[int], start: int, end: int) -> int | None:
        at = bisect_left(positions, start)
        return positions[at] if at < len(positions) and positions[at] < end else None

    def right_double_in(self, start: int, end: int) -> bool:
        return self._next(self.right_double, start, end) is not None

    def single_close(self, start: int, end: int) -> int | None:
        return self._next(self.closing_single, start, end)

    def straight_single_close(self, start: int, end: int) -> int | None:
        return self._next(self.closing_straight, start, end)


def _scan_from(text: str, paras, index: int, marks: _Marks):
    """Scan paragraph `index` (and any paragraphs a quotation runs into)."""
    spans: list[QuotedSpan] = []
    start, end = paras[index]
    opened: tuple[int, str, str, int] | None = None  # (position, mark, closer, paragraph)
    straight_inside = 0  # straight marks met inside a “…” quotation: a quotation within
    singles_open = 0  # ‘ met inside a “…” quotation and not yet closed by ’
    continued = False
    position = start
    para = index
    while True:
        # Only quotation marks change anything: step from one to the next.
        for found in _MARKS.finditer(text, position, end):
            position = found.start()
            char = text[position]
            if opened is None:
                closer = _opens(text, position, start, end, marks)
                if closer:
                    opened, continued = (position, char, closer, para), False
                    straight_inside = singles_open = 0
            else:
                if _closes(text, position, opened, end, marks, straight_inside, singles_open):
                    spans.append(_make_span(text, opened, position, para, continued))
                    opened = None
                elif char == STRAIGHT:
                    straight_inside += 1
                elif char == "‘":
                    singles_open += 1
                elif char == "’" and singles_open:
                    singles_open -= 1
        if opened is None:
            return spans, para + 1
        # The paragraph ended inside a quotation: a continuation if the next opens again.
        if para + 1 < len(paras) and _begins_with_opener(text, paras[para + 1][0], opened[1]):
            para += 1
            start, end = paras[para]
            position = _skip_space(text, start) + 1
            continued = True
            continue
        # An opening mark nobody closed: a typo, not a quotation.
        return spans, para + 1


def _make_span(text, opened, close_at, para, continued) -> QuotedSpan:
    open_at, mark, _closer, first_para = opened
    start, end = open_at + 1, close_at
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if mark == "“" and text.startswith("’’", close_at):
        close_at += 1  # `“…voters,’’`: the second mark closes it too
    return QuotedSpan(open_at, close_at, start, end, first_para, mark, continued)


def _prev(text: str, position: int, start: int) -> str:
    return text[position - 1] if position > start else ""


def _next(text: str, position: int, end: int) -> str:
    return text[position + 1] if position + 1 < end else ""


def _opens(text: str, position: int, start: int, end: int, marks: _Marks) -> str:
    """The closing mark to wait for if the mark at `position` opens a quotation, else ''."""
    char = text[position]
    before, after = _prev(text, position, start), _next(text, position, end)
    if not after or after.isspace():
        return ""
    if unicodedata.category(after)[0] == "M":
        # A combining mark after it is written on the mark itself: a quotation opened
        # there would begin halfway through a character, where no anchor can begin.
        return ""
    if char in DOUBLE_OPENERS:
        return DOUBLE_OPENERS[char]
    if char == STRAIGHT:
        return STRAIGHT
    if char == "”" and before in _SPACE_BEFORE:  # a closing mark typed as an opening one
        return "”"
    if char == STRAIGHT_SINGLE and (before in _SPACE_BEFORE or before in '"“'):
        # 'biggest frustration' (headlines): at the start of a word, if a ' that can close
        # it follows in the paragraph; an apostrophe inside a word never opens.
        following = text[position + 1 : position + 3]
        if not (following[:1].isalpha() and (following[1:].isalpha() or following[1:] == " ")):
            return ""  # not '90s, not rock 'n' roll
        closing = marks.straight_single_close(position + 1, end)
        return STRAIGHT_SINGLE if closing is not None else ""
    if char in SINGLE_OPENERS and (before in _SPACE_BEFORE or before in '"“'):
        # ‘ at the start of a word: a single-quoted span, if a closing ’ follows that is
        # not an apostrophe (“Putin’s”) inside a word.
        closing = marks.single_close(position + 1, end)
        return "’" if closing is not None else ""
    return ""


def _closes(
    text: str,
    position: int,
    opened,
    end: int,
    marks: _Marks,
    straight_inside: int = 0,
    singles_open: int = 0,
) -> bool:
    char = text[position]
    _open_at, mark, closer, _para = opened
    before, after = text[position - 1], _next(text, position, end)
    if char == closer or (closer == STRAIGHT and char == "”"):
        if closer in ("’", STRAIGHT_SINGLE) and after.isalnum():
            return False  # an apostrophe inside the single-quoted words
        if closer == STRAIGHT_SINGLE and not (before.isalnum() or before in ".!?,"):
            return False
        return not before.isspace() or not after or not after.isalnum()
    if closer == "”" and text.startswith("’’", position):
        # Two right single marks typed for a right double one (`“…voters,’’ he said`),
        # as some wire copy does.
        return not before.isspace() and not _next(text, position + 1, end).isalnum()
    if (
        mark == "“"
        and char == "’"
        and not singles_open
        and before in ",.!?"
        and not after.isalnum()
        and not marks.right_double_in(position, end)
    ):
        # `“…cutting the rate of transmission,’ he says`: a right single mark typed for
        # the double one no later mark of the paragraph closes.
        return True
    if mark == "“" and char == STRAIGHT:
        # Mixed typography (“…") is common in pasted copy: a straight mark closes when no
        # curly one follows in the paragraph, or when it stands as a closing mark does
        # (`“Forty-five years of practicing law," he said, "has convinced me…”`) and does
        # not close a "quotation" inside the quotation.
        if not marks.right_double_in(position, end):
            return not before.isspace()
        return (
            straight_inside % 2 == 0
            and not before.isspace()
            and before not in "(“"
            and not after.isalnum()
        )
    return False


def _skip_space(text: str, position: int) -> int:
    while position < len(text) and text[position].isspace():
        position += 1
    return position


def _begins_with_opener(text: str, position: int, mark: str) -> bool:
    position = _skip_space(text, position)
    char = text[position] if position < len(text) else ""
    if mark == STRAIGHT_SINGLE:
        return False  # straight single quotes stay within their paragraph
    if mark == STRAIGHT:
        return char == STRAIGHT
    return char == mark or (mark in "“”" and char in "“”")
