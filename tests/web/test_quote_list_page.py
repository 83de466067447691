"""/quotes/: public quotes, newest first, optionally by one speaker."""

import datetime

import pytest

from apps.quotes.models import Quote
from tests import factories
from tests.web.helpers import page, texts


def test_quote_list_shows_public_quotes_newest_first(client, db):
    factories.QuoteFactory(text="Older words", said_on=datetime.date(2020, 1, 1))
    factories.QuoteFactory(text="Newer words", said_on=datetime.date(2024, 1, 1))
    factories.QuoteFactory(text="Draft words", status=Quote.Status.DRAFT)

    tree = page(client.get("/quotes/"))

    assert texts(tree, "//blockquote") == ["“Newer words”", "“Older words”"]


def test_quote_list_filters_by_speaker(client, db):
    ana = factories.SpeakerFactory(slug="ana", name="Ana")
    factories.QuoteFactory(text="Ana's words", speaker=ana)
    factories.QuoteFactory(text="Other words")

    tree = page(client.get("/quotes/?speaker=ana"))

    assert (texts(tree, "//h1"), texts(tree, "//blockquote")) == (
        ["Quotes by Ana"],
        ["“Ana's words”"],
    )


@pytest.mark.parametrize("size", [1, 8])
def test_quote_list_runs_a_fixed_number_of_queries(client, db, django_assert_num_queries, size):
    factories.QuoteFactory.create_batch(size)

    with django_assert_num_queries(2):
        response = client.get("/quotes/")

    assert len(page(response).xpath("//blockquote")) == size


def test_quote_list_paginates(client, db):
    factories.QuoteFactory.create_batch(21)

    tree = page(client.get("/quotes/?page=2"))

    assert (
        len(tree.xpath("//blockquote")),
        texts(tree, "//span[@class='pagination__status']"),
    ) == (
        1,
        ["Page 2 of 2"],
    )
