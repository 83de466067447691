"""Claim and quote cards and verdict badges (apps/web/cards.py), made without the template
engine: the markup they write, what they escape, dates as the `date` filter wrote them, and
never a card that shows an old state."""

import datetime

import lxml.html
import pytest
from django.template import Context, Template
from django.urls import set_script_prefix
from django.utils import timezone, translation

from apps.web import cards
from tests import factories
from tests.factories import arranged
from tests.web.helpers import page, texts


def fragment(html) -> lxml.html.HtmlElement:
    return lxml.html.fromstring(str(html))


CHECKED = datetime.datetime(2024, 3, 5, 18, 8, 36, tzinfo=datetime.UTC)


def _claim(**fields):
    speaker = factories.SpeakerFactory(name="Ana Lima", slug="ana-lima")
    values = {
        "statement": "Exports rose.",
        "slug": "exports-rose",
        "claimant": speaker,
        "published_at": CHECKED,
        **fields,
    }
    return factories.PublishedClaimFactory(**values)


@pytest.mark.django_db
def test_a_claim_card_shows_verdict_statement_summary_claimant_and_date():
    claim = _claim(summary="Exports fell.", rating=factories.rating("false"))

    assert str(cards.claim_card(claim, level=3)) == (
        '<article class="card claim-card">\n'
        '  <div class="claim-card__verdict"><a class="verdict-link" href="/method/#rating-false">'
        '<span class="verdict verdict--score-1"><span class="visually-hidden">Verdict: </span>'
        "False</span></a></div>\n"
        '  <h3 class="card__title"><a href="/claims/exports-rose/">Exports rose.</a></h3>\n'
        '  <p class="card__summary">Exports fell.</p>\n'
        '  <p class="card__meta">Claimed by <a href="/speakers/ana-lima/">Ana Lima</a> · '
        'Checked <time datetime="2024-03-05T18:08:36+00:00">5 March 2024</time></p>\n'
        "</article>"
    )


@pytest.mark.django_db
def test_a_claim_card_can_hide_its_claimant_and_show_its_similarity():
    claim = _claim()

    tree = fragment(cards.claim_card(claim, hide_claimant=True, similarity=87))

    assert (
        texts(tree, "//h2"),
        texts(tree, "//*[@class='similarity']"),
        "Ana Lima" in tree.text_content(),
    ) == (["Exports rose."], ["87% similar"], False)


@pytest.mark.django_db
def test_a_claim_card_escapes_what_it_shows():
    claim = _claim(statement='<script>alert("x")</script> & more', summary="<b>bold</b>")

    html = str(cards.claim_card(claim))

    assert ("<script>" in html, "<b>" in html) == (False, False)
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; more" in html


@pytest.mark.django_db
def test_a_claim_cards_date_is_the_date_filters_in_the_current_time_zone_and_language():
    claim = _claim(published_at=datetime.datetime(2024, 3, 1, 2, 0, tzinfo=datetime.UTC))
    template = Template('{{ when|date:"c" }} {{ when|date:"j F Y" }}')

    with timezone.override("America/New_York"), translation.override("fr"):
        html = str(cards.claim_card(claim))
        expected = template.render(Context({"when": claim.published_at}))

    iso, day = expected.split(" ", 1)
    assert (iso, day) == ("2024-02-29T21:00:00-05:00", "29 février 2024")
    assert f'<time datetime="{iso}">{day}</time>' in html


@pytest.mark.django_db
def test_a_list_of_cards_is_each_card_in_the_current_time_zone_language_and_prefix():
    claims = [
        _claim(published_at=datetime.datetime(2024, 3, 1, 2, 0, tzinfo=datetime.UTC)),
        factories.PublishedClaimFactory(claimant=None, rating=None, published_at=CHECKED),
    ]
    quotes = [
        factories.QuoteFactory(said_on=datetime.date(2024, 5, 1), occasion="A debate"),
        factories.QuoteFactory(speaker=None, speaker_name="A <b>minister</b>"),
    ]

    set_script_prefix("/mirror/")
    try:
        with timezone.override("America/New_York"), translation.override("fr"):
            lists = [str(cards.claim_cards(claims)), str(cards.quote_cards(quotes))]
            one_by_one = [
                "\n".join(str(cards.claim_card(claim)) for claim in claims),
                "\n".join(str(cards.quote_card(quote)) for quote in quotes),
            ]
    finally:
        set_script_prefix("/")

    assert lists == one_by_one
    assert "29 février 2024" in lists[0]
    assert "1 mai 2024" in lists[1]
    assert 'href="/mirror/claims/' in lists[0]
    assert 'href="/mirror/quotes/' in lists[1]


@pytest.mark.django_db
def test_a_badge_shows_a_relabelled_verdict_and_no_verdict():
    verdict = factories.rating("true")
    before = str(cards.verdict_badge(verdict))

    verdict.label = "Relabelled"
    after = str(cards.verdict_badge(verdict, "large"))

    assert ("Relabelled" in before, "Relabelled" in after, "verdict--large" in after) == (
        False,
        True,
        True,
    )
    assert 'class="verdict verdict--none"' in str(cards.verdict_badge(None))
    assert "Not rated" in str(cards.verdict_badge(None))


@pytest.mark.django_db
def test_a_quote_card_names_its_speaker_occasion_and_date():
    speaker = factories.SpeakerFactory(name="Ana Lima", slug="ana-lima")
    quote = factories.QuoteFactory(
        speaker=speaker, text="We sold grain.", occasion="A debate", said_on="2024-05-01"
    )
    quote.refresh_from_db()

    assert str(cards.quote_card(quote)) == (
        '<figure class="card quote-card">\n'
        '  <blockquote class="quote-card__text"><p><a href="/quotes/'
        f'{quote.pk}/">“We sold grain.”</a></p></blockquote>\n'
        '  \n  <figcaption class="card__meta">— <a href="/speakers/ana-lima/">Ana Lima</a>, '
        'A debate, <time datetime="2024-05-01">1 May 2024</time></figcaption>\n  \n'
        "</figure>"
    )


@pytest.mark.django_db
def test_a_quote_card_of_an_unnamed_speaker_escapes_the_name_given():
    quote = factories.QuoteFactory(speaker=None, speaker_name="A <b>spokesperson</b>")

    tree = fragment(cards.quote_card(quote))

    assert texts(tree, "//figcaption") == ["— A <b>spokesperson</b>"]


@pytest.mark.django_db
def test_a_quote_card_without_speaker_occasion_or_date_has_no_caption():
    quote = factories.QuoteFactory(text="We sold grain.")

    assert "figcaption" not in str(cards.quote_card(quote, hide_speaker=True))


@pytest.mark.django_db
def test_the_card_tags_write_the_cards():
    claim = _claim()
    quote = factories.QuoteFactory()
    source = "{% load fragments %}{% claim_card claim level=3 %}|{% quote_card quote %}"

    html = Template(source).render(Context({"claim": claim, "quote": quote}))

    assert html == f"{cards.claim_card(claim, level=3)}|{cards.quote_card(quote)}"


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
