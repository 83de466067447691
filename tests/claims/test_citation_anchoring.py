"""Citations are anchored in their source's text as they are saved, and again when it changes."""

import pytest
from django.core.exceptions import ValidationError

from apps.claims.models import Citation
from apps.claims.services import citation_add
from apps.sources.services import source_update
from tests.factories import ARTICLE_TEXT, CitationFactory, ClaimFactory, SourceFactory

PASSAGE = "exports rose by 12% last year"
PASSAGE_START = ARTICLE_TEXT.index(PASSAGE)  # 46


def anchor_of(citation: Citation) -> tuple:
    """The anchoring fields as stored in the database."""
    citation.refresh_from_db()
    return (
        citation.match,
        citation.start,
        citation.end,
        citation.similarity,
        citation.prefix,
        citation.suffix,
    )


def test_citation_add_anchors_the_passage(db):
    source = SourceFactory()

    citation = citation_add(
        claim=ClaimFactory(), source=source, relation=Citation.Relation.STATES, exact=PASSAGE
    )

    assert anchor_of(citation) == (
        Citation.Match.EXACT,
        46,
        75,
        1.0,
        "e forum, the minister said that ",
        '. "We have never sold more grain',
    )


def test_citation_add_anchors_passage_given_with_other_typography(db):
    source = SourceFactory()

    citation = citation_add(
        claim=ClaimFactory(),
        source=source,
        relation=Citation.Relation.CONTRADICTS,
        exact="Critics  called the figure \u201ca fantasy.\u201d",
    )

    assert (citation.match, citation.found_passage) == (
        Citation.Match.EXACT,
        'Critics called the figure "a fantasy."',
    )


def test_citation_not_in_the_text_saves_as_not_found(db):
    citation = citation_add(
        claim=ClaimFactory(),
        source=SourceFactory(),
        relation=Citation.Relation.STATES,
        exact="Imports fell sharply in the spring.",
    )

    assert anchor_of(citation) == (Citation.Match.NOT_FOUND, None, None, 0.0, "", "")


def test_citation_full_clean_rejects_blank_passage(db):
    citation = Citation(
        claim=ClaimFactory(), source=SourceFactory(), relation=Citation.Relation.STATES, exact=""
    )

    with pytest.raises(ValidationError) as caught:
        citation.full_clean()

    assert caught.value.message_dict == {"exact": ["Give the passage of the source to anchor."]}


def test_citation_add_refuses_blank_passage(db):
    with pytest.raises(ValidationError) as caught:
        citation_add(
            claim=ClaimFactory(),
            source=SourceFactory(),
            relation=Citation.Relation.STATES,
            exact="  \n ",
        )

    assert (caught.value.message_dict, Citation.objects.count()) == (
        {"exact": ["Give the passage of the source to anchor."]},
        0,
    )


def test_source_update_moves_citation_when_text_is_prepended(db):
    source = SourceFactory()
    citation = CitationFactory(source=source, exact=PASSAGE)

    source_update(source=source, text="KYIV \u2014 " + ARTICLE_TEXT)

    assert anchor_of(citation)[:3] == (Citation.Match.EXACT, PASSAGE_START + 7, 75 + 7)


def test_source_update_marks_citation_not_found_when_passage_is_removed(db):
    source = SourceFactory()
    citation = CitationFactory(source=source, exact=PASSAGE)

    source_update(source=source, text=ARTICLE_TEXT.replace("by 12% last year", "sharply"))

    assert anchor_of(citation)[:4] == (Citation.Match.NOT_FOUND, None, None, 0.0)


def test_source_update_reanchors_only_passages_of_that_source(db):
    source, other = SourceFactory(), SourceFactory()
    citation = CitationFactory(source=source, exact=PASSAGE)
    elsewhere = CitationFactory(source=other, exact=PASSAGE)

    source_update(source=source, text="KYIV \u2014 " + ARTICLE_TEXT)

    assert (anchor_of(citation)[1], anchor_of(elsewhere)[1]) == (53, 46)
