"""The migrations that keep each found passage's words fill them in for the passages that
were anchored before them, cut from their sources' texts as anchoring would have kept them."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from tests.factories import AppearanceFactory, CitationFactory, arranged

BEFORE = [("quotes", "0003_quote_translation_words"), ("claims", "0011_claim_neighbours")]


@pytest.fixture
def passages_without_their_words(transactional_db, django_db_serialized_rollback):
    """An appearance and a citation found in their sources, and one of them not found,
    written as they stood before the migrations; the schema is migrated back to then."""
    appearance = AppearanceFactory(exact="sold more grain abroad")
    citation = CitationFactory(exact="the ministry later said exports rose by 9%.")
    lost = AppearanceFactory(exact="Words the article never had at all, anywhere in it.")
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    return appearance, citation, lost


def migrate_to_latest() -> None:
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())


def test_migrations_keep_the_words_of_passages_anchored_before_them(passages_without_their_words):
    appearance, citation, lost = passages_without_their_words

    migrate_to_latest()

    with arranged():
        for passage in (appearance, citation, lost):
            expected = passage.found_passage
            passage.refresh_from_db()
            assert passage.found_passage == expected
    assert appearance.found_passage == "sold more grain abroad"
    assert citation.found_passage == "The ministry later said exports rose by 9%."
    assert lost.found_passage == ""
