"""bench_compare reads both databases into the file cache first (bench/compare/warm.py)."""

import pytest
from django.db import connection

from bench.compare.warm import warm

pytestmark = pytest.mark.django_db


def test_warm_reads_datasettes_file_through_and_says_how_much(tmp_path):
    exported = tmp_path / "factbase.db"
    exported.write_bytes(b"\0" * (3 << 20))
    said = []

    warm(exported, say=said.append)

    assert said[0] == "  read Datasette's SQLite file into the file cache: 3 MB"


@pytest.mark.skipif(connection.vendor != "postgresql", reason="pg_prewarm is PostgreSQL's")
def test_warm_says_when_postgresql_cannot_be_read_for_want_of_pg_prewarm(tmp_path):
    exported = tmp_path / "factbase.db"
    exported.write_bytes(b"")
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_extension WHERE extname = 'pg_prewarm'")
        if cursor.fetchone() is not None:
            pytest.skip("this test database has pg_prewarm")
    said = []

    warm(exported, say=said.append)

    assert said[1] == (
        "  PostgreSQL's files are as cached as they were: pg_prewarm is not installed in "
        "this database (a superuser can: CREATE EXTENSION pg_prewarm)"
    )
