"""The long-tail order of bench_compare's pools: Zipf-skewed, seeded, the same each time."""

from collections import Counter

import pytest

from bench.compare.pools import distinct_share, ordered, zipf_order


def test_the_order_is_the_same_for_the_same_seed_and_another_for_another():
    first = zipf_order(2000, 5000, seed=3)

    assert first == zipf_order(2000, 5000, seed=3)
    assert first != zipf_order(2000, 5000, seed=4)


def test_the_order_asks_for_rank_r_in_proportion_to_one_over_r():
    counts = Counter(zipf_order(2000, 200_000, exponent=1.0, seed=0))

    assert counts[0] / counts[1] == pytest.approx(2, rel=0.1)
    assert counts[0] / counts[9] == pytest.approx(10, rel=0.15)
    # H(2000) ≈ 8.18: the hottest target is about one request in eight.
    assert counts[0] / 200_000 == pytest.approx(1 / 8.18, rel=0.05)


def test_the_order_reaches_into_the_long_tail():
    order = zipf_order(2000, 20_000, exponent=1.0, seed=0)

    assert min(order) == 0
    assert max(order) >= 1990
    assert len(set(order)) > 1500
    # Of the first 2,000 requests about a third ask for a target not asked for before.
    assert 0.25 < distinct_share(order[:2000]) < 0.4


def test_exponent_zero_asks_for_every_target_alike():
    counts = Counter(zipf_order(10, 100_000, exponent=0.0, seed=0))

    assert max(counts.values()) / min(counts.values()) < 1.1


def test_ordered_gives_both_servers_the_same_target_at_each_place():
    order = zipf_order(3, 50, seed=1)
    ours, theirs = ["/a/1", "/a/2", "/a/3"], ["/b?id=1", "/b?id=2", "/b?id=3"]

    pairs = zip(ordered(ours, order), ordered(theirs, order), strict=True)

    assert all(a[-1] == b[-1] for a, b in pairs)


def test_an_empty_pool_has_no_order():
    assert zipf_order(0, 100) == []
