"""/sources/: public sources with their numbers of public quotes and citations."""

import pytest

from tests import factories
from tests.web.helpers import page, texts


def test_source_list_shows_public_sources_with_public_counts(client, db):
    source = factories.SourceFactory(title="Report", publisher__name="Daily News")
    factories.AppearanceFactory(source=source)
    factories.AppearanceFactory(source=source, quote__status="draft")
    factories.CitationFactory(source=source, claim=factories.PublishedClaimFactory())
    factories.CitationFactory(source=source)  # of a draft claim
    factories.SourceFactory(title="Draft source", status="draft")

    tree = page(client.get("/sources/"))

    assert texts(tree, "//li[contains(@class, 'source-card')]") == [
        "Report News article · Daily News 1 quote · 1 citation"
    ]


@pytest.mark.parametrize("size", [1, 8])
def test_source_list_runs_a_fixed_number_of_queries(client, db, django_assert_num_queries, size):
    for source in factories.SourceFactory.create_batch(size):
        factories.AppearanceFactory(source=source)

    with django_assert_num_queries(2):
        response = client.get("/sources/")

    assert len(page(response).xpath("//li[contains(@class, 'source-card')]")) == size
