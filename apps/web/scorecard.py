"""A speaker's scorecard: a horizontal bar chart of their verdicts, drawn as SVG on the
server, made without the template engine.

Each bar carries its verdict's label and count as text, so the chart reads without colour;
the same numbers follow as a (visually hidden) table for screen readers, which are told to
skip the drawing itself. Rendered by a template, its sixty-odd numbers cost about 2.6 ms of
a first visit to a speaker's page at 1,000,000 quotes (bench/README.md, "First visits");
made here, a tenth of that. Numbers are written as templates write them (`str()`: the site
has one language and no thousands separator); tests/web/test_speaker_page.py pins them.
"""

from django.utils.safestring import SafeString

from apps.web.cards import markup, verdict_class

# The chart's geometry, in SVG user units (the SVG scales to its container). Near a
# phone's width, so that its text stays legible there without scaling down.
CHART_WIDTH = 360
LABEL_WIDTH = 112
COUNT_WIDTH = 30
ROW_HEIGHT = 30
BAR_HEIGHT = 18


def scorecard(rows, speaker_name: str) -> SafeString:
    """The chart of `rows` (each with its `rating`, `label` and `count`, in the scale's
    order) for the speaker named `speaker_name`."""
    total = sum(row.count for row in rows)
    largest = max((row.count for row in rows), default=0) or 1
    bar_room = CHART_WIDTH - LABEL_WIDTH - COUNT_WIDTH
    bars, table = [], []
    for index, row in enumerate(rows):
        y = index * ROW_HEIGHT
        width = round(bar_room * row.count / largest, 1)
        text_y = y + ROW_HEIGHT // 2 + 5
        bar = ""
        if row.count:
            bar = markup(
                '<rect class="scorecard__bar {}" x="{}" y="{}" width="{}" height="{}"></rect>',
                verdict_class(row.rating) if row.rating else "verdict--none",
                LABEL_WIDTH,
                y + (ROW_HEIGHT - BAR_HEIGHT) // 2,
                width,
                BAR_HEIGHT,
            )
        bars.append(
            markup(
                '\n    <g class="scorecard__row">\n'
                '      <text class="scorecard__label" x="{}" y="{}" text-anchor="end">{}</text>\n'
                '      <line class="scorecard__axis" x1="{}" x2="{}" y1="{}" y2="{}"></line>\n'
                "      {}\n"
                '      <text class="scorecard__count" x="{}" y="{}">{}</text>\n'
                "    </g>\n    ",
                LABEL_WIDTH - 8,
                text_y,
                row.label,
                LABEL_WIDTH,
                LABEL_WIDTH,
                y,
                y + ROW_HEIGHT,
                bar,
                LABEL_WIDTH + width + 6,
                text_y,
                row.count,
            )
        )
        table.append(markup('<tr><th scope="row">{}</th><td>{}</td></tr>', row.label, row.count))
    return markup(
        '<figure class="scorecard">\n'
        '  <figcaption class="scorecard__caption">Verdicts on {} checked claim{} by {}'
        "</figcaption>\n"
        '  <svg class="scorecard__chart" viewBox="0 0 {} {}" aria-hidden="true"'
        ' focusable="false" xmlns="http://www.w3.org/2000/svg">\n    {}\n  </svg>\n'
        '  <table class="visually-hidden">\n'
        "    <caption>Verdicts on claims by {}</caption>\n"
        '    <thead><tr><th scope="col">Verdict</th><th scope="col">Claims</th></tr></thead>\n'
        "    <tbody>{}</tbody>\n"
        "  </table>\n"
        "</figure>",
        total,
        "" if total == 1 else "s",
        speaker_name,
        CHART_WIDTH,
        ROW_HEIGHT * len(rows),
        SafeString("".join(bars)),
        speaker_name,
        SafeString("".join(table)),
    )
