"""The pure `locate()` service: where, and how well, a passage stands in a source's text."""

import pytest
from hypothesis import assume, example, given, settings
from hypothesis import strategies as st

from apps.sources.anchoring import AnchorResult, Match, _snap_to_words, locate, normalise

# From a news article (seed 004): Putin on the Russian-speaking population of Israel.
PUTIN_PARAGRAPH = (
    "When asked by a reporter why Russia is not supporting Iran, Putin pointed out that "
    "Israel is \u201calmost a Russian-speaking country.\u201d He noted that approximately two "
    "million people from the former Soviet Union and the Russian Federation reside in Israel. "
    "This significant diaspora creates cultural and linguistic ties between Russia and Israel, "
    "influencing Moscow\u2019s approach to the region."
)

REPEATED = 'He said "no". Later, asked again, he said "no". Then he left.'
FIRST_NO, SECOND_NO = 3, 37  # where 'said "no"' starts, twice


def exact(text: str, start: int, end: int) -> AnchorResult:
    """The result `locate` gives for an exact match at text[start:end]."""
    return AnchorResult(
        Match.EXACT,
        start=start,
        end=end,
        similarity=1.0,
        prefix=text[max(0, start - 32) : start],
        suffix=text[end : end + 32],
    )


NOT_FOUND = AnchorResult(Match.NOT_FOUND)


# --- exact matches -----------------------------------------------------------------------


def test_locate_finds_passage_standing_verbatim():
    text = "The minister said that exports rose by 12% last year."

    result = locate(text, "exports rose by 12%")

    assert result == AnchorResult(
        Match.EXACT,
        start=23,
        end=42,
        similarity=1.0,
        prefix="The minister said that ",
        suffix=" last year.",
    )


def test_locate_keeps_only_32_characters_of_context_either_side():
    text = "a" * 40 + " exports rose " + "b" * 40

    result = locate(text, "exports rose")

    assert (result.prefix, result.suffix) == ("a" * 31 + " ", " " + "b" * 31)


@pytest.mark.parametrize(
    ("text", "passage"),
    [
        ("She called it \u201ca fantasy\u201d twice.", '"a fantasy"'),
        ('She called it "a fantasy" twice.', "\u201ca fantasy\u201d"),
        ("She called it \u2018a fantasy\u2019 twice.", "'a fantasy'"),
        ("She called it 'a fantasy' twice.", "\u2018a fantasy\u2019"),
        ("She called it \u00aba fantasy\u00bb twice.", '"a fantasy"'),
    ],
    ids=[
        "curly-double-in-text",
        "curly-double-in-passage",
        "curly-single-in-text",
        "curly-single-in-passage",
        "guillemets-in-text",
    ],
)
def test_locate_treats_curly_and_straight_quotes_as_equal(text, passage):
    result = locate(text, passage)

    assert result == exact(text, 14, 25)


def test_locate_treats_apostrophes_as_equal():
    text = "Moscow\u2019s approach to the region"

    result = locate(text, "Moscow's approach")

    assert result == exact(text, 0, 17)


@pytest.mark.parametrize(
    ("text", "passage"),
    [
        ("The Iran\u2013Israel conflict", "Iran-Israel"),
        ("The Iran\u2014Israel conflict", "Iran-Israel"),
        ("The Iran-Israel conflict", "Iran\u2013Israel"),
        ("The Iran-Israel conflict", "Iran\u2014Israel"),
        ("The Iran\u2212Israel conflict", "Iran-Israel"),
    ],
    ids=["en-dash-in-text", "em-dash-in-text", "en-dash-in-passage", "em-dash-in-passage", "minus"],
)
def test_locate_treats_dashes_and_hyphens_as_equal(text, passage):
    result = locate(text, passage)

    assert result == exact(text, 4, 15)


@pytest.mark.parametrize(
    "text",
    [
        "We have never sold\nmore grain abroad.",
        "We have never sold \n\n  more grain abroad.",
        "We have never sold\u00a0more grain abroad.",
        "We have never sold\t more grain abroad.",
    ],
    ids=["newline", "blank-line-and-indent", "no-break-space", "tab-and-space"],
)
def test_locate_treats_runs_of_white_space_as_one_space(text):
    result = locate(text, "never sold more grain")

    assert result == exact(text, 8, text.index("grain") + 5)


def test_locate_ignores_white_space_runs_in_the_passage():
    text = "We have never sold more grain abroad."

    result = locate(text, "  never\u00a0sold\n\n more   grain ")

    assert result == exact(text, 8, 29)


def test_locate_ignores_case():
    text = "WE HAVE NEVER SOLD MORE GRAIN ABROAD."

    result = locate(text, "we have never sold")

    assert result == exact(text, 0, 18)


# --- the same words standing more than once ---------------------------------------------


def test_locate_prefers_first_occurrence_without_context():
    result = locate(REPEATED, 'said "no"')

    assert result == exact(REPEATED, FIRST_NO, FIRST_NO + 9)


def test_locate_prefers_occurrence_whose_prefix_agrees():
    result = locate(REPEATED, 'said "no"', prefix="Later, asked again, he ")

    assert result == exact(REPEATED, SECOND_NO, SECOND_NO + 9)


def test_locate_prefers_occurrence_whose_suffix_agrees():
    result = locate(REPEATED, 'said "no"', suffix=". Then he left.")

    assert result == exact(REPEATED, SECOND_NO, SECOND_NO + 9)


def test_locate_prefers_occurrence_nearest_hint():
    result = locate(REPEATED, 'said "no"', hint=40)

    assert result == exact(REPEATED, SECOND_NO, SECOND_NO + 9)


def test_locate_prefers_agreeing_context_over_hint():
    result = locate(REPEATED, 'said "no"', prefix="He ", suffix=". Later", hint=SECOND_NO)

    assert result == exact(REPEATED, FIRST_NO, FIRST_NO + 9)


def test_locate_reads_hint_as_offset_in_original_text():
    # A transcript: the same reply three times, the first two apart by a long blank stretch.
    text = "Thank you." + "\n" * 20 + "Thank you. Thank you."
    second = 30

    result = locate(text, "Thank you.", hint=second)

    assert result == exact(text, second, second + 10)


# --- approximate matches ----------------------------------------------------------------


def test_locate_finds_reworded_passage_approximately():
    passage = (
        "almost two million people from the former Soviet Union and Russian Federation "
        "reside in Israel"
    )

    result = locate(PUTIN_PARAGRAPH, passage)

    assert result == AnchorResult(
        Match.APPROXIMATE,
        start=144,
        end=249,
        similarity=0.9146,
        prefix="peaking country.\u201d He noted that ",
        suffix=". This significant diaspora crea",
    )


def test_locate_approximate_span_is_the_sources_own_words():
    passage = (
        "almost two million people from the former Soviet Union and Russian Federation "
        "reside in Israel"
    )

    result = locate(PUTIN_PARAGRAPH, passage)

    assert PUTIN_PARAGRAPH[result.start : result.end] == (
        "approximately two million people from the former Soviet Union and the Russian "
        "Federation reside in Israel"
    )


def test_locate_reports_passage_below_threshold_as_not_found():
    text = "Exports rose by 12% last year, the minister said."

    result = locate(text, "Imports fell sharply in the spring.")

    assert result == NOT_FOUND


def test_locate_honours_a_stricter_threshold():
    passage = (
        "almost two million people from the former Soviet Union and Russian Federation "
        "reside in Israel"
    )

    result = locate(PUTIN_PARAGRAPH, passage, threshold=0.95)

    assert result == NOT_FOUND


def test_locate_finds_text_shorter_than_passage_approximately():
    text = "We have never sold more grain."

    result = locate(text, "We have never sold more grain abroad.")

    assert result == AnchorResult(
        Match.APPROXIMATE, start=0, end=30, similarity=0.8955, prefix="", suffix=""
    )


# --- nothing to find --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "passage"),
    [
        ("", "exports rose"),
        ("Exports rose.", ""),
        ("Exports rose.", " \n\u00a0 "),
        ("   ", "exports rose"),
        ("", ""),
    ],
    ids=["empty-text", "empty-passage", "blank-passage", "blank-text", "both-empty"],
)
def test_locate_reports_empty_input_as_not_found(text, passage):
    result = locate(text, passage)

    assert result == NOT_FOUND


# --- offsets index the original text ----------------------------------------------------


def test_locate_span_gives_original_passage_with_its_curly_quotes():
    text = "Critics called the figure \u201ca fantasy.\u201d The ministry disagreed."

    result = locate(text, '"a fantasy."')

    assert text[result.start : result.end] == "\u201ca fantasy.\u201d"


@pytest.mark.parametrize(
    ("text", "passage", "expected_span"),
    [
        ("The \ufb01nal offer stood firm.", "offer stood", (9, 20)),
        ("Die Stra\u00dfe war voll, sagte er.", "war voll", (11, 19)),
        ("The Stra\u00dfe was full.", "strasse was", (4, 14)),
        ("Exports\u200b rose \u00adby 12%.", "rose by 12%", (9, 21)),
        ("\ufeffThe harvest was good.", "harvest was", (5, 16)),
    ],
    ids=["fi-ligature", "sharp-s-before", "sharp-s-inside", "zero-width-and-soft-hyphen", "bom"],
)
def test_locate_offsets_index_the_original_text(text, passage, expected_span):
    result = locate(text, passage)

    assert (result.match, (result.start, result.end)) == (Match.EXACT, expected_span)


def test_locate_returns_original_text_around_passage_as_prefix_and_suffix():
    text = "\u201cWe have never sold more grain abroad,\u201d she said \u2014 twice."

    result = locate(text, "never sold more grain")

    assert (result.prefix, result.suffix) == (
        "\u201cWe have ",
        " abroad,\u201d she said \u2014 twice.",
    )


def test_locate_does_not_match_inside_a_character_that_expands():
    text = "Inflation was \u00bd percent in May."

    result = locate(text, "2 percent")

    # Not exact: the source says "½ percent". Close enough to be shown as approximate.
    assert (result.match, text[result.start : result.end], result.similarity) == (
        Match.APPROXIMATE,
        "\u00bd percent",
        0.9,
    )


# --- properties -------------------------------------------------------------------------

# locate() takes microseconds, but the first examples also pay for imports and warm-up; a
# busy CI machine must not turn that into a DeadlineExceeded failure.
no_deadline = settings(deadline=None)


any_text = st.text(st.characters(codec="utf-8"))


@st.composite
def text_and_substring(draw):
    text = draw(any_text.filter(bool))
    start = draw(st.integers(0, len(text) - 1))
    end = draw(st.integers(start + 1, len(text)))
    # A passage that cuts a word or a number is another passage ("£3" in "£3.4bn"): whole.
    start, end = _snap_to_words(text, start, end)
    passage = text[start:end].strip()
    assume(normalise(passage).text)  # not made only of invisible characters
    return text, passage


@no_deadline
@given(text_and_substring())
def test_locate_finds_every_substring_exactly(text_and_passage):
    text, passage = text_and_passage

    result = locate(text, passage)

    assert (result.match, normalise(text[result.start : result.end]).text) == (
        Match.EXACT,
        normalise(passage).text,
    )


@no_deadline
@given(text_and_substring())
def test_locate_surrounds_exact_match_with_original_context(text_and_passage):
    text, passage = text_and_passage

    result = locate(text, passage)

    assert (result.prefix, result.suffix) == (
        text[max(0, result.start - 32) : result.start],
        text[result.end : result.end + 32],
    )


@no_deadline
@given(st.text(), st.text(), st.text(max_size=40), st.text(max_size=40), st.integers(0, 500))
@example(text="Exports rose.", passage="She said: exports rose.", prefix="", suffix="", hint=0)
def test_locate_never_raises_on_arbitrary_unicode(text, passage, prefix, suffix, hint):
    result = locate(text, passage, prefix=prefix, suffix=suffix, hint=hint)

    assert isinstance(result, AnchorResult)


@no_deadline
@given(st.text(), st.text())
def test_locate_span_lies_within_text_when_found(text, passage):
    result = locate(text, passage)

    if result.found:
        assert 0 <= result.start < result.end <= len(text)
    else:
        assert (result.start, result.end) == (None, None)
