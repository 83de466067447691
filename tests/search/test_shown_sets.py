"""What a search's cached answer hangs on (apps/search/selectors.py, `shown_sets`): the kinds
it searched, the rows its facets are labelled from, the rows its filters name."""

import pytest

from apps.claims.models import Claim, Rating
from apps.core.reader_keys import every
from apps.quotes.models import Quote
from apps.search.selectors import SearchFilters, search_forgiving, shown_sets
from apps.sources.models import Source
from apps.speakers.models import Speaker
from apps.topics.models import Topic
from tests.factories import QuoteFactory


def sets(*models) -> list[str]:
    return sorted(every(model) for model in models)


def test_a_search_of_quotes_hangs_on_quotes_and_their_facets_labels_not_on_claims():
    assert shown_sets({"kind": "quote"}) == sets(Quote, Speaker, Topic)


def test_a_search_of_claims_hangs_on_its_rating_labels_too():
    assert shown_sets({"kind": "claim"}) == sets(Claim, Rating, Speaker, Topic)


def test_a_search_of_every_kind_hangs_on_every_kind():
    assert shown_sets({}) == sets(Claim, Quote, Rating, Source, Speaker, Topic)


def test_a_search_hangs_on_the_rows_its_filters_name():
    assert shown_sets({"kind": "source", "speaker": "someone"}) == sets(Source, Speaker)


def test_a_kind_no_search_has_counts_as_every_kind():
    assert shown_sets({"kind": "nonsense"}) == shown_sets()


@pytest.mark.django_db
def test_results_found_as_typed_looked_for_no_corrections():
    QuoteFactory(text="Zeppelin words.")

    assert not search_forgiving("zeppelin").corrections_tried


@pytest.mark.django_db
def test_results_found_by_nothing_looked_for_corrections():
    QuoteFactory(text="Zeppelin words.")

    results = search_forgiving("xylophonic", filters=SearchFilters(kinds=("quote",)))

    assert (results.total, results.corrections_tried) == (0, True)
