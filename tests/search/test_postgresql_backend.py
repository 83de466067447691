"""The pure parts of the PostgreSQL backend: which queries it may answer from a bounded
set of candidates, and which may let the index thin a common word's matches."""

import psycopg
import pytest
from django.db import DatabaseError, connection
from django.test.utils import CaptureQueriesContext

from apps.quotes.models import Quote
from apps.search import selectors
from apps.search.backends import postgresql
from apps.search.backends.postgresql import _one_word, _words_only
from apps.search.kinds import KINDS
from apps.search.selectors import SearchFilters, search
from apps.search.summary import summarize
from tests.factories import QuoteFactory, SourceFactory


@pytest.mark.parametrize(
    ("query", "words"),
    [
        ("grain exports", None),
        ('"grain"', None),
        ('"midnight hammer"', "midnight hammer"),
        ("grain -exports", "grain"),
        ('"midnight hammer" OR tax -grain', "midnight hammer OR tax"),
        ('"midnight hammer" -grain OR tax', None),
        ("-grain OR tax", None),
        ("tax OR -grain", None),
    ],
)
def test_words_only_keeps_the_words_a_phrase_or_exclusion_needs(query, words):
    assert _words_only(query) == words


@pytest.mark.parametrize(
    ("query", "one"),
    [
        ("grain", True),
        ('"grain"', True),
        ("grain exports", False),
        ("ex-Soviet", False),
        ('"two million"', False),
        ("-grain", False),
        ("grain OR tax", False),
    ],
)
def test_one_word_is_a_single_word_with_nothing_around_it(query, one):
    assert _one_word(query) is one


postgresql_only = pytest.mark.postgres(reason="PostgreSQL's bounded phrase check")


@postgresql_only
def test_a_source_phrase_past_the_checked_candidates_says_the_results_are_capped(db, monkeypatch):
    monkeypatch.setitem(postgresql.CHECKED, "source", 2)
    for n in range(3):
        SourceFactory(title=f"Hammer report {n}", text="The midnight shift used a hammer.")

    results = search('"midnight hammer"', filters=SearchFilters(kinds=("source",)))

    assert (results.total, results.capped) == (0, True)


@postgresql_only
def test_a_source_phrase_within_the_checked_candidates_is_counted_exactly(db):
    wanted = SourceFactory(title="Operation report", text="Operation Midnight Hammer began.")
    SourceFactory(title="Shift report", text="The midnight shift used a hammer.")

    results = search('"midnight hammer"', filters=SearchFilters(kinds=("source",)))

    assert ([hit.object for hit in results.hits], results.capped) == ([wanted], False)


def fuzzy_limits_set(run, monkeypatch) -> list[str]:
    """The gin_fuzzy_search_limit values the statements `run` makes set (the settings go by
    psycopg's own cursor, beside the statements Django logs: see _OneWordSettings)."""
    values = []

    class Recording(psycopg.Cursor):
        def execute(self, query, params=None, **kwargs):
            if "set_config('gin_fuzzy_search_limit', %s" in query:
                values.append(params[0])
            return super().execute(query, params, **kwargs)

    monkeypatch.setattr(postgresql.psycopg, "Cursor", Recording)
    run()
    return values


@postgresql_only
def test_a_one_word_search_lets_the_index_thin_a_common_words_matches(db, monkeypatch):
    monkeypatch.setattr(postgresql, "GIN_FUZZY_LIMIT", 3)
    QuoteFactory(text="Zeppelin words.")

    assert "3" in fuzzy_limits_set(lambda: search("zeppelin"), monkeypatch)


@postgresql_only
@pytest.mark.parametrize(
    "narrowing",
    [{"year": 2012}, {"speaker": "someone"}, {"topic": "energy"}, {"rating": "false"}],
)
def test_a_filtered_one_word_search_never_counts_a_thinned_subset(db, monkeypatch, narrowing):
    # The index's subset of a common word's matches, narrowed again by the filter, would
    # be counted as all of them: 91 quotes of 2012 holding "one" of 870, at a million.
    monkeypatch.setattr(postgresql, "GIN_FUZZY_LIMIT", 3)
    QuoteFactory(text="Zeppelin words.")

    assert "3" not in fuzzy_limits_set(
        lambda: search("zeppelin", filters=SearchFilters(**narrowing)), monkeypatch
    )


def index_settings() -> tuple[str, str, str]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT current_setting('enable_seqscan'), current_setting('gin_fuzzy_search_limit'),"
            " current_setting('plan_cache_mode')"
        )
        return cursor.fetchone()


@postgresql_only
@pytest.mark.parametrize("kinds", [("quote",), ()])
def test_a_one_word_search_puts_the_index_settings_back_as_it_found_them(db, kinds):
    # One kind: the settings are set and put back in its one statement; every kind: set
    # in the first kind's, put back in the last one's.
    QuoteFactory(text="Zeppelin words.")
    with connection.cursor() as cursor:
        cursor.execute("SET gin_fuzzy_search_limit = 7")

    with CaptureQueriesContext(connection) as captured:
        results = search("zeppelin", filters=SearchFilters(kinds=kinds))

    assert results.total == 1
    assert index_settings() == ("on", "7", "auto")
    # A statement per kind searched and one for the page's quote: none for the settings.
    assert len(captured.captured_queries) == len(kinds or KINDS) + 1


@postgresql_only
def test_a_one_word_search_failing_after_its_first_kind_puts_the_settings_back(
    transactional_db, django_db_serialized_rollback, monkeypatch
):
    # Autocommit, as a request runs: the first kind's statement set the settings and
    # committed; the second kind's fails.
    QuoteFactory(text="Zeppelin words.")
    calls = []

    def failing_second(kind, matches, *args, **kwargs):
        calls.append(kind.name)
        if len(calls) == 2:
            matches = ("SELECT 1", [])  # fewer columns than the summary names
        return summarize(kind, matches, *args, **kwargs)

    monkeypatch.setattr(selectors, "summarize", failing_second)

    with pytest.raises(DatabaseError):
        search("zeppelin")

    assert len(calls) == 2
    assert index_settings() == ("on", "0", "auto")


@postgresql_only
def test_a_kinds_sql_compiled_once_finds_each_querys_own_rows_for_each_audience(db, monkeypatch):
    monkeypatch.setattr(postgresql, "_COMPILED", {})
    zeppelin = QuoteFactory(text="Zeppelin words.")
    airship = QuoteFactory(text="Airship words.")
    draft = QuoteFactory(text="Airship draft words.", status=Quote.Status.DRAFT)
    quotes = SearchFilters(kinds=("quote",))

    found = {
        (query, public): {hit.object for hit in search(query, filters=quotes, public=public).hits}
        for query in ("zeppelin", "airship")
        for public in (True, False)
    }

    assert found == {
        ("zeppelin", True): {zeppelin},
        ("zeppelin", False): {zeppelin},
        ("airship", True): {airship},
        ("airship", False): {airship, draft},
    }
    assert len(postgresql._COMPILED) == 2  # the quotes' SQL, for readers and for editors
