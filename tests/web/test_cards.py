"""Claim and quote cards kept per what they show (apps/web/templatetags/fragments.py): the
same HTML as the includes they replace, and never a card that shows an old state."""

import pytest
from django.template import Context, Template
from django.test import RequestFactory

from apps.web.templatetags.fragments import forget_cards
from tests import factories
from tests.factories import arranged
from tests.web.helpers import page, texts


@pytest.fixture(autouse=True)
def _no_kept_cards():
    forget_cards()
    yield
    forget_cards()


def render(source: str, **values) -> str:
    context = Context({"request": RequestFactory().get("/"), **values})
    return Template("{% load fragments %}" + source).render(context)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("tag", "include"),
    [
        (
            "{% claim_card claim level=3 %}",
            '{% include "web/includes/claim_card.html" with level=3 %}',
        ),
        (
            "{% claim_card claim level=3 hide_claimant=True %}",
            '{% include "web/includes/claim_card.html" with level=3 hide_claimant=True %}',
        ),
        (
            "{% claim_card claim level=3 similarity=87 %}",
            '{% include "web/includes/claim_card.html" with level=3 similarity=87 %}',
        ),
    ],
)
def test_a_claim_card_is_the_include(tag, include):
    claim = factories.PublishedClaimFactory(summary="Exports fell.")

    assert [render(tag, claim=claim) for _ in range(2)] == [render(include, claim=claim)] * 2


@pytest.mark.django_db
@pytest.mark.parametrize("hide", [False, True])
def test_a_quote_card_is_the_include(hide):
    quotes = [
        factories.QuoteFactory(said_on="2024-05-01", occasion="A debate"),
        factories.QuoteFactory(speaker=None, speaker_name="A spokesperson"),
    ]
    tag = f"{{% quote_card quote hide_speaker={hide} %}}"
    include = f'{{% include "web/includes/quote_card.html" with hide_speaker={hide} %}}'

    for quote in quotes:
        assert render(tag, quote=quote) == render(include, quote=quote)


@pytest.mark.django_db
def test_a_kept_card_changes_with_anything_it_shows():
    claim = factories.PublishedClaimFactory()
    before = render("{% claim_card claim %}", claim=claim)

    claim.claimant.name = "Renamed Speaker"
    claim.rating.label = "Relabelled"
    after = render("{% claim_card claim %}", claim=claim)

    assert ("Renamed Speaker" in before, "Relabelled" in before) == (False, False)
    assert ("Renamed Speaker" in after, "Relabelled" in after) == (True, True)


@pytest.mark.django_db
def test_the_speaker_page_shows_a_renamed_claim_and_quote(client):
    from apps.claims.models import Claim
    from apps.quotes.models import Quote

    speaker = factories.SpeakerFactory(slug="ana")
    claim = factories.PublishedClaimFactory(claimant=speaker, statement="Exports rose.")
    quote = factories.QuoteFactory(speaker=speaker, text="We sold grain.")
    client.get("/speakers/ana/")
    with arranged():
        Claim.objects.filter(pk=claim.pk).update(statement="Exports fell.")
        Quote.objects.filter(pk=quote.pk).update(text="We bought grain.")

    html = client.get("/speakers/ana/").content.decode()

    assert ("Exports fell." in html, "We bought grain." in html) == (True, True)
    assert ("Exports rose." in html, "We sold grain." in html) == (False, False)


@pytest.mark.django_db
def test_the_speaker_page_shows_a_changed_scorecard(client):
    from apps.claims.models import Claim

    speaker = factories.SpeakerFactory(slug="ana")
    claim = factories.PublishedClaimFactory(claimant=speaker, rating=factories.rating("true"))
    factories.PublishedClaimFactory(claimant=speaker, rating=factories.rating("true"))
    client.get("/speakers/ana/")
    with arranged():
        Claim.objects.filter(pk=claim.pk).update(rating=factories.rating("false"))

    tree = page(client.get("/speakers/ana/"))

    rows = tree.xpath("//figure[@class='scorecard']//tbody/tr")
    counts = dict(tuple(texts(row, "./*")) for row in rows)
    assert (counts["True"], counts["False"]) == ("1", "1")
