"""The claim page's share card tags and its share panel (links, copy-link, embed code).

No third-party script or image: each network is a plain link to its share address, opened
by the reader's click, so no network learns who reads the page until they share it.
"""

from urllib.parse import quote, urlencode

from django import template
from django.conf import settings
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe

from apps.core.paths import path_with
from apps.web import share_card
from apps.web.cards import markup
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


@register.simple_tag(takes_context=True)
def share_panel(context, claim) -> SafeString:
    """The share panel: the networks' links, the share image, the page's link and the
    embed code to copy. Written here, not by an included template (rendering it was a
    twentieth of a claim page's first visit); its markup is the template's as it was,
    byte for byte, and tests/web/test_embed.py pins it."""
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
    snippet = markup(
        '<iframe src="{}" title="{}" width="{}" height="{}" loading="lazy" '
        'style="border:0;max-width:100%"></iframe>',
        embed_url,
        f"Fact-check by {settings.FACTBASE_ORGANISATION_NAME}: {claim.statement}",
        EMBED_WIDTH,
        EMBED_HEIGHT,
    )
    links = "".join(
        [
            markup(
                '<li><a href="{}" rel="noopener noreferrer" target="_blank">{}'
                '<span class="visually-hidden"> (opens in a new tab)</span></a></li>',
                href,
                name,
            )
            for name, href in networks
        ]
    )
    return markup(
        _PANEL,
        mark_safe(links),
        path_with("web:claim-card", "slug", claim.slug),
        url,
        embed_url,
        # Markup to copy: shown escaped, as text.
        escape(str(snippet)),
    )


_PANEL = """<section class="section share" aria-labelledby="share-heading">
  <h2 id="share-heading">Share this fact-check</h2>
  <ul class="inline-list share__networks">
    {}
    <li><a href="{}">Share image (PNG)</a></li>
  </ul>
  <p class="share__copy">
    <label for="share-link">Link to this fact-check</label>
    <input id="share-link" class="share__field" type="url" value="{}" readonly>
    <button class="share__button" type="button" data-copy="share-link" hidden>Copy link</button>
  </p>
  <details class="share__embed">
    <summary>Embed this verdict on your site</summary>
    <p>Paste this code into your page: it shows the verdict, the claim and who made it, \
linking here. Only <a href="{}">the widget</a> may be framed by other sites.</p>
    <label for="share-embed">Embed code</label>
    <textarea id="share-embed" class="share__field" rows="4" readonly>{}</textarea>
    <button class="share__button" type="button" data-copy="share-embed" hidden>\
Copy embed code</button>
  </details>
  <p class="share__status visually-hidden" role="status" aria-live="polite"></p>
</section>
"""
