"""/claims/: published claims, newest first, filtered by verdict, speaker, topic or source."""

import datetime

import pytest

from apps.claims.models import Claim
from apps.sources.models import Source
from apps.speakers.models import Speaker
from tests import factories
from tests.factories import arranged
from tests.web.helpers import page, texts

CARD_TITLES = "//article[contains(@class, 'claim-card')]//h2"


def _published(statement, days_ago=0, **fields):
    return factories.PublishedClaimFactory(
        statement=statement,
        published_at=datetime.datetime(2026, 6, 30, tzinfo=datetime.UTC)
        - datetime.timedelta(days=days_ago),
        **fields,
    )


def test_claim_list_shows_published_claims_newest_first(client, db):
    _published("Older.", days_ago=2)
    _published("Newer.", days_ago=1)
    factories.ClaimFactory(statement="Draft.")
    factories.ClaimFactory(statement="In review.", status=Claim.Status.IN_REVIEW)
    _published("Retracted.", status=Claim.Status.RETRACTED)

    tree = page(client.get("/claims/"))

    assert texts(tree, CARD_TITLES) == ["Newer.", "Older."]
    assert texts(tree, "//p[@class='result-count']") == ["2 claims."]


def test_claim_list_filters_by_rating(client, db):
    _published("True one.", rating=factories.rating("true"))
    _published("False one.", rating=factories.rating("false"))

    tree = page(client.get("/claims/?rating=false"))

    assert texts(tree, CARD_TITLES) == ["False one."]


def test_claim_list_filters_by_speaker(client, db):
    ana = factories.SpeakerFactory(slug="ana")
    _published("Ana's.", claimant=ana)
    _published("Someone else's.")

    tree = page(client.get("/claims/?speaker=ana"))

    assert texts(tree, CARD_TITLES) == ["Ana's."]


def test_claim_list_filter_by_a_draft_speaker_finds_nothing(client, db):
    hidden = factories.SpeakerFactory(slug="hidden", status=Speaker.Status.DRAFT)
    _published("Claim of a draft speaker.", claimant=hidden)

    tree = page(client.get("/claims/?speaker=hidden"))

    assert texts(tree, CARD_TITLES) == []


def test_claim_list_filters_by_topic(client, db):
    topic = factories.TopicFactory(slug="trade")
    on_trade = _published("On trade.")
    _published("Off topic.")
    with arranged():
        on_trade.topics.set([topic])

    tree = page(client.get("/claims/?topic=trade"))

    assert texts(tree, CARD_TITLES) == ["On trade."]


def test_claim_list_filters_by_cited_public_source(client, db):
    source = factories.SourceFactory(slug="report")
    hidden = factories.SourceFactory(slug="hidden", status=Source.Status.DRAFT)
    factories.CitationFactory(claim=_published("Cites the report."), source=source)
    factories.CitationFactory(claim=_published("Cites the draft."), source=hidden)

    tree_public = page(client.get("/claims/?source=report"))
    tree_hidden = page(client.get("/claims/?source=hidden"))

    assert (texts(tree_public, CARD_TITLES), texts(tree_hidden, CARD_TITLES)) == (
        ["Cites the report."],
        [],
    )


def test_claim_list_offers_only_public_choices_in_its_filters(client, db):
    ana = factories.SpeakerFactory(name="Ana", slug="ana")
    _published("Public.", claimant=ana, rating=factories.rating("false"))
    factories.ClaimFactory(claimant=factories.SpeakerFactory(name="Bo"), statement="Draft.")

    tree = page(client.get("/claims/"))

    assert texts(tree, "//select[@name='speaker']/option") == ["Anyone", "Ana"]
    assert texts(tree, "//select[@name='rating']/option") == ["Any verdict", "False"]


def test_claim_list_offers_the_most_checked_speakers_and_the_one_filtered_by(
    client, db, monkeypatch
):
    monkeypatch.setattr("apps.web.limits.FILTER_CHOICES", 1)
    ana = factories.SpeakerFactory(name="Ana", slug="ana")
    bo = factories.SpeakerFactory(name="Bo", slug="bo")
    _published("Ana once.", claimant=ana)
    _published("Ana twice.", claimant=ana)
    _published("Bo once.", claimant=bo)

    offered = page(client.get("/claims/"))
    filtered = page(client.get("/claims/?speaker=bo"))

    assert texts(offered, "//select[@name='speaker']/option") == ["Anyone", "Ana"]
    assert texts(filtered, "//select[@name='speaker']/option") == ["Anyone", "Ana", "Bo"]


def test_claim_list_offers_the_latest_cited_sources_and_the_one_filtered_by(
    client, db, monkeypatch
):
    monkeypatch.setattr("apps.web.limits.FILTER_CHOICES", 1)
    old = factories.SourceFactory(title="Old report", published_on=datetime.date(2020, 1, 1))
    new = factories.SourceFactory(title="New report", published_on=datetime.date(2025, 1, 1))
    for source in (old, new):
        factories.CitationFactory(claim=_published(f"Cites {source.title}."), source=source)

    offered = page(client.get("/claims/"))
    filtered = page(client.get(f"/claims/?source={old.slug}"))

    assert texts(offered, "//select[@name='source']/option") == ["Any source", "New report"]
    assert texts(filtered, "//select[@name='source']/option") == [
        "Any source",
        "New report",
        "Old report",
    ]


def test_claim_list_paginates_keeping_its_filters(client, db):
    for number in range(21):
        _published(f"Claim {number}.", days_ago=number, rating=factories.rating("true"))

    tree = page(client.get("/claims/?rating=true"))

    assert tree.xpath("//nav[@class='pagination']//a/@href") == ["?rating=true&page=2"]
    assert len(tree.xpath(CARD_TITLES)) == 20


def test_claim_list_answers_404_for_a_page_past_the_end(client, db):
    assert client.get("/claims/?page=9").status_code == 404


@pytest.mark.parametrize("size", [1, 8])
def test_claim_list_runs_a_fixed_number_of_queries(client, db, django_assert_num_queries, size):
    for _ in range(size):
        claim = _published("A claim.", claimant=factories.SpeakerFactory())
        with arranged():
            claim.topics.set([factories.TopicFactory()])
        factories.CitationFactory(claim=claim)

    # Count, rows, claimants, and the four filter choices.
    with django_assert_num_queries(7):
        response = client.get("/claims/")

    assert len(page(response).xpath(CARD_TITLES)) == size
