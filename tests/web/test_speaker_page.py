"""/speakers/<slug>/: a speaker's roles, quotes, claims and verdict scorecard."""

import datetime

import pytest

from apps.claims.models import Claim
from apps.quotes.models import Quote
from apps.speakers.models import Speaker
from apps.speakers.services import speaker_update
from tests import factories
from tests.web.helpers import hrefs, page, texts


@pytest.fixture
def speaker(db):
    speaker = factories.SpeakerFactory(
        name="Ana Minister", slug="ana", description="Minister of Trade", wikidata_id="Q42"
    )
    factories.SpeakerRoleFactory(
        speaker=speaker, title="Minister", organisation="Trade", start=datetime.date(2020, 1, 2)
    )
    factories.SpeakerAliasFactory(speaker=speaker, name="the Minister")
    return speaker


def test_speaker_page_shows_description_roles_aliases_and_wikidata(client, speaker):
    tree = page(client.get("/speakers/ana/"))

    assert texts(tree, "//h1") + texts(tree, "//p[@class='lead']") == [
        "Ana Minister",
        "Minister of Trade",
    ]
    assert texts(tree, "//dl[@class='facts']//dd")[:3] == [
        "Minister, Trade (from 2 January 2020)",
        "the Minister",
        "Q42",
    ]


def test_speaker_page_lists_public_quotes_and_claims_only(client, speaker):
    quote = factories.QuoteFactory(speaker=speaker, text="Public words")
    factories.QuoteFactory(speaker=speaker, text="Draft words", status=Quote.Status.DRAFT)
    claim = factories.PublishedClaimFactory(claimant=speaker, statement="Checked claim.")
    factories.PublishedClaimFactory(
        claimant=speaker, statement="Retracted claim.", status=Claim.Status.RETRACTED
    )

    response = client.get("/speakers/ana/")

    tree = page(response)
    assert hrefs(tree, "//section[h2[@id='claims-heading']]//h3/a") == [claim.get_absolute_url()]
    assert hrefs(tree, "//section[h2[@id='quotes-heading']]//blockquote//a") == [
        quote.get_absolute_url()
    ]
    body = response.content.decode()
    assert ("Draft words" in body, "Retracted claim." in body) == (False, False)


def test_speaker_page_draws_a_scorecard_of_public_verdicts(client, speaker):
    for slug in ("true", "false", "false", "unproven"):
        factories.PublishedClaimFactory(claimant=speaker, rating=factories.rating(slug))
    factories.ClaimFactory(claimant=speaker, rating=factories.rating("true"))  # a draft

    tree = page(client.get("/speakers/ana/"))

    rows = tree.xpath("//figure[@class='scorecard']//tbody/tr")
    assert [tuple(texts(row, "./*")) for row in rows] == [
        ("True", "1"),
        ("Mostly true", "0"),
        ("Half true", "0"),
        ("Mostly false", "0"),
        ("False", "2"),
        ("Unproven", "1"),
    ]
    assert texts(tree, "//svg//text[@class='scorecard__label']") == [
        "True",
        "Mostly true",
        "Half true",
        "Mostly false",
        "False",
        "Unproven",
    ]
    bars = tree.xpath("//svg//rect")
    assert [(bar.get("class"), bar.get("width")) for bar in bars] == [
        ("scorecard__bar verdict--score-5", "109.0"),
        ("scorecard__bar verdict--score-1", "218.0"),
        ("scorecard__bar verdict--unscored", "109.0"),
    ]
    assert texts(tree, "//figcaption[@class='scorecard__caption']") == [
        "Verdicts on 4 checked claims by Ana Minister"
    ]


def test_speaker_page_with_nothing_public_still_has_a_page(client, speaker):
    factories.ClaimFactory(claimant=speaker, statement="Draft only.")

    tree = page(client.get("/speakers/ana/"))

    assert texts(tree, "//p[@class='empty']") == [
        "No claim by Ana Minister has been published yet.",
        "No quote of Ana Minister is published yet.",
    ]


def test_speaker_page_links_its_atom_feed(client, speaker):
    tree = page(client.get("/speakers/ana/"))

    assert tree.xpath("//link[@rel='alternate'][@type='application/atom+xml']/@href") == [
        "/feeds/claims/",
        "/feeds/speakers/ana/",
    ]


def test_speaker_page_answers_404_for_a_draft_speaker(client, speaker):
    speaker_update(speaker=speaker, status=Speaker.Status.DRAFT)

    assert client.get("/speakers/ana/").status_code == 404


def test_speaker_page_redirects_a_former_slug(client, speaker):
    speaker_update(speaker=speaker, slug="ana-minister")

    response = client.get("/speakers/ana/")

    assert (response.status_code, response["Location"]) == (301, "/speakers/ana-minister/")


@pytest.mark.parametrize("size", [1, 8])
def test_speaker_page_runs_a_fixed_number_of_queries(
    client, speaker, django_assert_num_queries, size
):
    for _ in range(size):
        factories.QuoteFactory(speaker=speaker)
        factories.PublishedClaimFactory(claimant=speaker)
        factories.SpeakerRoleFactory(speaker=speaker)

    # The speaker, roles, aliases, quotes, claims, ratings; fewer claims than the list's
    # limit are counted for the scorecard as they are listed (no query of their own).
    with django_assert_num_queries(6):
        response = client.get("/speakers/ana/")

    assert Claim.objects.count() == size
    assert len(page(response).xpath("//article[contains(@class, 'claim-card')]")) == size


def test_speaker_page_counts_claims_past_the_lists_limit(client, speaker, monkeypatch):
    monkeypatch.setattr("apps.web.limits.DETAIL_LIST_LIMIT", 2)
    for slug in ("true", "false", "false"):
        factories.PublishedClaimFactory(claimant=speaker, rating=factories.rating(slug))

    tree = page(client.get("/speakers/ana/"))

    assert len(tree.xpath("//article[contains(@class, 'claim-card')]")) == 2
    assert texts(tree, "//figcaption[@class='scorecard__caption']") == [
        "Verdicts on 3 checked claims by Ana Minister"
    ]
