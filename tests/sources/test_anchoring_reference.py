"""`normalise` and `locate` against their reference: the plain one-character-at-a-time
algorithm they were first written as (issue 15 made them linear on long texts: the text is
normalised in bulk, once per source, and a passage found where it was last found, with the
same text around it, is not searched for).

The references below are the specification; the service must agree with them on any text.
"""

import unicodedata

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from apps.sources.anchoring import (
    _DASHES,
    _INVISIBLE,
    _QUOTE_MARKS,
    _stands_whole,
    locate,
    normalise,
)

thorough = settings(max_examples=500, deadline=None, suppress_health_check=list(HealthCheck))

# Characters that fold oddly: several from one (½ ß ﬁ ǅ ㍿), a space from a non-space (¨),
# invisible (soft hyphen, zero-width space, BOM), white space of every kind, curly marks.
ODD = [*"aB xyz.,½ßﬁǅ㍿¨\u00ad\u200b\ufeff\u00a0\u2003\t\n“”‘’—–-İΣςe\u0301", "  ", "\n\n"]
texts = st.one_of(st.text(max_size=50), st.lists(st.sampled_from(ODD), max_size=50).map("".join))


def reference_normalise(text: str) -> tuple[str, list[int]]:
    """Fold typography and case one character at a time: (text, original positions)."""
    chars, positions, in_space = [], [], True
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
    return "".join(chars), positions


def reference_exact_start(text: str, exact: str, prefix: str, suffix: str, hint):
    """Where `locate` finds an exact match: of every occurrence (on whole characters, not
    inside a word or a number), the one whose surroundings agree best with prefix and
    suffix, then the nearest the hint, then the first. None if there is none."""
    haystack, positions = reference_normalise(text)
    needle = reference_normalise(exact)[0]
    before_wanted, after_wanted = reference_normalise(prefix)[0], reference_normalise(suffix)[0]
    if not needle or not haystack:
        return None
    best, best_score = None, None
    at = haystack.find(needle)
    while at != -1:
        end = at + len(needle)
        clean = (
            (at == 0 or positions[at - 1] != positions[at])
            and (end == len(positions) or positions[end] != positions[end - 1])
            and _stands_whole(text, positions[at], positions[end - 1] + 1)
        )
        if clean:
            before = haystack[:at].rstrip()[::-1]
            after = haystack[end:].lstrip()
            agreement = _common(before, before_wanted[::-1]) + _common(after, after_wanted)
            closeness = -abs(positions[at] - hint) if hint is not None else 0
            score = (agreement, closeness, -at)
            if best_score is None or score > best_score:
                best, best_score = positions[at], score
        at = haystack.find(needle, at + 1)
    return best


def _common(a: str, b: str) -> int:
    length = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        length += 1
    return length


@thorough
@given(texts)
@example(" ½ \u200b ﬁ¨  a ")
def test_normalise_agrees_with_the_reference(text):
    normalised = normalise(text)

    assert (normalised.text, list(normalised.positions)) == reference_normalise(text)


@thorough
@given(texts)
def test_each_original_position_leads_back_to_the_first_character_it_became(text):
    normalised = normalise(text)
    positions = list(normalised.positions)

    found = {origin: normalised.positions.index_of(origin) for origin in range(len(text) + 1)}

    assert found == {
        origin: positions.index(origin) if origin in positions else None
        for origin in range(len(text) + 1)
    }


@thorough
@given(texts, st.data())
def test_locate_finds_a_passage_where_the_reference_does(text, data):
    """Passages taken from the text itself, with the text around them (or some of it) and
    a hint near where they stand: the searches `locate` skips must not change its answer."""
    text = text * 3
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    exact = text[start:end]
    prefix = text[max(0, start - data.draw(st.integers(0, 40))) : start]
    suffix = text[end : end + data.draw(st.integers(0, 40))]
    hint = data.draw(st.one_of(st.none(), st.integers(max(0, start - 3), start + 3)))

    result = locate(text, exact, prefix=prefix, suffix=suffix, hint=hint)

    expected = reference_exact_start(text, exact, prefix, suffix, hint)
    if expected is not None:
        assert (result.match, result.start) == ("exact", expected)
    else:
        assert result.match != "exact"
