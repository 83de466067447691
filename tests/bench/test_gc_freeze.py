"""bench/gc_freeze.py's own reading: the order it asks for pages in, and a process's memory."""

import os

import pytest

from bench.gc_freeze import _interleaved, _memory

pytestmark = pytest.mark.database_independent


def test_the_pools_are_taken_in_turn_until_the_shortest_ends():
    assert _interleaved([["c1", "c2", "c3"], ["s1", "s2"], ["o1", "o2"]]) == [
        "c1", "s1", "o1", "c2", "s2", "o2",
    ]  # fmt: skip


def test_a_process_memory_is_read_as_unique_and_proportional_kilobytes():
    memory = _memory(os.getpid())

    assert 0 < memory["unique"] <= memory["pss"]


def test_a_process_that_is_gone_has_no_memory():
    assert _memory(2**22 + 1) is None
