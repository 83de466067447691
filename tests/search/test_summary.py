"""What the database sums up for search() (apps/search/summary.py): the best hits of each
kind, the counts and the facets, on PostgreSQL and on SQLite alike."""

import datetime

import pytest
from django.db import connection

from apps.search.selectors import SearchFilters, search
from tests.factories import (
    PublishedClaimFactory,
    QuoteFactory,
    SourceFactory,
    SpeakerFactory,
    TopicFactory,
    arranged,
)

JAN_2024 = datetime.datetime(2024, 1, 15, tzinfo=datetime.UTC)


def facet(results, name):
    return [(value.value, value.label, value.count) for value in results.facets[name]]


@pytest.fixture
def zeppelins(db):
    for n in range(4):
        PublishedClaimFactory(statement=f"Zeppelin claim {n}." + " zeppelin" * n)
        QuoteFactory(text=f"Zeppelin words {n}." + " zeppelin" * n)
        SourceFactory(title=f"Zeppelin report {n}", text="A zeppelin flew." * (n + 1))


def test_search_pages_through_the_hits_of_every_kind_in_one_ranked_order(zeppelins):
    everything = [(hit.kind, hit.object.pk) for hit in search("zeppelin", limit=100).hits]

    paged = [
        (hit.kind, hit.object.pk)
        for offset in range(0, 12, 5)
        for hit in search("zeppelin", limit=5, offset=offset).hits
    ]

    assert (paged, len(everything)) == (everything, 12)


def test_search_hits_come_best_first(zeppelins):
    scores = [hit.score for hit in search("zeppelin", limit=100).hits]

    assert scores == sorted(scores, reverse=True)


def test_search_topic_facet_counts_claims_and_quotes_once_for_each_topic(db):
    economy = TopicFactory(name="Economy", slug="economy")
    trade = TopicFactory(name="Trade", slug="trade")
    claim = PublishedClaimFactory(statement="Zeppelin exports doubled.")
    quote = QuoteFactory(text="Zeppelin exports are up.")
    with arranged():
        claim.topics.set([economy, trade])
        quote.topics.set([economy])

    results = search("zeppelin")

    assert facet(results, "topic") == [("economy", "Economy", 2), ("trade", "Trade", 1)]


def test_search_speaker_facet_adds_up_a_speakers_claims_and_quotes(db):
    ada = SpeakerFactory(name="Ada Lovelace", slug="ada")
    PublishedClaimFactory(statement="Zeppelin exports doubled.", claimant=ada)
    QuoteFactory(text="Zeppelin exports are up.", speaker=ada)
    QuoteFactory(text="Zeppelin fleets grow.", speaker=SpeakerFactory(name="Bo", slug="bo"))

    results = search("zeppelin")

    assert facet(results, "speaker") == [("ada", "Ada Lovelace", 2), ("bo", "Bo", 1)]


def test_search_year_facet_counts_each_kind_by_its_own_date(db):
    PublishedClaimFactory(statement="Zeppelin exports doubled.", published_at=JAN_2024)
    QuoteFactory(text="Zeppelin exports are up.", said_on=datetime.date(2024, 3, 1))
    QuoteFactory(text="Zeppelin fleets grow.", said_on=None)
    SourceFactory(title="Zeppelin report", published_on=datetime.date(2023, 5, 1))

    results = search("zeppelin")

    assert facet(results, "year") == [("2024", "2024", 2), ("2023", "2023", 1)]


def test_search_kind_facet_and_total_count_every_match_below_the_cap(zeppelins):
    results = search("zeppelin", limit=1)

    assert (facet(results, "kind"), results.total, results.capped) == (
        [("claim", "Claims", 4), ("quote", "Quotes", 4), ("source", "Sources", 4)],
        12,
        False,
    )


def test_search_with_nothing_to_search_for_in_one_kind_counts_nothing(zeppelins):
    results = search("zeppelin", filters=SearchFilters(kinds=("speaker",)))

    assert (results.hits, results.total, facet(results, "kind")) == ([], 0, [])


@pytest.mark.postgres(reason="PostgreSQL's session settings")
def test_a_one_word_search_puts_the_index_settings_back(zeppelins):
    search("zeppelin")

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT current_setting('enable_seqscan'), current_setting('gin_fuzzy_search_limit')"
        )
        assert cursor.fetchone() == ("on", "0")
