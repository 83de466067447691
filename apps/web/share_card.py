"""The share card of a claim: a 1200×630 PNG that social networks show with a shared link.

Drawn on the server with Pillow from what the card says (the verdict, the statement, the
claimant, the organisation), so it needs no browser and no third party. Drawing one takes
tens of milliseconds, so the PNG is kept in the "share_cards" cache under a digest of
exactly what it shows (`CardText.digest`): a change to the claim, its verdict or its
claimant's name makes a new card, and a write elsewhere on the site (which empties the
response cache) does not make this one be drawn again. The digest is the response's ETag.

The font is Pillow's own (Aileron, Latin scripts) unless FACTBASE_SHARE_CARD_FONT names a
TrueType or OpenType file with the scripts the site's claims are written in.
"""

import hashlib
import io
import json
from dataclasses import asdict, dataclass
from functools import cache

from django.conf import settings
from django.core.cache import caches
from PIL import Image, ImageDraw, ImageFont

from apps.claims.models import Claim

WIDTH, HEIGHT = 1200, 630
MARGIN = 64
BACKGROUND = "#ffffff"
INK = "#1a1a1a"
MUTED = "#555555"
UNRATED = "#6b6b6b"
CACHE_ALIAS = "share_cards"
# Bump when the drawing changes, so that no cache serves a card drawn the old way.
DESIGN_VERSION = 1


@dataclass(frozen=True)
class CardText:
    """Everything a card shows; two claims with the same CardText have the same card."""

    organisation: str
    verdict: str
    colour: str
    statement: str
    claimant: str

    @classmethod
    def of(cls, claim: Claim) -> "CardText":
        """The card of `claim`, loaded with its rating and with only a public claimant
        (claim_selectors.claim_detail_queryset or `card_queryset`): no query."""
        if claim.status == Claim.Status.RETRACTED:
            verdict, colour = "Retracted", UNRATED
        elif claim.rating is None:
            verdict, colour = "Not rated", UNRATED
        else:
            verdict, colour = claim.rating.label, claim.rating.colour
        return cls(
            organisation=settings.FACTBASE_ORGANISATION_NAME,
            verdict=verdict,
            colour=colour,
            statement=claim.statement,
            claimant=claim.claimant.name if claim.claimant else "",
        )

    @property
    def digest(self) -> str:
        text = json.dumps([DESIGN_VERSION, settings.FACTBASE_SHARE_CARD_FONT, asdict(self)])
        return hashlib.sha256(text.encode()).hexdigest()[:32]

    @property
    def alt(self) -> str:
        """The image's text alternative (og:image:alt)."""
        by = f" Claimed by {self.claimant}." if self.claimant else ""
        return f"{self.verdict}: “{self.statement}”{by} Fact-check by {self.organisation}."


def share_card_png(card: CardText) -> bytes:
    """The card's PNG, from the cache or drawn (and then stored)."""
    key = f"share-card:{card.digest}"
    png = caches[CACHE_ALIAS].get(key)
    if png is None:
        png = draw(card)
        caches[CACHE_ALIAS].set(key, png)
    return png


def draw(card: CardText) -> bytes:
    image = Image.new("RGB", (WIDTH, HEIGHT), BACKGROUND)
    pen = ImageDraw.Draw(image)
    # A band of the verdict's colour down the left edge; the label says it in words too.
    pen.rectangle((0, 0, 24, HEIGHT), fill=card.colour)

    small = _font(30)
    pen.text((MARGIN, MARGIN - 8), f"Fact-check · {card.organisation}", font=small, fill=MUTED)

    verdict_font = _font(52)
    left, top, right, bottom = pen.textbbox((0, 0), card.verdict, font=verdict_font)
    badge = (MARGIN, 116, MARGIN + (right - left) + 56, 116 + (bottom - top) + 40)
    pen.rounded_rectangle(badge, radius=12, fill=card.colour)
    pen.text(
        (badge[0] + 28 - left, badge[1] + 20 - top),
        card.verdict,
        font=verdict_font,
        fill=_readable_on(card.colour),
    )

    statement_top = badge[3] + 40
    claimant_height = 60 if card.claimant else 0
    room = (WIDTH - 2 * MARGIN, HEIGHT - MARGIN - claimant_height - statement_top)
    # A card holds about 300 characters at its smallest type; more is cut before wrapping.
    statement = card.statement if len(card.statement) <= 300 else card.statement[:299] + "…"
    font, lines = _fit(pen, f"“{statement}”", room)
    pen.multiline_text((MARGIN, statement_top), "\n".join(lines), font=font, fill=INK, spacing=12)

    if card.claimant:
        pen.text(
            (MARGIN, HEIGHT - MARGIN - 36),
            _clipped(pen, f"Claimed by {card.claimant}", small, WIDTH - 2 * MARGIN),
            font=small,
            fill=MUTED,
        )

    buffer = io.BytesIO()
    # zlib's default level: optimize=True makes a 5% smaller file in four times as long
    # (200 ms against 50 ms for a card).
    image.save(buffer, format="PNG")
    return buffer.getvalue()


@cache
def _font(size: int) -> ImageFont.FreeTypeFont:
    if settings.FACTBASE_SHARE_CARD_FONT:
        return ImageFont.truetype(settings.FACTBASE_SHARE_CARD_FONT, size)
    return ImageFont.load_default(size)


def _fit(pen, text: str, room: tuple[int, int]) -> tuple[ImageFont.FreeTypeFont, list[str]]:
    """The largest font (56 down to 28 px) at which `text` wraps into `room`; at the
    smallest, the lines that fit, the last one ending in an ellipsis."""
    width, height = room
    for size in range(56, 27, -4):
        font = _font(size)
        line_height = size + 12
        lines = _wrap(pen, text, font, width)
        if len(lines) * line_height <= height:
            return font, lines
    fitting = max(1, height // line_height)
    if len(lines) > fitting:
        lines = [*lines[: fitting - 1], _clipped(pen, " ".join(lines[fitting - 1 :]), font, width)]
    return font, lines


def _wrap(pen, text: str, font, width: int) -> list[str]:
    lines: list[str] = []
    line = ""
    for word in text.split():
        candidate = f"{line} {word}".strip()
        if line and pen.textlength(candidate, font=font) > width:
            lines.append(line)
            line = word
        else:
            line = candidate
    if line:
        lines.append(line)
    return [_clipped(pen, line, font, width) for line in lines]


def _clipped(pen, text: str, font, width: int) -> str:
    """`text`, cut with an ellipsis to fit `width` (a word longer than a line, a long name)."""
    if pen.textlength(text, font=font) <= width:
        return text
    while text and pen.textlength(text + "…", font=font) > width:
        text = text[:-1]
    return text.rstrip() + "…"


def _readable_on(colour: str) -> str:
    """Black or white, whichever contrasts more with `colour` (#rrggbb), by WCAG luminance."""
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    luminance = 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]
    # Contrast with white: 1.05 / (L + 0.05); with black: (L + 0.05) / 0.05.
    return "#ffffff" if 1.05 / (luminance + 0.05) >= (luminance + 0.05) / 0.05 else "#000000"
