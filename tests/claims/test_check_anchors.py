"""`check_anchors` re-locates every passage and fails when one is no longer in its source."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from apps.sources.models import Source
from tests.factories import (
    AppearanceFactory,
    CitationFactory,
    QuoteFactory,
    SourceFactory,
    arranged,
)

PUTIN_PARAGRAPH = (
    "He noted that approximately two million people from the former Soviet Union and the "
    "Russian Federation reside in Israel."
)


def check_anchors() -> list[str]:
    out = StringIO()
    call_command("check_anchors", stdout=out, no_color=True)
    return out.getvalue().splitlines()


def test_check_anchors_lists_each_passage_with_its_match(db):
    source = SourceFactory(slug="grain-report")
    appearance = AppearanceFactory(source=source)
    citation = CitationFactory(source=source)

    lines = check_anchors()

    assert lines == [
        f"appearance {appearance.pk:>6}  exact       1.00  grain-report [78:115]  "
        "\u201cWe have never sold more grain abroad,\u201d",
        f"citation {citation.pk:>6}  exact       1.00  grain-report [46:75]  "
        "\u201cexports rose by 12% last year\u201d",
        "2 passages: 2 exact, 0 approximate, 0 not found.",
    ]


def test_check_anchors_reports_approximate_match_with_its_similarity(db):
    source = SourceFactory(slug="putin-on-israel", text=PUTIN_PARAGRAPH)
    quote = QuoteFactory(
        text="almost two million people from the former Soviet Union and Russian "
        "Federation reside in Israel"
    )
    appearance = AppearanceFactory(source=source, quote=quote)

    lines = check_anchors()

    assert lines == [
        f"appearance {appearance.pk:>6}  approximate 0.91  putin-on-israel [14:119]  "
        "\u201calmost two million people from the former Soviet Union and\u2026\u201d",
        "1 passages: 0 exact, 1 approximate, 0 not found.",
    ]


def test_check_anchors_passes_when_every_passage_is_found(db):
    AppearanceFactory()
    CitationFactory()

    lines = check_anchors()

    assert lines[-1] == "2 passages: 2 exact, 0 approximate, 0 not found."


def test_check_anchors_fails_when_a_passage_is_not_found(db):
    AppearanceFactory(source=SourceFactory(slug="grain-report"))
    CitationFactory(exact="Imports fell sharply in the spring.")

    with pytest.raises(CommandError) as caught:
        check_anchors()

    assert (str(caught.value), caught.value.returncode) == (
        "1 passage(s) not found in their source's text.",
        1,
    )


def test_check_anchors_lists_stale_anchor_with_what_was_stored(db):
    source = SourceFactory(slug="grain-report")
    appearance = AppearanceFactory(source=source)
    # A bulk update past the services does not re-anchor, so the stored anchor goes stale.
    with arranged():
        Source.objects.filter(pk=source.pk).update(text="Nothing about grain here.")
    out = StringIO()

    with pytest.raises(CommandError):
        call_command("check_anchors", stdout=out, no_color=True)

    assert out.getvalue().splitlines() == [
        f"appearance {appearance.pk:>6}  not_found   0.00  grain-report [-]  "
        "\u201cWe have never sold more grain abroad,\u201d (stored: exact)",
        "1 passages: 0 exact, 0 approximate, 1 not found.",
    ]


def test_check_anchors_reports_an_empty_database(db):
    lines = check_anchors()

    assert lines == ["0 passages: 0 exact, 0 approximate, 0 not found."]
