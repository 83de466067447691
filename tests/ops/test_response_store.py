"""The response cache's table (apps/ops/response_store.py): Django's DatabaseCache, storing
in one statement and counting the table on every COUNT_EVERY-th store."""

import pytest
from django.db import connection

from apps.ops import response_store
from apps.ops.response_store import ResponseStore

pytestmark = pytest.mark.django_db


def _store(**options) -> ResponseStore:
    return ResponseStore("factbase_response_cache", {"KEY_PREFIX": "test", "OPTIONS": options})


def _rows() -> int:
    with connection.cursor() as cursor:
        cursor.execute("SELECT COUNT(*) FROM factbase_response_cache")
        return cursor.fetchone()[0]


def test_what_is_stored_is_read_back_as_django_s_cache_reads_it():
    store = _store()

    store.set("r:a", ("generation", {"claim:1": "t"}, 200, [], b"\x00body"), 60)

    assert store.get("r:a") == ("generation", {"claim:1": "t"}, 200, [], b"\x00body")


def test_a_second_store_of_a_key_replaces_the_first():
    store = _store()
    store.set("r:a", "first", 60)

    store.set("r:a", "second", 60)

    assert (store.get("r:a"), _rows()) == ("second", 1)


def test_a_store_is_one_statement_between_counts(django_assert_num_queries):
    store = _store()
    with django_assert_num_queries(2):  # the process's first store counts the table
        store.set("r:a", "first", 60)

    with django_assert_num_queries(1):
        store.set("r:b", "second", 60)


def test_an_entry_past_its_timeout_is_not_read():
    store = _store()

    store.set("r:a", "gone", -1)

    assert store.get("r:a") is None


def test_a_counting_store_culls_the_table_past_its_maximum(monkeypatch):
    monkeypatch.setattr(response_store, "COUNT_EVERY", 1)
    store = _store(MAX_ENTRIES=4, CULL_FREQUENCY=2)

    for number in range(10):
        store.set(f"r:{number}", number, 60)

    assert _rows() <= 5
    assert store.get("r:9") == 9  # the store that culled was kept


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's TOAST compression")
def test_on_postgresql_the_answers_are_compressed_by_lz4():
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT attcompression FROM pg_attribute "
            "WHERE attrelid = 'factbase_response_cache'::regclass AND attname = 'value'"
        )
        assert cursor.fetchone()[0] == "l"
