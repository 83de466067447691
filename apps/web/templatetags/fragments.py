"""Claim and quote cards, and fragments rendered once per what they show.

`{% claim_card %}` and `{% quote_card %}` write the cards of apps/web/cards.py, made
without the template engine: a speaker's page shows up to a hundred, mostly seen for the
first time (bench/README.md, "First visits").

`kept()` renders a template once per what it shows and keeps the HTML in this process,
keyed by every value the fragment shows (and the URL prefix, language and time zone it
was rendered under): a fragment changes its key whenever anything it shows changes, so a
kept one is never stale, and nothing needs to be told of writes. At most MAX_CARDS are
kept (the least recently used go first). The speaker's scorecard is kept this way.
"""

import threading
from collections import OrderedDict

from django import template
from django.urls import get_script_prefix, get_urlconf
from django.utils import timezone, translation
from django.utils.safestring import mark_safe

from apps.web import cards

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
