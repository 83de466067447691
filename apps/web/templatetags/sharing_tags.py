"""The claim page's share card tags and its share panel (links, copy-link, embed code).

No third-party script or image: each network is a plain link to its share address, opened
by the reader's click, so no network learns who reads the page until they share it.
"""

from urllib.parse import quote, urlencode

from django import template
from django.conf import settings
from django.utils.html import format_html

from apps.core.paths import path_with
from apps.web import share_card
from apps.web.page_paths import page_path

register = template.Library()

EMBED_WIDTH, EMBED_HEIGHT = 560, 300


@register.simple_tag(takes_context=True)
def share_card_meta(context, claim) -> str:
    """og:image with its size and text, and twitter:image, for `claim`'s share card."""
    card = share_card.CardText.of(claim)
    image = context["request"].build_absolute_uri(path_with("web:claim-card", "slug", claim.slug))
    return format_html(
        '<meta property="og:image" content="{image}">\n'
        '  <meta property="og:image:type" content="image/png">\n'
        '  <meta property="og:image:width" content="{width}">\n'
        '  <meta property="og:image:height" content="{height}">\n'
        '  <meta property="og:image:alt" content="{alt}">\n'
        '  <meta name="twitter:image" content="{image}">\n'
        '  <meta name="twitter:image:alt" content="{alt}">',
        image=image,
        width=share_card.WIDTH,
        height=share_card.HEIGHT,
        alt=card.alt,
    )


@register.inclusion_tag("web/includes/share.html", takes_context=True)
def share_panel(context, claim):
    request = context["request"]
    # The routes' paths from their templates (apps/core/paths.py), not reverse(): a
    # claim page's first visit reversed eight routes, 0.4 ms.
    url = request.build_absolute_uri(page_path(claim))
    embed_url = request.build_absolute_uri(path_with("web:claim-embed", "slug", claim.slug))
    verdict = share_card.CardText.of(claim).verdict
    text = f"{verdict}: “{claim.statement}” — fact-check by {settings.FACTBASE_ORGANISATION_NAME}"
    networks = [
        ("Bluesky", "https://bsky.app/intent/compose?" + urlencode({"text": f"{text} {url}"})),
        ("X", "https://x.com/intent/post?" + urlencode({"text": text, "url": url})),
        ("Facebook", "https://www.facebook.com/sharer/sharer.php?" + urlencode({"u": url})),
        (
            "LinkedIn",
            "https://www.linkedin.com/sharing/share-offsite/?" + urlencode({"url": url}),
        ),
        ("WhatsApp", "https://wa.me/?" + urlencode({"text": f"{text} {url}"})),
        (
            "Email",
            f"mailto:?subject={quote(f'Fact-check: {claim.statement}')}"
            f"&body={quote(f'{text}{chr(10)}{url}')}",
        ),
    ]
    snippet = format_html(
        '<iframe src="{}" title="{}" width="{}" height="{}" loading="lazy" '
        'style="border:0;max-width:100%"></iframe>',
        embed_url,
        f"Fact-check by {settings.FACTBASE_ORGANISATION_NAME}: {claim.statement}",
        EMBED_WIDTH,
        EMBED_HEIGHT,
    )
    return {
        "claim": claim,
        "url": url,
        "networks": networks,
        # Markup to copy: the template shows it escaped, as text.
        "snippet": snippet,
        "card_url": path_with("web:claim-card", "slug", claim.slug),
        "embed_url": embed_url,
    }
