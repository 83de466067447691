"""Claim and quote cards rendered once per what they show, and reused across pages.

A speaker's page shows up to a hundred cards, and rendering them (an `{% include %}` each,
a verdict badge, dates formatted by the `date` filter) was most of its time
(bench/README.md, "Render cost"). `{% claim_card %}` and `{% quote_card %}` render the same
include templates, with the same variables, and keep the HTML in this process, keyed by
every value the card shows (and the URL prefix, language and time zone it was rendered
under): a card changes its key whenever anything it shows changes, so a kept card is never
stale, and nothing needs to be told of writes. At most MAX_CARDS are kept (the least
recently used go first; a card is about half a kilobyte).
"""

import threading
from collections import OrderedDict

from django import template
from django.urls import get_script_prefix, get_urlconf
from django.utils import timezone, translation
from django.utils.safestring import mark_safe

register = template.Library()

MAX_CARDS = 20_000
_cards: OrderedDict = OrderedDict()
_lock = threading.Lock()


def forget_cards() -> None:
    with _lock:
        _cards.clear()


def kept(context, name: str, key: tuple, values: dict) -> str:
    """The template `name` rendered with `values` as `{% include %}` renders it, kept
    under `key`, which must hold every value the HTML shows."""
    key = (
        name,
        *key,
        get_script_prefix(),
        get_urlconf(),
        translation.get_language(),
        timezone.get_current_timezone_name(),
    )
    with _lock:
        html = _cards.get(key)
        if html is not None:
            _cards.move_to_end(key)
            return html
    # As `{% include … with … %}` and inclusion tags render: in a new context that keeps
    # the page's settings (autoescaping, localisation, time zone use).
    card = context.template.engine.get_template(name)
    html = mark_safe(card.render(context.new(values)))  # the card template escapes
    with _lock:
        _cards[key] = html
        if len(_cards) > MAX_CARDS:
            _cards.popitem(last=False)
    return html


@register.simple_tag(takes_context=True)
def claim_card(context, claim, level=2, hide_claimant=False, similarity=""):
    """`{% include "web/includes/claim_card.html" with level=… hide_claimant=… %}`."""
    rating = claim.rating
    shown = (
        level,
        bool(hide_claimant),
        similarity,
        claim.pk,
        claim.slug,
        claim.statement,
        claim.summary,
        claim.published_at,
        None if rating is None else (rating.pk, rating.slug, rating.label, rating.score),
    )
    if not hide_claimant:
        claimant = claim.claimant
        shown += (None if claimant is None else (claimant.pk, claimant.slug, claimant.name),)
    values = {"claim": claim, "level": level, "hide_claimant": hide_claimant}
    if similarity:
        values["similarity"] = similarity
    return kept(context, "web/includes/claim_card.html", shown, values)


@register.simple_tag(takes_context=True)
def quote_card(context, quote, hide_speaker=False):
    """`{% include "web/includes/quote_card.html" with hide_speaker=… %}`."""
    shown = (bool(hide_speaker), quote.pk, quote.text, quote.occasion, quote.said_on)
    if not hide_speaker:
        speaker = quote.speaker
        shown += (
            quote.speaker_name,
            None if speaker is None else (speaker.pk, speaker.slug, speaker.name),
        )
    values = {"quote": quote, "hide_speaker": hide_speaker}
    return kept(context, "web/includes/quote_card.html", shown, values)
