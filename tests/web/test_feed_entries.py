"""What feed readers get from each entry: summaries that stay text, ids that never change.

Read twice: with feedparser (what a reader shows, after its own sanitising) and as the raw
XML (what the feed declares)."""

import xml.etree.ElementTree as ET

import feedparser
import lxml.html
import pytest

from apps.claims.editing import claim_update
from tests import factories

ATOM = "{http://www.w3.org/2005/Atom}"
PAYLOAD = "<img src=x onerror=alert(1)> & <b>bold</b>"


@pytest.fixture(autouse=True)
def _tag_settings(settings):
    settings.FACTBASE_TAG_AUTHORITY = "factcheck.example.org"
    settings.FACTBASE_TAG_DATE = "2026-01"
    settings.ALLOWED_HOSTS = ["testserver", "mirror.example.net"]


def _parsed(response):
    assert (response.status_code, response["Content-Type"]) == (
        200,
        "application/atom+xml; charset=utf-8",
    )
    return feedparser.parse(response.content)


def _markup(html: str) -> list[str]:
    """The element names `html` holds, as a browser would build them."""
    return [element.tag for element in lxml.html.fragment_fromstring(html, "div").iter()][1:]


def _raw_summaries(response) -> list[tuple[str, str]]:
    feed = ET.fromstring(response.content)
    return [(summary.get("type"), summary.text) for summary in feed.iter(f"{ATOM}summary")]


def test_claims_feed_summary_reaches_a_reader_as_text(client, db):
    factories.PublishedClaimFactory(rating=factories.rating("false"), summary=PAYLOAD)

    entry = _parsed(client.get("/feeds/claims/")).entries[0]

    assert _markup(entry.summary) == []
    assert lxml.html.fragment_fromstring(entry.summary, "div").text_content() == (
        f"False. {PAYLOAD}"
    )


def test_claims_feed_summary_is_escaped_html_in_the_xml(client, db):
    factories.PublishedClaimFactory(rating=factories.rating("false"), summary=PAYLOAD)

    summaries = _raw_summaries(client.get("/feeds/claims/"))

    assert summaries == [
        ("html", "False. &lt;img src=x onerror=alert(1)&gt; &amp; &lt;b&gt;bold&lt;/b&gt;")
    ]


def test_claims_feed_title_stays_text(client, db):
    factories.PublishedClaimFactory(statement=PAYLOAD)

    entry = _parsed(client.get("/feeds/claims/")).entries[0]

    assert (entry.title_detail.type, entry.title) == ("text/plain", PAYLOAD)


def test_claims_feed_entry_id_is_a_tag_uri_of_the_primary_key(client, db):
    claim = factories.PublishedClaimFactory()

    parsed = _parsed(client.get("/feeds/claims/"))

    assert [entry.id for entry in parsed.entries] == [
        f"tag:factcheck.example.org,2026-01:claim/{claim.pk}"
    ]
    assert parsed.feed.id == "tag:factcheck.example.org,2026-01:feed/claims"


def test_claims_feed_entry_id_stays_when_the_slug_is_renamed(client, db):
    claim = factories.PublishedClaimFactory(slug="first-slug")
    factories.CitationFactory(claim=claim)
    before = _parsed(client.get("/feeds/claims/")).entries[0]

    reviewer = factories.UserFactory(username="chief", is_superuser=True)
    claim_update(claim=claim, actor=reviewer, slug="second-slug")
    after = _parsed(client.get("/feeds/claims/")).entries[0]

    assert (before.link, after.link) == (
        "http://testserver/claims/first-slug/",
        "http://testserver/claims/second-slug/",
    )
    assert after.id == before.id


def test_claims_feed_entry_id_does_not_follow_the_host_header(client, db):
    factories.PublishedClaimFactory()

    ours = _parsed(client.get("/feeds/claims/")).entries[0]
    mirrored = _parsed(client.get("/feeds/claims/", HTTP_HOST="mirror.example.net")).entries[0]

    assert mirrored.link.startswith("http://mirror.example.net/")
    assert mirrored.id == ours.id


def test_speaker_and_topic_feeds_share_the_claims_entry_ids(client, db):
    speaker = factories.SpeakerFactory(slug="ana")
    topic = factories.TopicFactory(slug="trade")
    claim = factories.PublishedClaimFactory(claimant=speaker)
    with factories.arranged():
        claim.topics.set([topic])

    ids = {
        path: [entry.id for entry in _parsed(client.get(path)).entries]
        for path in ("/feeds/claims/", "/feeds/speakers/ana/", "/feeds/topics/trade/")
    }

    assert set(map(tuple, ids.values())) == {
        (f"tag:factcheck.example.org,2026-01:claim/{claim.pk}",)
    }


def test_corrections_feed_note_reaches_a_reader_as_text(client, db):
    factories.CorrectionFactory(claim=factories.PublishedClaimFactory(), note=PAYLOAD)

    response = client.get("/feeds/corrections/")
    entry = _parsed(response).entries[0]

    assert _markup(entry.summary) == []
    assert lxml.html.fragment_fromstring(entry.summary, "div").text_content() == PAYLOAD
    assert _raw_summaries(response) == [
        ("html", "&lt;img src=x onerror=alert(1)&gt; &amp; &lt;b&gt;bold&lt;/b&gt;")
    ]


def test_corrections_feed_entry_id_is_a_tag_uri_of_the_primary_key(client, db):
    correction = factories.CorrectionFactory(claim=factories.PublishedClaimFactory())

    parsed = _parsed(client.get("/feeds/corrections/"))

    assert [entry.id for entry in parsed.entries] == [
        f"tag:factcheck.example.org,2026-01:correction/{correction.pk}"
    ]
    assert parsed.feed.id == "tag:factcheck.example.org,2026-01:feed/corrections"


def test_feeds_parse_without_errors(client, db):
    factories.CorrectionFactory(claim=factories.PublishedClaimFactory(summary=PAYLOAD))

    results = [_parsed(client.get(path)) for path in ("/feeds/claims/", "/feeds/corrections/")]

    assert [(result.bozo, result.version, len(result.entries)) for result in results] == [
        (False, "atom10", 1),
        (False, "atom10", 1),
    ]
