"""The database keeps every anchored passage (appearance or citation) self-consistent.

The passage services fill these fields when they anchor a passage; the checks stop a bulk
update or a raw write past them from storing an anchor that cannot be true.
"""

import pytest
from django.db import IntegrityError, transaction

from tests.factories import AppearanceFactory, CitationFactory, arranged

passage_factories = pytest.mark.parametrize(
    "factory", [AppearanceFactory, CitationFactory], ids=["appearance", "citation"]
)


def update(passage, **fields) -> None:
    """Write the fields straight to the row, past the services, as a bulk update would."""
    with arranged():
        type(passage).objects.filter(pk=passage.pk).update(**fields)


@passage_factories
def test_database_rejects_end_before_start(db, factory):
    passage = factory()

    with pytest.raises(IntegrityError), transaction.atomic():
        update(passage, start=10, end=5)


@passage_factories
def test_database_rejects_empty_span(db, factory):
    passage = factory()

    with pytest.raises(IntegrityError), transaction.atomic():
        update(passage, start=10, end=10)


@passage_factories
def test_database_rejects_found_passage_without_start(db, factory):
    passage = factory()

    with pytest.raises(IntegrityError), transaction.atomic():
        update(passage, start=None)


@passage_factories
def test_database_rejects_passage_not_found_with_offsets(db, factory):
    passage = factory()

    with pytest.raises(IntegrityError), transaction.atomic():
        update(passage, match="not_found", similarity=0)


@passage_factories
def test_database_rejects_similarity_above_one(db, factory):
    passage = factory()

    with pytest.raises(IntegrityError), transaction.atomic():
        update(passage, match="approximate", similarity=1.5)


@passage_factories
def test_database_rejects_negative_similarity(db, factory):
    passage = factory()

    with pytest.raises(IntegrityError), transaction.atomic():
        update(passage, match="approximate", similarity=-0.1)


@passage_factories
def test_database_rejects_exact_match_with_similarity_below_one(db, factory):
    passage = factory()

    with pytest.raises(IntegrityError), transaction.atomic():
        update(passage, similarity=0.9)


@passage_factories
def test_database_rejects_blank_passage(db, factory):
    passage = factory()

    with pytest.raises(IntegrityError), transaction.atomic():
        update(passage, exact=" \n ")


@passage_factories
def test_database_rejects_found_passage_of_another_length_than_its_anchor(db, factory):
    passage = factory()

    with pytest.raises(IntegrityError), transaction.atomic():
        update(passage, end=passage.end + 1)


@passage_factories
def test_database_rejects_found_words_for_a_passage_not_found(db, factory):
    passage = factory()

    with pytest.raises(IntegrityError), transaction.atomic():
        update(passage, match="not_found", similarity=0, start=None, end=None)


@passage_factories
def test_database_rejects_a_found_passage_without_its_words(db, factory):
    passage = factory()

    with pytest.raises(IntegrityError), transaction.atomic():
        update(passage, found_passage="")


@passage_factories
def test_database_accepts_consistent_anchors(db, factory):
    passage = factory()

    update(passage, match="approximate", similarity=0.85, start=3, end=9, found_passage="sixsix")
    update(passage, match="not_found", similarity=0, start=None, end=None, found_passage="")

    passage.refresh_from_db()
    assert (passage.match, passage.start, passage.end) == ("not_found", None, None)
