"""The claim page's evidence: each citation with its source and the passage cited, made
without the template engine (as the cards are, apps/web/cards.py): rendered by the
template, a claim's two or three citations were a tenth of a first visit to its page at
1,000,000 quotes (bench/README.md, "First visits"). tests/web/test_claim_page.py checks
what they show.
"""

from django.utils.safestring import SafeString

from apps.web.cards import long_date, markup
from apps.web.page_paths import page_path


def citation_items(citations: list[dict]) -> SafeString:
    """The `<li>` of each of `citations` (the claim page's: each a `citation` and the
    `excerpt` of its passage in context, None when the passage is not in the text)."""
    return SafeString("\n".join([_item(each["citation"], each["excerpt"]) for each in citations]))


def _item(citation, excerpt) -> SafeString:
    source = citation.source
    source_path = page_path(source)
    publisher = ""
    if source.publisher:
        publisher = markup('<span class="citation__publisher">, {}</span>', source.publisher.name)
    published = ""
    if source.published_on:
        published = markup(
            '<span class="citation__date">, <time datetime="{}">{}</time></span>',
            source.published_on.isoformat(),
            long_date(source.published_on),
        )
    if excerpt:
        approximate = ""
        if citation.match == "approximate":
            approximate = markup(
                ' <span class="match-note">(the source\'s words differ slightly: {})</span>',
                citation.match_description.lower(),
            )
        passage = markup(
            '<blockquote class="excerpt">{}</blockquote>\n'
            '  <p class="citation__link"><a href="{}#{}">Show the passage in the archived text'
            '<span class="visually-hidden"> of “{}”</span></a>{}</p>',
            excerpt,
            source_path,
            citation.html_id,
            source.title,
            approximate,
        )
    else:
        passage = SafeString(
            '<p class="match-note">The cited passage is not in the archived text of this '
            "source.</p>"
        )
    note = markup('<p class="citation__note">{}</p>', citation.note) if citation.note else ""
    return markup(
        '<li class="citation citation--{}">\n'
        '  <p class="citation__head"><span class="relation relation--{}">{}</span>\n'
        '    <a class="citation__source" href="{}">{}</a>{}{}</p>\n'
        "  {}\n"
        "  {}\n"
        "</li>",
        citation.relation,
        citation.relation,
        citation.get_relation_display(),
        source_path,
        source.title,
        publisher,
        published,
        passage,
        note,
    )
