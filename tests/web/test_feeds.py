"""Atom feeds of published claims: all, per speaker, per topic."""

import datetime
import xml.etree.ElementTree as ET

import pytest

from apps.speakers.models import Speaker
from tests import factories
from tests.factories import arranged

ATOM = "{http://www.w3.org/2005/Atom}"


def _entries(response) -> list[tuple[str, str]]:
    assert (response.status_code, response["Content-Type"]) == (
        200,
        "application/atom+xml; charset=utf-8",
    )
    feed = ET.fromstring(response.content)
    return [
        (entry.findtext(f"{ATOM}title"), entry.find(f"{ATOM}link").get("href"))
        for entry in feed.findall(f"{ATOM}entry")
    ]


def test_claims_feed_lists_published_claims_newest_first(client, db):
    older = factories.PublishedClaimFactory(
        statement="Older.",
        slug="older",
        published_at=datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC),
    )
    newer = factories.PublishedClaimFactory(
        statement="Newer.",
        slug="newer",
        published_at=datetime.datetime(2026, 2, 1, tzinfo=datetime.UTC),
    )
    factories.ClaimFactory(statement="Draft.")

    entries = _entries(client.get("/feeds/claims/"))

    assert entries == [
        ("Newer.", f"http://testserver{newer.get_absolute_url()}"),
        ("Older.", f"http://testserver{older.get_absolute_url()}"),
    ]


def test_claims_feed_entry_says_the_verdict_and_summary(client, db):
    factories.PublishedClaimFactory(rating=factories.rating("false"), summary="It was 9%.")

    feed = ET.fromstring(client.get("/feeds/claims/").content)

    assert [e.findtext(f"{ATOM}summary") for e in feed.iter(f"{ATOM}entry")] == [
        "False. It was 9%."
    ]


def test_speaker_feed_lists_only_that_speakers_published_claims(client, db):
    ana = factories.SpeakerFactory(slug="ana")
    factories.PublishedClaimFactory(claimant=ana, statement="Ana's.", slug="anas")
    factories.PublishedClaimFactory(statement="Other.")
    factories.ClaimFactory(claimant=ana, statement="Ana's draft.")

    assert _entries(client.get("/feeds/speakers/ana/")) == [
        ("Ana's.", "http://testserver/claims/anas/")
    ]


def test_speaker_feed_answers_404_for_a_draft_speaker(client, db):
    factories.SpeakerFactory(slug="hidden", status=Speaker.Status.DRAFT)

    assert client.get("/feeds/speakers/hidden/").status_code == 404


def test_topic_feed_lists_only_that_topics_published_claims(client, db):
    topic = factories.TopicFactory(slug="trade")
    with arranged():
        factories.PublishedClaimFactory(statement="On trade.", slug="on-trade").topics.set([topic])
        factories.PublishedClaimFactory(statement="Off topic.")
        factories.ClaimFactory(statement="Draft on trade.").topics.set([topic])

    assert _entries(client.get("/feeds/topics/trade/")) == [
        ("On trade.", "http://testserver/claims/on-trade/")
    ]


@pytest.mark.parametrize("size", [1, 8])
def test_claims_feed_runs_a_fixed_number_of_queries(client, db, django_assert_num_queries, size):
    with arranged():
        for _ in range(size):
            factories.PublishedClaimFactory().topics.set([factories.TopicFactory()])

    # The entries (3) and when anything the feed shows last changed (Last-Modified).
    with django_assert_num_queries(4):
        response = client.get("/feeds/claims/")

    assert len(_entries(response)) == size


@pytest.mark.parametrize("size", [1, 8])
def test_speaker_feed_runs_a_fixed_number_of_queries(client, db, django_assert_num_queries, size):
    ana = factories.SpeakerFactory(slug="ana")
    factories.PublishedClaimFactory.create_batch(size, claimant=ana)

    with django_assert_num_queries(5):
        response = client.get("/feeds/speakers/ana/")

    assert len(_entries(response)) == size
