"""The nesting bound on JSON input (apps/ingest/jsonlimits.py), against a byte-by-byte
count: it must agree on any JSON, fed in any pieces, and name the byte that goes too deep."""

import itertools
import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from apps.ingest.jsonlimits import DepthGuard, TooDeep, check_depth

no_deadline = settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Strings full of what a careless scanner would count: brackets, quotes and backslashes.
tricky_text = st.text(alphabet=st.sampled_from('[]{}"\\ aé:,\n'), max_size=12)
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | tricky_text,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(tricky_text, inner, max_size=4),
    max_leaves=40,
)


def depths(data: bytes) -> list[int]:
    """The depth after each byte, counted one byte at a time."""
    depth, in_string, escaped, out = 0, False, False, []
    for byte in data:
        if in_string:
            if escaped:
                escaped = False
            elif byte == ord("\\"):
                escaped = True
            elif byte == ord('"'):
                in_string = False
        elif byte == ord('"'):
            in_string = True
        elif byte in b"[{":
            depth += 1
        elif byte in b"]}":
            depth -= 1
        out.append(depth)
    return out


def feed_in_pieces(data: bytes, cuts: list[int], limit: int) -> int | None:
    """Feed `data` cut at `cuts`; the offset TooDeep names, or None."""
    guard = DepthGuard(limit)
    bounds = [0, *sorted(c % (len(data) + 1) for c in cuts), len(data)]
    try:
        for start, end in itertools.pairwise(bounds):
            guard.feed(data[start:end])
    except TooDeep as error:
        return error.offset
    return None


@no_deadline
@given(
    value=json_values,
    ascii_only=st.booleans(),
    cuts=st.lists(st.integers(min_value=0), max_size=8),
    limit=st.integers(min_value=1, max_value=6),
)
def test_the_guard_finds_the_first_byte_past_the_limit_however_the_json_is_cut(
    value, ascii_only, cuts, limit
):
    data = json.dumps(value, ensure_ascii=ascii_only).encode()
    expected = next((i for i, depth in enumerate(depths(data)) if depth > limit), None)

    assert feed_in_pieces(data, cuts, limit) == expected


def test_the_brackets_of_the_security_report_are_refused_at_the_first_too_deep():
    data = b"[" * 100_000 + b"]" * 100_000

    with pytest.raises(TooDeep) as error:
        check_depth(data)

    assert (error.value.offset, str(error.value)) == (32, "nested deeper than 32 levels at byte 33")


def test_brackets_inside_strings_do_not_count():
    # At the tightest limit: a thousand brackets counted would be far too deep.
    guard = DepthGuard(limit=1)

    guard.feed(json.dumps({"claimReviewed": "[" * 1000 + '\\"{' * 1000}).encode())

    assert (guard.depth, guard.in_string) == (0, False)


def test_a_string_cut_after_its_escaping_backslash_goes_on_in_the_next_piece():
    guard = DepthGuard(limit=1)

    for piece in (b'["a\\', b'"', b"[[", b'"'):
        guard.feed(piece)

    assert (guard.depth, guard.in_string) == (1, False)
