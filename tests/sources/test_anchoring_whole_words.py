"""Passages keep words and numbers whole (issue 21, item 5): a located passage neither
starts nor ends inside a word or a figure, on the approximate path (rapidfuzz's window is
widened) and on the exact one (an occurrence inside a longer token is not the passage).
Seen on a real article: a figure `£3.4bn` anchored as `£3`."""

import sys
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from apps.quotes.models import Appearance
from apps.quotes.services import appearance_add
from apps.sources.anchoring import Match, _stands_whole, locate
from tests.factories import QuoteFactory, SourceFactory

# The two seed articles (/work/shared/seeds/000_… and 004_…), kept in the repository.
LABELLED = Path(__file__).parents[1] / "ingest" / "labelled"
SHORT_ARTICLE = LABELLED / "seed_putin_iran_nriglobe_short.txt"  # seed 000
LONG_ARTICLE = LABELLED / "seed_putin_iran_nriglobe_long.txt"  # seed 004


def found(text: str, passage: str, **selector) -> tuple[Match, str]:
    """How `passage` is located in `text`, and the source's own words at the anchor."""
    result = locate(text, passage, **selector)
    return result.match, text[result.start : result.end] if result.found else ""


# --- approximate passages grow to whole tokens ---------------------------------------------


def test_locate_keeps_a_figure_whole_with_its_decimal_point_currency_and_unit():
    text = "The scheme cost £3.4bn last year, the auditors said."

    assert found(text, "The schem cost £3") == (Match.APPROXIMATE, "The scheme cost £3.4bn")


def test_locate_keeps_a_figure_whole_with_its_thousands_separator():
    text = "The council said the repairs cost $1,200 in total."

    assert found(text, "the counsil said the repairs cost $1") == (
        Match.APPROXIMATE,
        "The council said the repairs cost $1,200",
    )


def test_locate_keeps_a_figure_whole_with_its_per_cent_sign():
    text = "Food prices rose 4.5% in May, the office said."

    assert found(text, "Food prises rose 4") == (Match.APPROXIMATE, "Food prices rose 4.5%")


def test_locate_keeps_a_figure_whole_when_the_passage_starts_inside_it():
    text = "Food prices rose 4.5% in May, the office said."

    assert found(text, "5% in May, the ofice said") == (
        Match.APPROXIMATE,
        "4.5% in May, the office said",
    )


def test_locate_keeps_a_unit_glued_to_its_figure():
    text = "They built a 30m wall along the river."

    assert found(text, "They bilt a 30") == (Match.APPROXIMATE, "They built a 30m")


def test_locate_keeps_a_hyphenated_word_whole():
    text = "Critics said it was a well-known fact."

    assert found(text, "Critcs said it was a well") == (
        Match.APPROXIMATE,
        "Critics said it was a well-known",
    )


def test_locate_keeps_a_word_with_an_apostrophe_whole():
    text = "I really don't know what he meant by that."

    assert found(text, "I realy don") == (Match.APPROXIMATE, "I really don't")


def test_locate_keeps_a_possessive_with_a_curly_apostrophe_whole():
    text = "Asked again, Putin\u2019s aide said nothing."

    assert found(text, "Asked agin, Putin") == (Match.APPROXIMATE, "Asked again, Putin\u2019s")


def test_locate_grows_a_widened_span_by_the_words_the_passage_goes_on_with():
    # rapidfuzz's window has the passage's length: widened to "£3.4bn" at one end, it
    # would lose "year" at the other.
    text = "The scheme cost £3.4bn last year, the auditors said."

    assert found(text, "The scheme cost £3 last year") == (
        Match.APPROXIMATE,
        "The scheme cost £3.4bn last year",
    )


def test_locate_does_not_split_a_letter_from_its_combining_accent():
    text = "He ordered a cafe\u0301 au lait."

    assert found(text, "He ordered a cafe") == (Match.APPROXIMATE, "He ordered a cafe\u0301")


# --- exact passages stand as whole tokens --------------------------------------------------


def test_locate_prefers_an_occurrence_standing_as_whole_words():
    text = "It cost £3.4bn, and then £3 more."

    result = locate(text, "£3")

    assert (result.match, result.start, text[result.start : result.end]) == (
        Match.EXACT,
        text.index("£3 more"),
        "£3",
    )


def test_locate_does_not_match_exactly_inside_a_figure():
    # The passage stands only inside "4.5%": the source gives another figure, so the passage
    # is aligned like a reworded one and shown with the source's whole figure.
    text = "Food prices rose 4.5% in May, the office said."

    assert found(text, "Food prices rose 4") == (Match.APPROXIMATE, "Food prices rose 4.5%")


def test_locate_does_not_match_exactly_inside_a_word():
    text = "Asked again, Putin\u2019s aide said nothing."

    assert found(text, "s aide said nothing") == (
        Match.APPROXIMATE,
        "Putin\u2019s aide said nothing",
    )


def test_locate_reports_a_figure_found_only_inside_a_longer_one_as_not_found():
    assert found("They spent £3.4bn on roads.", "£3") == (Match.NOT_FOUND, "")


def test_locate_does_not_trust_a_hint_inside_a_figure():
    # Where the passage was last found, with the same text around it: still not the passage.
    text = "The scheme cost £3.4bn."

    assert found(text, "The scheme cost £3", prefix="", suffix=".4bn.", hint=0) == (
        Match.APPROXIMATE,
        "The scheme cost £3.4bn",
    )


def test_locate_finds_a_passage_exactly_in_a_script_written_without_spaces():
    # Chinese has no spaces between words: each character stands as a token of its own.
    text = "普京说，以色列几乎是一个讲俄语的国家。"

    assert found(text, "几乎是一个讲俄语的国家") == (Match.EXACT, "几乎是一个讲俄语的国家")


def test_locate_keeps_a_number_grouped_by_a_no_break_space_whole():
    text = "Le budget atteint 3\u00a0400 euros cette année."

    assert found(text, "Le budget atteint 3") == (Match.APPROXIMATE, "Le budget atteint 3\u00a0400")


# --- any text -----------------------------------------------------------------------------

# Pieces that make and break tokens: letters, digits, separators, currency and per cent
# signs, hyphens, apostrophes, a combining accent, a no-break space, a soft hyphen, a
# zero-width space, Chinese characters, white space.
PIECES = [*"ab 3.4,£$%-'\u2019\u0301\u00a0\u4e2d\u6587\u00ad\u200b\n", "bn", "  "]
pieced = st.lists(st.sampled_from(PIECES), max_size=40).map("".join)


@settings(max_examples=300, deadline=None)
@given(pieced, st.data())
def test_locate_never_reports_a_span_that_cuts_a_token(text, data):
    # Passages cut from the text anywhere, with or without a hint where they stand: exact,
    # approximate or hinted, what is found stands as whole tokens.
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    hint = data.draw(st.one_of(st.none(), st.just(start)))

    result = locate(text, text[start:end], hint=hint)

    assert not result.found or _stands_whole(text, result.start, result.end)


# --- cost ----------------------------------------------------------------------------------

GROWTH = 4.5  # the most four times the text may cost (tests/ingest/test_extraction_scaling.py)


def lines_run(work) -> int:
    """How many lines of Python `work()` runs: counted, not timed, whatever the load."""
    count = 0

    def trace(frame, event, arg):
        nonlocal count
        count += 1
        return trace

    sys.settrace(trace)
    try:
        work()
    finally:
        sys.settrace(None)
    return count


def figures(sentences: int) -> str:
    return " ".join(
        f"In year {n} spending rose to £3.4bn, up 4.5% on the £3,250m of a well-known plan."
        for n in range(sentences)
    )


def test_locate_work_grows_linearly_with_a_text_full_of_figures():
    # Every "£3" stands inside a longer figure, so each occurrence is looked at and turned
    # down before the passage is aligned; a reworded passage is aligned and widened.
    def anchor(sentences: int):
        text = figures(sentences)
        return lambda: (locate(text, "£3"), locate(text, "spending rose to £3 up 4.5% on"))

    anchor(10)()  # the per-character caches, filled once for any text

    small, large = lines_run(anchor(200)), lines_run(anchor(800))

    assert large <= GROWTH * small, (small, large)


# --- the seed articles, through the service that anchors a quote ---------------------------

# Putin's words on Israel, as the short article quotes them (seed 000). The long article
# (seed 004) reports them as "approximately two million people from the former Soviet Union
# and the Russian Federation reside in Israel".
PUTIN_AS_QUOTED = (
    "almost two million people from the former Soviet Union and Russian Federation reside in Israel"
)


def test_a_figure_quoted_in_one_seed_article_is_anchored_whole_in_the_other(db):
    # The figure ends the part of the quote an editor carries: the window rapidfuzz finds
    # starts inside "two million" in the long article's wording.
    quote = QuoteFactory(
        text="two million people from the former Soviet Union and Russian Federation"
    )
    source = SourceFactory(text=LONG_ARTICLE.read_text())

    appearance = appearance_add(quote=quote, source=source)

    appearance.refresh_from_db()
    assert (appearance.match, appearance.found_passage) == (
        Appearance.Match.APPROXIMATE,
        "two million people from the former Soviet Union and the Russian Federation",
    )


def test_a_quote_worded_differently_by_the_seed_articles_is_anchored_in_whole_words(db):
    quote = QuoteFactory(text=PUTIN_AS_QUOTED)
    source = SourceFactory(text=LONG_ARTICLE.read_text())

    appearance = appearance_add(quote=quote, source=source)

    appearance.refresh_from_db()
    assert (appearance.match, appearance.found_passage, appearance.similarity) == (
        Appearance.Match.APPROXIMATE,
        "approximately two million people from the former Soviet Union and the Russian "
        "Federation reside in Israel",
        0.9146,
    )


def test_a_quote_is_anchored_exactly_in_the_seed_article_that_quotes_it(db):
    quote = QuoteFactory(text=PUTIN_AS_QUOTED)
    source = SourceFactory(text=SHORT_ARTICLE.read_text())

    appearance = appearance_add(quote=quote, source=source)

    appearance.refresh_from_db()
    assert (appearance.match, appearance.found_passage) == (Appearance.Match.EXACT, PUTIN_AS_QUOTED)
