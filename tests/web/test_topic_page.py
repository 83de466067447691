"""/topics/<slug>/: the public claims and quotes filed under a topic."""

import pytest

from apps.topics.services import topic_update
from tests import factories
from tests.factories import arranged
from tests.web.helpers import page, texts


@pytest.fixture
def topic(db):
    return factories.TopicFactory(name="Trade", slug="trade", description="Buying and selling.")


def test_topic_page_lists_public_claims_and_quotes(client, topic):
    with arranged():
        factories.PublishedClaimFactory(statement="Public claim.").topics.set([topic])
        factories.ClaimFactory(statement="Draft claim.").topics.set([topic])
        factories.QuoteFactory(text="Public words").topics.set([topic])
        factories.QuoteFactory(text="Draft words", status="draft").topics.set([topic])

    response = client.get("/topics/trade/")

    tree = page(response)
    assert texts(tree, "//section[h2[@id='claims-heading']]//h3") == ["Public claim."]
    assert texts(tree, "//section[h2[@id='quotes-heading']]//blockquote") == ["“Public words”"]
    assert (
        "Draft claim." in response.content.decode(),
        "Draft words" in response.content.decode(),
    ) == (False, False)


def test_topic_page_links_its_atom_feed(client, topic):
    tree = page(client.get("/topics/trade/"))

    assert tree.xpath("//link[@rel='alternate'][@type='application/atom+xml']/@href") == [
        "/feeds/claims/",
        "/feeds/topics/trade/",
    ]


def test_topic_page_redirects_a_former_slug(client, topic):
    topic_update(topic=topic, slug="trade-and-exports")

    response = client.get("/topics/trade/")

    assert (response.status_code, response["Location"]) == (301, "/topics/trade-and-exports/")


def test_topic_page_answers_404_for_an_unknown_topic(client, db):
    assert client.get("/topics/nothing/").status_code == 404


@pytest.mark.parametrize("size", [1, 8])
def test_topic_page_runs_a_fixed_number_of_queries(client, topic, django_assert_num_queries, size):
    with arranged():
        for _ in range(size):
            factories.PublishedClaimFactory().topics.set([topic])
            factories.QuoteFactory().topics.set([topic])

    with django_assert_num_queries(4):
        response = client.get("/topics/trade/")

    tree = page(response)
    assert (len(tree.xpath("//h3")), len(tree.xpath("//blockquote"))) == (size, size)
