"""The HTML of claim cards, quote cards and verdict badges, made without the template engine.

A speaker's or topic's page shows up to a hundred cards, and most readers' visits are first
visits (issue 17's long tail). Rendered by Django's template engine a claim card cost
0.34 ms and a quote card 0.13 ms, about 60 % of a first visit to a speaker's page at
1,000,000 quotes; made here they cost 0.15 and 0.05 ms (bench/README.md, "First visits").
They are not kept between requests: a kept card saved its render only when this process
had made the same card before. The markup is small and fixed, and tests/web/test_cards.py
pins it.

Every value is escaped as `format_html` escapes it (by `markup`); dates are written as the
`date` filter wrote them in the templates these replace (in the current time zone, months in
the current language).
"""

from datetime import date, datetime
from functools import lru_cache
from html import escape

from django.urls import get_script_prefix
from django.utils import timezone
from django.utils.dates import MONTHS
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

from apps.core.paths import route_path
from apps.web.page_paths import PagePaths

# The fields a card shows (with the claim's rating, read with it): a page that reads its
# cards' rows with only these makes neither the other fields' values nor their datetimes.
CLAIM_CARD_FIELDS = ("statement", "slug", "summary", "published_at", "rating", "claimant")
QUOTE_CARD_FIELDS = ("text", "occasion", "said_on", "speaker", "speaker_name")


def markup(template: str, *values) -> SafeString:
    """`format_html(template, *values)`, without its checks for lazy strings on every
    value (a third of a card's time): as `conditional_escape`, a value with `__html__`
    (safe already) gives that, any other is `str(value)` escaped by `html.escape`, which is
    what Django's `escape` does."""
    return SafeString(
        template.format(
            *[
                value.__html__() if hasattr(value, "__html__") else escape(str(value))
                for value in values
            ]
        )
    )


def verdict_class(rating) -> str:
    """The badge's CSS class. By score, so a relabelled or added step keeps its colour;
    the colours live in site.css because the pages allow no inline styles."""
    if rating is None:
        return "verdict--none"
    if rating.score is None:
        return "verdict--unscored"
    return f"verdict--score-{rating.score}"


def verdict_badge(rating, size: str = "") -> SafeString:
    return _verdict_badge(get_script_prefix(), rating, size)


def _verdict_badge(script_prefix: str, rating, size: str) -> SafeString:
    if rating is None:
        return _badge(script_prefix, None, "Not rated", "verdict--none", size)
    return _badge(script_prefix, rating.slug, rating.label, verdict_class(rating), size)


@lru_cache(maxsize=256)
def _badge(script_prefix: str, slug, label: str, css_class: str, size: str) -> SafeString:
    # Kept by every value it shows: a site has a handful of ratings, and every claim card
    # holds a badge.
    return format_html(
        '<a class="verdict-link" href="{}{}"><span class="verdict {}{}">'
        '<span class="visually-hidden">Verdict: </span>{}</span></a>',
        route_path("web:method"),  # the method page, which every badge links to
        f"#rating-{slug}" if slug is not None else "",
        css_class,
        f" verdict--{size}" if size else "",
        label,
    )


class _Writing:
    """What every card of a list writes alike, looked up once per list rather than once
    per card: the links' path templates (apps/web/page_paths.PagePaths), the script prefix
    (the badges' links), the current time zone and the months' names in the current
    language. Each of these is read from a context-local (asgiref's `Local`: 5–15 µs a
    read, a lazy month name's gettext 10 µs), five or six reads a card: about a fifth of a
    speaker page's first visit (docs/benchmarks.md, "Render cost"). Made per list, within
    one request, so that what a request sets (its language, time zone, script prefix) is
    what its cards show."""

    __slots__ = ("months", "path", "script_prefix", "zone")

    def __init__(self):
        self.path = PagePaths()
        self.script_prefix = get_script_prefix()
        self.zone = timezone.get_current_timezone()
        self.months: dict[int, str] = {}

    def local(self, value: datetime | None) -> datetime | None:
        """As `_local(value)`."""
        if value is not None and timezone.is_aware(value):
            return value.astimezone(self.zone)
        return value

    def long_date(self, value: date | None) -> str:
        """As `long_date(value)`."""
        if value is None:
            return ""
        month = self.months.get(value.month)
        if month is None:
            month = self.months[value.month] = str(MONTHS[value.month])
        return f"{value.day} {month} {value.year:04d}"


def claim_card(claim, *, level: int = 2, hide_claimant: bool = False, similarity="") -> SafeString:
    """A claim's card; its claimant is named unless `hide_claimant`."""
    return _claim_card(
        _Writing(), claim, level=level, hide_claimant=hide_claimant, similarity=similarity
    )


def _claim_card(
    writing: _Writing, claim, *, level: int = 2, hide_claimant: bool = False, similarity=""
) -> SafeString:
    level = level or 2
    verdict = _verdict_badge(writing.script_prefix, claim.rating, "")
    if similarity:
        verdict = markup('{} <span class="similarity">{}% similar</span>', verdict, similarity)
    summary = markup('<p class="card__summary">{}</p>', claim.summary) if claim.summary else ""
    claimed_by = ""
    if not hide_claimant:
        claimant = claim.claimant
        if claimant:
            claimed_by = markup(
                'Claimed by <a href="{}">{}</a> · ', writing.path(claimant), claimant.name
            )
    published_at = writing.local(claim.published_at)
    return markup(
        '<article class="card claim-card">\n'
        '  <div class="claim-card__verdict">{}</div>\n'
        '  <h{} class="card__title"><a href="{}">{}</a></h{}>\n'
        "  {}\n"
        '  <p class="card__meta">{}Checked <time datetime="{}">{}</time></p>\n'
        "</article>",
        verdict,
        level,
        writing.path(claim),
        claim.statement,
        level,
        summary,
        claimed_by,
        published_at.isoformat() if published_at else "",
        writing.long_date(published_at),
    )


def quote_card(quote, *, hide_speaker: bool = False) -> SafeString:
    """A quote's card: its words, and who said them where and when."""
    return _quote_card(_Writing(), quote, hide_speaker=hide_speaker)


def _quote_card(writing: _Writing, quote, *, hide_speaker: bool = False) -> SafeString:
    caption = ""
    if not hide_speaker or quote.occasion or quote.said_on:
        parts = []
        if not hide_speaker:
            speaker = quote.speaker
            if speaker:
                said_by = markup('<a href="{}">{}</a>', writing.path(speaker), speaker.name)
            else:
                said_by = markup("{}", quote.speaker_name)
            comma = ", " if quote.occasion or quote.said_on else ""
            parts.append(markup("— {}{}", said_by, comma))
        if quote.occasion:
            parts.append(markup("{}", quote.occasion))
        if quote.said_on:
            parts.append(
                markup(
                    '{}<time datetime="{}">{}</time>',
                    ", " if quote.occasion else "",
                    quote.said_on.isoformat(),
                    writing.long_date(quote.said_on),
                )
            )
        caption = markup(
            '\n  <figcaption class="card__meta">{}</figcaption>\n  ', mark_safe("".join(parts))
        )
    return markup(
        '<figure class="card quote-card">\n'
        '  <blockquote class="quote-card__text"><p><a href="{}">“{}”</a></p></blockquote>\n'
        "  {}\n"
        "</figure>",
        writing.path(quote),
        quote.text,
        caption,
    )


def claim_cards(claims, **options) -> SafeString:
    """`claim_card(claim, **options)` of each claim, one line after another."""
    writing = _Writing()
    return SafeString("\n".join([_claim_card(writing, claim, **options) for claim in claims]))


def similar_claim_cards(matches, *, level: int = 2) -> SafeString:
    """The cards of similar claims (`SimilarClaim`s: a claim and its `percent`), each with
    its similarity, laid out as the claim page's loop of one `{% claim_card %}` per card
    wrote them (each card on a line of its own, indented): one tag for the list, the same
    bytes."""
    writing = _Writing()
    return SafeString(
        "".join(
            [
                f"\n      {_claim_card(writing, m.claim, level=level, similarity=m.percent)}\n    "
                for m in matches
            ]
        )
    )


def quote_cards(quotes, **options) -> SafeString:
    """`quote_card(quote, **options)` of each quote, one line after another."""
    writing = _Writing()
    return SafeString("\n".join([_quote_card(writing, quote, **options) for quote in quotes]))


def _local(value: datetime | None) -> datetime | None:
    """`value` in the current time zone, as templates show it."""
    if value is not None and timezone.is_aware(value):
        return timezone.localtime(value)
    return value


def long_date(value: date | None) -> str:
    """As `{{ value|date:"j F Y" }}` gives it: "5 March 2024", the month in the current
    language; "" for no date."""
    if value is None:
        return ""
    return f"{value.day} {MONTHS[value.month]} {value.year:04d}"
