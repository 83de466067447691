"""bench_compare finds the claim-page pool's similar claims first, as a live site has them
(bench/compare/neighbours.py)."""

import pytest

from apps.claims.matching.neighbours import stored_neighbours
from bench.compare.neighbours import find_pool_neighbours
from bench.compare.workloads import Workload
from tests.claims.test_claim_neighbours import published

pytestmark = pytest.mark.django_db


def test_the_claims_of_the_claim_page_pool_not_found_yet_are_found():
    claim = published("Exports rose by 12% last year.")
    other = published("Exports rose by 12% in 2025.")
    pool = Workload("claim page", [claim.get_absolute_url()] * 3)
    said = []

    found = find_pool_neighbours([pool], say=said.append)

    assert found == 1
    assert [pk for pk, _ in stored_neighbours(claim.pk)] == [other.pk]
    assert said == [
        "  claim page: 1 claims in the pool, 1 without their similar claims found yet",
        "    found 1 of 1",
    ]


def test_claims_found_already_are_not_found_again():
    claim = published("Exports rose by 12% last year.")
    pool = Workload("claim page", [claim.get_absolute_url()])
    find_pool_neighbours([pool], say=lambda _: None)

    assert find_pool_neighbours([pool], say=lambda _: None) == 0


def test_a_run_without_the_claim_page_finds_nothing():
    published("Exports rose by 12% last year.")
    speaker_quotes = Workload("speaker's quotes", ["/api/v1/quotes/?speaker=someone"])

    assert find_pool_neighbours([speaker_quotes], say=lambda _: None) == 0
