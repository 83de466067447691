"""The backup docs/deploying.md tells operators to take restores into an empty database, whole.

It runs what an operator runs (`pg_dump -Fc`, then `pg_restore` into a new empty database)
against the test database with the demo data loaded, and compares the two databases row
for row where it matters: every table's count, each source's SHA-256 (a generated column,
recomputed on restore) and every anchored passage.
"""

import os
import shutil
import subprocess
from pathlib import Path

import psycopg
import pytest
from django.db import connection

from apps.claims.demo import load_demo

pytestmark = [
    pytest.mark.slow,
    pytest.mark.postgres(
        reason="pg_dump and pg_restore back up PostgreSQL; on SQLite, copy the file (or use "
        "`manage.py dump`). Set DATABASE_URL=postgres://… to run this test",
    ),
    # pg_dump runs in another process and sees committed data only.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PASSAGES = 'SELECT id, source_id, "start", "end", "match", similarity, exact FROM {} ORDER BY id'
COMPARED = {
    "sources": "SELECT id, slug, text_sha256 FROM sources_source ORDER BY id",
    "appearances": PASSAGES.format("quotes_appearance"),
    "citations": PASSAGES.format("claims_citation"),
    "claims": "SELECT id, slug, status, rating_id FROM claims_claim ORDER BY id",
}


def postgresql_tool(name: str) -> str:
    """The client tool of the server's major version (pg_dump refuses newer servers)."""
    major = connection.pg_version // 10000
    versioned = Path(f"/usr/lib/postgresql/{major}/bin/{name}")
    found = str(versioned) if versioned.exists() else shutil.which(name)
    if found is None:
        pytest.skip(f"{name} is not installed: apt-get install postgresql-client-{major}")
    return found


def tool_env() -> dict:
    params = connection.settings_dict
    return {
        **os.environ,
        "PGHOST": str(params["HOST"] or "localhost"),
        "PGPORT": str(params["PORT"] or 5432),
        "PGUSER": params["USER"],
        "PGPASSWORD": params["PASSWORD"],
    }


def snapshot(dbname: str) -> dict:
    params = {**connection.get_connection_params(), "dbname": dbname}
    with psycopg.connect(**params) as db:
        tables = [
            row[0]
            for row in db.execute(
                "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename"
            )
        ]
        counts = {t: db.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in tables}
        rows = {name: db.execute(sql).fetchall() for name, sql in COMPARED.items()}
    return {"counts": counts, **rows}


@pytest.fixture
def restored_database():
    name = f"{connection.settings_dict['NAME']}_restored"[:63]
    with connection.cursor() as cursor:
        # Creating and dropping a database waits for a checkpoint, which on a busy machine
        # can outlast the app's statement timeout (DB_STATEMENT_TIMEOUT); not so for an
        # operator's pg_restore, which runs without it.
        cursor.execute("SET statement_timeout = 0")
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')
        cursor.execute(f'CREATE DATABASE "{name}"')
    yield name
    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        cursor.execute("RESET statement_timeout")


def test_pg_dump_restores_into_an_empty_database_unchanged(restored_database, tmp_path):
    load_demo()
    original = connection.settings_dict["NAME"]
    backup = tmp_path / "factbase.dump"

    subprocess.run(
        [postgresql_tool("pg_dump"), "-Fc", "--file", str(backup), original],
        env=tool_env(),
        check=True,
        capture_output=True,
    )
    subprocess.run(
        [
            postgresql_tool("pg_restore"),
            "--no-owner",
            "--exit-on-error",
            "--dbname",
            restored_database,
            str(backup),
        ],
        env=tool_env(),
        check=True,
        capture_output=True,
    )

    before, after = snapshot(original), snapshot(restored_database)
    assert (after, before["counts"]["claims_claim"], len(before["sources"])) == (before, 8, 2)
