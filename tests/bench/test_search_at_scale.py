"""The search service's paths for large data, exercised on a small generated data set by
lowering the thresholds that switch them on."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection

from apps.claims.models import Claim
from apps.quotes.models import Quote
from apps.search import selectors
from apps.search.selectors import SearchFilters, match_claims, search
from bench.generate import generate
from bench.synthetic import Sizes

postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="a PostgreSQL path of the search backend"
)


@pytest.fixture
def generated(db):
    generate(Sizes.scaled(300, speakers=20), seed=4, progress=lambda message: None)


def test_search_caps_what_it_counts_and_says_so(generated, monkeypatch):
    everything = search("the OR said OR people", filters=SearchFilters(kinds=("quote",)))
    monkeypatch.setattr(selectors, "MATCH_CAP", 5)

    capped = search("the OR said OR people", filters=SearchFilters(kinds=("quote",)))

    assert (everything.capped, everything.total > 5) == (False, True)
    assert (capped.capped, capped.total) == (True, 5)
    assert sum(facet.count for facet in capped.facets["year"]) <= 5
    assert [hit.kind for hit in capped.hits] == ["quote"] * 5


def test_search_below_the_cap_counts_every_match(generated):
    quote = Quote.objects.public().first()
    word = quote.text.split()[-1]

    results = search(word, filters=SearchFilters(kinds=("quote",)))

    assert results.capped is False
    assert results.total == len([q for q in Quote.objects.public() if word in q.text.split()])


@postgresql_only
def test_search_scores_only_the_first_sources_but_counts_them_all(generated, monkeypatch):
    from apps.search.backends import postgresql

    monkeypatch.setattr(postgresql, "SCORED", {"source": 2})

    results = search("said", filters=SearchFilters(kinds=("source",)))

    assert results.total > 2
    assert len(results.hits) == 2


@postgresql_only
def test_match_claims_on_a_large_table_finds_claims_by_their_rare_words(generated, monkeypatch):
    from django.core.cache import caches

    from apps.claims.matching import postgresql

    monkeypatch.setattr(postgresql, "_claim_count", lambda: postgresql.TRIGRAM_CLAIMS)
    caches["default"].clear()  # the statistics of the words, read again from this data
    claims = list(Claim.objects.public().order_by("pk")[:10])

    found = [match_claims(claim.statement)[0].claim for claim in claims]

    assert found == claims


def test_bench_search_prints_latency_per_workload(generated):
    out = StringIO()

    call_command("bench_search", iterations=2, explain="summary", stdout=out)

    printed = out.getvalue()
    for workload in ("search: common word", "search: phrase", "match_claims"):
        assert workload in printed
    assert "p95 ms" in printed
    if connection.vendor == "postgresql":
        assert "=== EXPLAIN (ANALYZE, BUFFERS): match_claims" in printed
        assert "Execution Time" not in printed  # summary: a line per statement
        assert "ms; indexes:" in printed
