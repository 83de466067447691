"""Where a quoted span stands in its text, for attribution (attribution.py) and for telling
speech from headings (extraction/__init__.py)."""

import re
from bisect import bisect_left

from .sentences import ends_sentence, sentence_ends
from .spans import QuotedSpan

_NUMBERED = re.compile(r"[ \t]*\d{1,3}[.)][ \t]+")
# A headline's length, and the most words of a quotation inside one read as someone's.
_HEADLINE_WORDS = 30
_HEADLINE_QUOTE_WORDS = 8


class Segments:
    """The parts of a text around each of its quoted spans: the span's paragraph, the
    clause before it and the one after, whether it opens its line, whether that line may
    be a heading. Each is read once, however many spans share it."""

    def __init__(self, text: str, spans: list[QuotedSpan]):
        self.text = text
        self.spans = spans
        # Line breaks, so that finding a span's paragraph reads nothing of it.
        self._breaks = [match.start() for match in re.finditer("\n", text)]
        self._clauses: dict[int, tuple[int, int, bool]] = {}
        # Per line (start, end): whether it may be a heading, and where its first sentence
        # ends; read once for all the spans on it.
        self._short_lines: dict[tuple[int, int], bool] = {}
        self._first_ends: dict[tuple[int, int], int | None] = {}

    def paragraph_bounds(self, span: QuotedSpan) -> tuple[int, int]:
        """(start, end) of the line the span opens on, to the end of the line it closes on."""
        before = bisect_left(self._breaks, span.open_at)
        start = self._breaks[before - 1] + 1 if before else 0
        after = bisect_left(self._breaks, span.close_at)
        return start, self._breaks[after] if after < len(self._breaks) else len(self.text)

    def previous_in_paragraph(self, index: int) -> QuotedSpan | None:
        if index == 0:
            return None
        previous = self.spans[index - 1]
        start, _ = self.paragraph_bounds(self.spans[index])
        return previous if previous.close_at >= start else None

    def before_clause(self, index: int) -> tuple[int, int, bool]:
        """(start, end) of the sentence text before the span, and whether the span shares
        its sentence with the previous span."""
        if index not in self._clauses:
            self._clauses[index] = self._before_clause(index)
        return self._clauses[index]

    def _before_clause(self, index: int) -> tuple[int, int, bool]:
        span = self.spans[index]
        paragraph_start, _ = self.paragraph_bounds(span)
        previous = self.previous_in_paragraph(index)
        start = previous.close_at + 1 if previous else paragraph_start
        ends = sentence_ends(self.text, start, span.open_at)
        if ends:
            return ends[-1], span.open_at, False
        if previous is not None and self._ended_a_sentence(previous, span.open_at):
            # `…such as, "More Money on Students." Teachers played "…"`: a new sentence.
            return start, span.open_at, False
        return start, span.open_at, previous is not None

    def _ended_a_sentence(self, previous: QuotedSpan, before: int) -> bool:
        """Whether a quotation ending with its own full stop (or ! or ?) ended its
        sentence: a capital letter opens the words after it."""
        if not self.text[previous.start : previous.end].endswith((".", "!", "?")):
            return False
        following = re.search(r"\S", self.text[previous.close_at + 1 : before])
        return following is not None and following.group().isupper()

    def after_clause(self, index: int) -> tuple[int, int]:
        span = self.spans[index]
        _, paragraph_end = self.paragraph_bounds(span)
        end = paragraph_end
        if index + 1 < len(self.spans) and self.spans[index + 1].open_at < paragraph_end:
            end = self.spans[index + 1].open_at
        ends = sentence_ends(self.text, span.close_at + 1, end, first=True)
        return span.close_at + 1, ends[0] if ends else end

    def opens_its_line(self, span: QuotedSpan) -> bool:
        """Whether no sentence ends on the span's line before the span opens."""
        start, end = bounds = self.paragraph_bounds(span)
        if bounds not in self._first_ends:
            # "3. "Not some irregular channel"": a list's number opens no sentence.
            number = _NUMBERED.match(self.text, start, end)
            ends = sentence_ends(self.text, number.end() if number else start, end, first=True)
            self._first_ends[bounds] = ends[0] - 1 if ends else None
        first = self._first_ends[bounds]
        if first is not None and first < span.open_at - 1:
            return False
        # Right before the span, a mark ends the sentence whatever follows it: reading
        # text[start:open_at], sentence_ends sees the end of its text there.
        at = span.open_at - 1
        return not (
            at >= start
            and self.text[at] in ".!?"
            and (self.text[at] != "." or ends_sentence(self.text, start, at))
        )

    def is_short_line(self, span: QuotedSpan) -> bool:
        """Whether the span's line is short (15 words at most) and ends without a mark
        that ends or continues a sentence: a heading, or a line that could be one."""
        start, end = bounds = self.paragraph_bounds(span)
        if bounds not in self._short_lines:
            line = self.text[start:end].strip()
            stripped = line.rstrip("\"”’»' ")
            self._short_lines[bounds] = len(line.split()) <= 15 and not stripped.endswith(
                (".", "!", "?", ":", ";", ",")
            )
        return self._short_lines[bounds]

    def in_a_headline(self, span: QuotedSpan) -> bool:
        """Whether the span is a few words quoted inside a headline: a line of 30 words at
        most that ends without a mark ending or continuing a sentence, with words of the
        line before the span (`Staffers 'don't care': Federal prison suicides were quietly
        rising…`, `Hong Kong 'threatened with Chinese military intervention'`). A headline
        quotes someone's words, not a term of its own."""
        start, end = self.paragraph_bounds(span)
        line = self.text[start:end].strip()
        words = span.words(self.text)
        return (
            len(line.split()) <= _HEADLINE_WORDS
            and not line.rstrip("\"”’»' ").endswith((".", "!", "?", ":", ";", ","))
            and bool(re.search(r"\w", self.text[start : span.open_at]))
            and words[:1].islower()
            and len(words.split()) <= _HEADLINE_QUOTE_WORDS
        )
