"""Appearances are anchored in their source's text as the services save them, and again
when it changes."""

from apps.quotes.models import Appearance, Quote
from apps.quotes.services import appearance_add, appearance_update
from apps.sources.services import source_update
from tests.factories import ARTICLE_TEXT, AppearanceFactory, QuoteFactory, SourceFactory

GRAIN = "We have never sold more grain abroad,"
GRAIN_START = ARTICLE_TEXT.index(GRAIN)  # 78

PUTIN_PARAGRAPH = (
    "When asked by a reporter why Russia is not supporting Iran, Putin pointed out that "
    "Israel is \u201calmost a Russian-speaking country.\u201d He noted that approximately two "
    "million people from the former Soviet Union and the Russian Federation reside in Israel. "
    "This significant diaspora creates cultural and linguistic ties between Russia and Israel, "
    "influencing Moscow\u2019s approach to the region."
)


def anchor_of(appearance: Appearance) -> tuple:
    """The anchoring fields as stored in the database."""
    appearance.refresh_from_db()
    return (
        appearance.match,
        appearance.start,
        appearance.end,
        appearance.similarity,
        appearance.prefix,
        appearance.suffix,
    )


def test_saving_appearance_anchors_it_exactly(db):
    appearance = appearance_add(quote=QuoteFactory(text=GRAIN), source=SourceFactory(), exact=GRAIN)

    assert anchor_of(appearance) == (
        Appearance.Match.EXACT,
        78,
        115,
        1.0,
        'exports rose by 12% last year. "',
        '" she said. Critics called the f',
    )


def test_saving_appearance_with_blank_passage_looks_for_the_quote_text(db):
    appearance = AppearanceFactory(quote=QuoteFactory(text=GRAIN), exact="never sold more grain")

    appearance_update(appearance=appearance, exact="")

    appearance.refresh_from_db()
    assert (appearance.exact, appearance.match, appearance.start) == (
        GRAIN,
        Appearance.Match.EXACT,
        GRAIN_START,
    )


def test_appearance_add_anchors_the_wording_the_source_uses(db):
    quote = QuoteFactory(text="We have never sold so much grain abroad.")
    source = SourceFactory()

    appearance = appearance_add(quote=quote, source=source, exact="never sold more grain")

    assert anchor_of(appearance)[:4] == (Appearance.Match.EXACT, 86, 107, 1.0)


def test_appearance_add_with_blank_passage_looks_for_the_quote_text(db):
    quote = QuoteFactory(text=GRAIN)

    appearance = appearance_add(quote=quote, source=SourceFactory())

    assert (appearance.exact, appearance.match, appearance.start) == (
        GRAIN,
        Appearance.Match.EXACT,
        GRAIN_START,
    )


def test_appearance_add_picks_the_occurrence_its_prefix_names(db):
    source = SourceFactory(text='Asked twice, he said "no". Asked again, he said "no".')

    appearance = appearance_add(
        quote=QuoteFactory(text='he said "no"'), source=source, prefix="Asked again, "
    )

    assert anchor_of(appearance)[:3] == (Appearance.Match.EXACT, 40, 52)


def test_appearance_found_passage_is_the_sources_own_words(db):
    source = SourceFactory(text="He said: \u201cWe have never sold more grain abroad.\u201d")

    appearance = AppearanceFactory(source=source, exact='"We have never sold more grain abroad."')

    assert appearance.found_passage == "\u201cWe have never sold more grain abroad.\u201d"


def test_approximate_appearance_stores_its_similarity(db):
    source = SourceFactory(text=PUTIN_PARAGRAPH)
    quote = QuoteFactory(
        text="almost two million people from the former Soviet Union and Russian "
        "Federation reside in Israel"
    )

    appearance = AppearanceFactory(quote=quote, source=source)

    assert anchor_of(appearance)[:4] == (Appearance.Match.APPROXIMATE, 144, 249, 0.9146)


def test_approximate_appearance_describes_its_match_with_similarity(db):
    source = SourceFactory(text=PUTIN_PARAGRAPH)
    quote = QuoteFactory(
        text="almost two million people from the former Soviet Union and Russian "
        "Federation reside in Israel"
    )

    appearance = AppearanceFactory(quote=quote, source=source)

    assert appearance.match_description == "Approximate (91% similar)"


def test_appearance_not_in_the_text_saves_as_not_found(db):
    quote = QuoteFactory(text="Imports fell sharply in the spring.")

    appearance = appearance_add(quote=quote, source=SourceFactory())

    assert anchor_of(appearance) == (Appearance.Match.NOT_FOUND, None, None, 0.0, "", "")


def test_source_update_moves_appearance_when_text_is_prepended(db):
    source = SourceFactory()
    appearance = AppearanceFactory(source=source, quote=QuoteFactory(text=GRAIN))

    source_update(source=source, text="MOSCOW (Reuters) \u2014 " + ARTICLE_TEXT)

    assert anchor_of(appearance) == (
        Appearance.Match.EXACT,
        GRAIN_START + 19,
        GRAIN_START + 19 + len(GRAIN),
        1.0,
        'exports rose by 12% last year. "',
        '" she said. Critics called the f',
    )


def test_source_update_marks_appearance_not_found_when_passage_is_removed(db):
    source = SourceFactory()
    # A draft: a confirmed quote may not lose its only published source's words.
    quote = QuoteFactory(text=GRAIN, status=Quote.Status.DRAFT)
    appearance = AppearanceFactory(source=source, quote=quote)

    source_update(source=source, text=ARTICLE_TEXT.replace(GRAIN, "We sold little,"))

    assert anchor_of(appearance)[:4] == (Appearance.Match.NOT_FOUND, None, None, 0.0)


def test_source_update_without_new_text_leaves_appearances_alone(db):
    source = SourceFactory()
    appearance = AppearanceFactory(source=source, quote=QuoteFactory(text=GRAIN))

    source_update(source=source, title="Grain exports at a record")

    assert appearance.history.count() == 1
