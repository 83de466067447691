"""/: the latest published claims and the most checked speakers."""

import pytest

from apps.speakers.models import Speaker
from tests import factories
from tests.web.helpers import page, texts


def test_home_page_shows_latest_claims_and_most_checked_speakers(client, db):
    ana = factories.SpeakerFactory(name="Ana")
    bo = factories.SpeakerFactory(name="Bo")
    factories.PublishedClaimFactory.create_batch(2, claimant=ana)
    factories.PublishedClaimFactory(claimant=bo, statement="Bo's claim.")
    factories.ClaimFactory.create_batch(3, claimant=bo)  # drafts do not count

    tree = page(client.get("/"))

    assert len(tree.xpath("//article[contains(@class, 'claim-card')]")) == 3
    assert texts(tree, "//ol[@class='ranked-list']/li/a") == ["Ana", "Bo"]
    assert texts(tree, "//span[@class='ranked-list__count']") == ["2 claims", "1 claim"]


def test_home_page_counts_only_public_content(client, db):
    factories.PublishedClaimFactory(claimant=factories.SpeakerFactory())
    factories.ClaimFactory()
    factories.SpeakerFactory(status=Speaker.Status.DRAFT)
    factories.SourceFactory(status="draft")

    tree = page(client.get("/"))

    assert texts(tree, "//ul[@class='stats']//strong") == ["1", "0", "2", "0"]


def test_home_page_has_a_labelled_search_box_that_submits_to_search(client, db):
    tree = page(client.get("/"))

    [form] = tree.xpath("//section[@class='hero']//form[@role='search']")
    [field] = form.xpath(".//input[@type='search']")
    assert (form.get("action"), form.get("method"), field.get("name")) == ("/search/", "get", "q")
    assert texts(form, f".//label[@for='{field.get('id')}']") == [
        "Search claims, quotes, speakers and sources"
    ]


@pytest.mark.parametrize("size", [1, 8])
def test_home_page_runs_a_fixed_number_of_queries(client, db, django_assert_num_queries, size):
    for _ in range(size):
        factories.PublishedClaimFactory(claimant=factories.SpeakerFactory())
        factories.QuoteFactory()
        factories.SourceFactory()

    # Latest claims, their claimants, the speakers ranking, four counts.
    with django_assert_num_queries(7):
        response = client.get("/")

    assert len(page(response).xpath("//ol[@class='ranked-list']/li")) == min(size, 5)
