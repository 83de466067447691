"""Properties of quote extraction on arbitrary Unicode text (hypothesis).

Whatever an imported article holds, the extractor must not crash, and what it returns
must be usable as it is: spans inside the text and in order, the words it proposes taken
from the span, every speech proposal with words to save (a quote cannot be blank) and a
confidence the database accepts, and words that the anchoring finds again where they were
found.
"""

import re

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from apps.ingest.extraction import NOT_SPEECH_LABELS, SPEECH, extract_quotes, mask_quotations
from apps.ingest.extraction.spans import (
    DOUBLE_OPENERS,
    SINGLE_OPENERS,
    STRAIGHT,
    STRAIGHT_SINGLE,
    find_spans,
)
from apps.ingest.models import QuoteProposal
from apps.sources.anchoring import Match, locate

pytestmark = pytest.mark.slow

# Anchoring and attribution are pure Python over short texts, but the first examples pay
# for imports and regex compilation; a deadline would only measure the machine's load.
no_deadline = settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])

OPENING_MARKS = {*DOUBLE_OPENERS, *SINGLE_OPENERS, STRAIGHT, STRAIGHT_SINGLE, "”"}
CLOSING_MARKS = {
    *DOUBLE_OPENERS.values(),
    *SINGLE_OPENERS.values(),
    STRAIGHT,
    STRAIGHT_SINGLE,
    "”",
}
# The pieces news copy is made of, so that most examples hold quotations and attributions
# and not only noise; arbitrary text is mixed in between.
PIECES = [
    '"',
    "“",
    "”",
    "«",
    "»",
    "„",
    "‘",
    "’",
    "‹",
    "›",
    "'",
    " ",
    "\n",
    "\n\n",
    ", ",
    ".",
    ",",
    "!",
    "?",
    ":",
    "he said",
    "she said",
    "said Putin",
    "Putin said",
    "Vladimir Putin",
    "the Russian President",
    "Trump called the strikes a",
    "so-called",
    "the word",
    "the documentary",
    "We Will Rebuild",
    "we will rebuild the bridge",
    "It was a fair hearing",
    "Putin’s",
    "didn’t",
]
articles = st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=12)), max_size=40).map(
    "".join
)
any_text = st.one_of(st.text(), articles)


def with_examples(*texts):
    def decorate(test):
        for text in texts:
            test = example(text)(test)
        return test

    return decorate


@no_deadline
@given(any_text)
@example('Jane Roe spoke. "We will rebuild the bridge," she said.')
def test_spans_lie_inside_the_text_in_order_between_their_marks(text):
    spans = find_spans(text)

    problems = []
    previous_close = -1
    for span in spans:
        if not (previous_close < span.open_at < span.start <= span.end <= span.close_at):
            problems.append(("out of order", span))
        if span.close_at >= len(text):
            problems.append(("past the end", span))
            continue
        if (text[span.open_at], span.mark) != (span.mark, text[span.open_at]):
            problems.append(("mark", span))
        if span.mark not in OPENING_MARKS or text[span.close_at] not in CLOSING_MARKS:
            problems.append(("not quotation marks", span))
        raw = span.raw(text)
        if raw != raw.strip():
            problems.append(("untrimmed", span))
        if not span.continued and "\n" in text[span.open_at : span.close_at]:
            problems.append(("runs over a paragraph without continuing", span))
        previous_close = span.close_at
    assert problems == []


@no_deadline
@given(any_text)
def test_the_words_of_a_span_are_its_text_on_one_line(text):
    problems = []
    for span in find_spans(text):
        words = span.words(text)
        if words != words.strip() or "\n" in words or re.search(r"\s\s", words):
            problems.append(("layout", words))
        if not span.continued:
            # The span's own text with runs of white space made one space, less trailing
            # punctuation that belongs to the sentence around it.
            one_line = re.sub(r"\s+", " ", span.raw(text)).strip()
            if not one_line.startswith(words):
                problems.append(("not from the span", words, one_line))
    assert problems == []


@no_deadline
@given(any_text)
def test_masking_blanks_the_quotations_and_keeps_every_offset(text):
    spans = find_spans(text)

    masked = mask_quotations(text, spans)

    inside = set()
    for span in spans:
        inside.update(range(span.open_at + 1, span.close_at))
    changed = {at for at, (a, b) in enumerate(zip(text, masked, strict=True)) if a != b}
    assert (
        len(masked),
        changed <= inside,
        {masked[at] for at in inside} <= {" ", "\n"},
    ) == (len(text), True, True)


METHODS = set(QuoteProposal.Method.values)


@no_deadline
@given(any_text)
def test_extraction_proposes_one_valid_row_per_span(text):
    spans = find_spans(text)

    proposals = extract_quotes(text)

    problems = []
    for proposal in proposals:
        words = proposal.span.words(text)
        if proposal.words != words:
            problems.append(("words", proposal))
        if not 0 <= proposal.confidence <= 1:
            problems.append(("confidence", proposal))
        if proposal.label not in (SPEECH, *NOT_SPEECH_LABELS):
            problems.append(("label", proposal))
        if proposal.is_speech and proposal.method not in METHODS:
            problems.append(("method", proposal))
        if not proposal.is_speech and (proposal.method, proposal.speaker_name) != ("", ""):
            problems.append(("attributed non-speech", proposal))
        if proposal.span.inside and not any(
            outer.start <= proposal.span.open_at < proposal.span.close_at < outer.end
            for outer in spans
        ):
            problems.append(("inside no quotation", proposal))
    # One row per span, and after a speech span the quotations inside it (nested.py).
    assert ([p.span for p in proposals if not p.span.inside], problems) == (spans, [])


@no_deadline
@given(any_text)
@with_examples('"," he said.', 'Putin said "" today.', "“ ” said Putin.", '“…," she said.')
def test_every_speech_proposal_has_words_to_save(text):
    """A quote cannot be blank (a database constraint): one blank proposal would make the
    whole article's import fail."""
    blank = [p for p in extract_quotes(text) if p.is_speech and not p.words.strip()]

    assert blank == []


@no_deadline
@given(articles)
@example('Jane Roe spoke. "We will rebuild the bridge," she said. "We will rebuild the bridge."')
@example('"\U00011d3awe will rebuild the bridge", ')  # a combining mark on the opening mark
def test_the_anchoring_finds_each_proposal_where_it_was_found(text):
    """The import anchors each speech proposal with the text around its span; the
    anchoring must land on that very span (not on the same words elsewhere)."""
    missed = []
    for proposal in extract_quotes(text):
        span = proposal.span
        if not proposal.is_speech or not proposal.words.strip():
            continue
        exact = span.raw(text) if span.continued else proposal.words
        result = locate(
            text,
            exact,
            prefix=text[max(0, span.start - 32) : span.start],
            suffix=text[span.end : span.end + 32],
            hint=span.start,
        )
        if (result.match, result.start) != (Match.EXACT, span.start):
            missed.append((exact, span.start, result.match, result.start))
    assert missed == []
