"""The claim page's share card tags and its share panel (links, copy-link, embed code).

No third-party script or image: each network is a plain link to its share address, opened
by the reader's click, so no network learns who reads the page until they share it.
"""

from urllib.parse import quote_plus

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
    embed code to copy. Written here, not by an included template (its own context, a
    loop and a dozen variables to resolve); its markup is the template's as it was, byte
    for byte, and tests/web/test_embed.py pins it."""
    request = context["request"]
    # The routes' paths from their templates (apps/core/paths.py), not reverse(): a
    # claim page's first visit reversed eight routes, 0.4 ms.
    url = request.build_absolute_uri(page_path(claim))
    embed_url = request.build_absolute_uri(path_with("web:claim-embed", "slug", claim.slug))
    verdict = share_card.CardText.of(claim).verdict
    networks = share_links(verdict, claim.statement, url)
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


def share_links(verdict: str, statement: str, url: str) -> list[tuple[str, str]]:
    """Each network's share address for the claim's page at `url`: the text to post is
    "<verdict>: “<statement>” — fact-check by <organisation>" (and the address).

    As `urlencode` and `quote` write them, but quoting the statement once rather than
    five times (a character at a time, 90 µs a page): quoting is character by character,
    so the quoted pieces are joined, and `quote(s)` is `quote_plus(s)` with each space's
    "+" written "%20" and "/" left as it is ("+" and "%2F" come only from those).
    tests/web/test_embed.py holds them to `urlencode` and `quote`'s."""
    organisation = settings.FACTBASE_ORGANISATION_NAME
    said = quote_plus(statement)
    text = quote_plus(f"{verdict}: “") + said + quote_plus(f"” — fact-check by {organisation}")
    page = quote_plus(url)
    return [
        ("Bluesky", f"https://bsky.app/intent/compose?text={text}+{page}"),
        ("X", f"https://x.com/intent/post?text={text}&url={page}"),
        ("Facebook", f"https://www.facebook.com/sharer/sharer.php?u={page}"),
        ("LinkedIn", f"https://www.linkedin.com/sharing/share-offsite/?url={page}"),
        ("WhatsApp", f"https://wa.me/?text={text}+{page}"),
        (
            "Email",
            f"mailto:?subject=Fact-check%3A%20{_as_quote(said)}"
            f"&body={_as_quote(text)}%0A{_as_quote(page)}",
        ),
    ]


def _as_quote(quoted_plus: str) -> str:
    """`quote(s)` (safe "/") from `quote_plus(s)` (safe "")."""
    return quoted_plus.replace("+", "%20").replace("%2F", "/")


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
