"""Claim and quote cards: `{% claim_card %}` and `{% quote_card %}` (`{% claim_cards %}` and
`{% quote_cards %}` for a list) write the cards of apps/web/cards.py, made without the
template engine: a speaker's page shows up to a hundred, mostly seen for the first time
(bench/README.md, "First visits"). Cards are not kept between requests: a kept card saved
its render only when this process had made the same card before, which on long-tail
traffic it seldom had.
"""

from django import template

from apps.web import cards, evidence

register = template.Library()


@register.simple_tag
def claim_card(claim, level=2, hide_claimant=False, similarity=""):
    """A claim's card (apps/web/cards.py)."""
    return cards.claim_card(
        claim, level=level, hide_claimant=bool(hide_claimant), similarity=similarity
    )


@register.simple_tag
def quote_card(quote, hide_speaker=False):
    """A quote's card (apps/web/cards.py)."""
    return cards.quote_card(quote, hide_speaker=bool(hide_speaker))


@register.simple_tag
def claim_cards(claims, level=2, hide_claimant=False):
    """The cards of `claims`, one after another: one tag for a list, as a tag per card cost
    a fifth of the card."""
    return cards.claim_cards(claims, level=level, hide_claimant=bool(hide_claimant))


@register.simple_tag
def similar_claim_cards(matches, level=2):
    """The claim page's similar claims' cards, each with its similarity."""
    return cards.similar_claim_cards(matches, level=level)


@register.simple_tag
def quote_cards(quotes, hide_speaker=False):
    """The cards of `quotes`, one after another."""
    return cards.quote_cards(quotes, hide_speaker=bool(hide_speaker))


@register.simple_tag
def citation_items(citations):
    """The claim page's evidence list items (apps/web/evidence.py)."""
    return evidence.citation_items(citations)
