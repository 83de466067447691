"""Rendering passages of a source's text: highlighted in the whole text, shown in context,
and compared word by word with a quote.

Every piece of text is escaped here (`escape`, `format_html`); the results are SafeStrings
that templates print as they are. Source texts come from the web, so nothing in them may
ever reach a page unescaped.
"""

import difflib
import string
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from itertools import pairwise

from django.utils.html import escape, format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe

from apps.sources.anchoring import normalise


@dataclass(frozen=True)
class Passage:
    """One highlighted span of a source's text and the page it links to."""

    start: int
    end: int
    html_id: str  # the id the claim and quote pages link to: "citation-3", "appearance-7"
    href: str  # the claim's or quote's page
    kind: str  # "quote" or "claim", for readers
    title: str  # the quote's words or the claim's statement
    classes: tuple[str, ...] = field(default=())
    number: int = 0  # its number in reading order, set by `number_passages`


def number_passages(passages: Iterable[Passage], text_length: int) -> list[Passage]:
    """The passages that lie within the text, in reading order, numbered from 1.

    Outer passages come before the passages they contain, so that they nest outside them.
    """
    inside = [p for p in passages if 0 <= p.start < p.end <= text_length]
    inside.sort(key=lambda p: (p.start, -p.end, p.html_id))
    return [Passage(**{**p.__dict__, "number": number}) for number, p in enumerate(inside, start=1)]


def highlight(text: str, passages: Sequence[Passage]) -> SafeString:
    """The text as paragraphs, each passage in `<mark>` elements, overlaps included.

    The text is cut at every passage boundary and every line break into segments. Each
    segment is wrapped in one `<mark>` per passage covering it, outermost first; a
    passage's `id` goes on its first segment, so a link to `#citation-3` lands on the
    start of the highlighted words. After a passage's last segment comes a numbered link
    to its claim or quote. `passages` must come from `number_passages`.
    """
    cuts = {0, len(text)}
    for passage in passages:
        cuts.update((passage.start, passage.end))
    for index, char in enumerate(text):
        if char == "\n":
            cuts.update((index, index + 1))

    paragraphs: list[list[SafeString]] = [[]]
    placed: set[str] = set()
    for start, end in pairwise(sorted(cuts)):
        segment = text[start:end]
        if segment == "\n":
            paragraphs.append([])
            continue
        html = escape(segment)
        covering = [p for p in passages if p.start <= start and end <= p.end]
        for passage in reversed(covering):
            html = _mark(passage, html, with_id=passage.html_id not in placed)
        placed.update(p.html_id for p in covering)
        ending = [p for p in passages if p.end == end]
        paragraphs[-1].append(html + _references(ending))

    return format_html_join(
        "\n",
        "<p>{}</p>",
        ((mark_safe("".join(pieces)),) for pieces in paragraphs if _has_text(pieces)),
    )


def _has_text(pieces: list[SafeString]) -> bool:
    return any(piece.strip() for piece in pieces)


def _mark(passage: Passage, inner: SafeString, *, with_id: bool) -> SafeString:
    classes = " ".join(("passage", f"passage--{passage.kind}", *passage.classes))
    if with_id:
        return format_html('<mark id="{}" class="{}">{}</mark>', passage.html_id, classes, inner)
    return format_html('<mark class="{}">{}</mark>', classes, inner)


def _references(passages: Iterable[Passage]) -> SafeString:
    return format_html_join(
        "",
        '<a class="passage-ref passage-ref--{}" href="{}" title="{}">'
        '<span class="visually-hidden">{} </span>{}</a>',
        ((p.kind, p.href, p.title, p.kind.capitalize(), p.number) for p in passages),
    )


def in_context(text: str, start: int, end: int, *, context: int = 160) -> SafeString:
    """The passage `text[start:end]` marked, with up to `context` characters either side.

    The context is cut at a word boundary and an ellipsis shows where text was left out.
    """
    before_from = max(0, start - context)
    before = text[before_from:start]
    if before_from > 0:
        before = "…" + before[_first_space(before) :].lstrip()
    after_to = min(len(text), end + context)
    after = text[end:after_to]
    if after_to < len(text):
        after = after[: _last_space(after)].rstrip() + "…"
    return format_html(
        '{}<mark class="passage">{}</mark>{}',
        " ".join(before.split("\n")),
        text[start:end],
        " ".join(after.split("\n")),
    )


def _first_space(text: str) -> int:
    index = text.find(" ")
    return 0 if index == -1 else index


def _last_space(text: str) -> int:
    index = text.rfind(" ")
    return len(text) if index == -1 else index


_PUNCTUATION = string.punctuation + "“”‘’«»—–…"


def _comparable(word: str) -> str:
    return normalise(word).text.strip(_PUNCTUATION)


def word_differences(quote: str, found: str) -> SafeString | None:
    """The source's wording against the quote's, word by word; None when the words agree.

    Typography, case and punctuation around words do not count as differences (the
    anchoring treats them the same way). Words only the source has are `<ins>`, words only
    the quote has are `<del>`; each also says so in words, for readers who cannot tell
    the styles apart and for screen readers, which do not announce them.
    """
    quote_words, found_words = quote.split(), found.split()
    matcher = difflib.SequenceMatcher(
        a=[_comparable(w) for w in quote_words],
        b=[_comparable(w) for w in found_words],
        autojunk=False,
    )
    opcodes = matcher.get_opcodes()
    if all(tag == "equal" for tag, *_ in opcodes):
        return None
    pieces = []
    for tag, a_from, a_to, b_from, b_to in opcodes:
        if tag == "equal":
            pieces.append(escape(" ".join(found_words[b_from:b_to])))
            continue
        if tag in ("delete", "replace"):
            pieces.append(
                format_html(
                    '<del><span class="visually-hidden">[quote has: </span>{}'
                    '<span class="visually-hidden">]</span></del>',
                    " ".join(quote_words[a_from:a_to]),
                )
            )
        if tag in ("insert", "replace"):
            pieces.append(
                format_html(
                    '<ins><span class="visually-hidden">[source has: </span>{}'
                    '<span class="visually-hidden">]</span></ins>',
                    " ".join(found_words[b_from:b_to]),
                )
            )
    return mark_safe(" ".join(pieces))  # every piece above is escaped
