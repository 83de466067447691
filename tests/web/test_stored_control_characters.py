"""Text stored before control characters were refused at input cannot break a feed or open a
<mark> in a search snippet."""

import xml.etree.ElementTree as ET

import pytest

from apps.claims.models import Claim
from tests import factories
from tests.factories import arranged
from tests.web.helpers import page

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def stored_before(db):
    """A published claim, with its speaker and topic, whose texts hold control characters
    (written past the services, as rows stored before the validator were)."""
    speaker = factories.SpeakerFactory(slug="ana")
    topic = factories.TopicFactory(slug="trade")
    claim = factories.PublishedClaimFactory(
        statement="Grain exports\x02 rose\x03 by 12%.",
        summary="They did\x01 not.",  # (PostgreSQL cannot store NUL at all)
        claimant=speaker,
    )
    with arranged():
        claim.topics.set([topic])
        Claim.objects.filter(pk=claim.pk).update(statement="Grain exports\x02 rose\x03 by 12%.")
    return claim


@pytest.mark.parametrize("path", ["/feeds/claims/", "/feeds/speakers/ana/", "/feeds/topics/trade/"])
def test_a_feed_drops_stored_control_characters(client, stored_before, path):
    response = client.get(path)

    feed = ET.fromstring(response.content)
    assert (
        response.status_code,
        [e.findtext(f"{ATOM}title") for e in feed.iter(f"{ATOM}entry")],
    ) == (
        200,
        ["Grain exports rose by 12%."],
    )


def test_a_stored_control_character_opens_no_mark_in_a_snippet(client, stored_before):
    tree = page(client.get("/search/", {"q": "grain"}))

    assert [mark.text_content() for mark in tree.xpath("//mark")] == ["Grain"]
