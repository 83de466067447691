"""Both databases read into the operating system's file cache before a comparison, as a
server that has been running a while holds them: a run right after a reboot, or after
other work pushed them out, read their pages from disk, and measured the disk.

At 1,000,000 quotes (3.6 GB in PostgreSQL) a page of twenty quotes deep in the list took
42.7 ms of wall time on a cold file cache and 15.8 ms on a warm one, for the same 10.7 ms
of CPU (bench/README.md, round 12).

- Datasette's SQLite file is read through, a megabyte at a time.
- PostgreSQL's files are read by its `pg_prewarm` extension (in contrib), every table,
  index and TOAST table of the schema, in its `read` mode (the operating system's cache,
  not PostgreSQL's shared buffers). Creating the extension needs a superuser, once per
  database (`CREATE EXTENSION pg_prewarm`); without it this says so and reads nothing.
"""

from pathlib import Path

from django.db import connection

CHUNK = 1 << 20
# Blocks read, times the block size: every table, materialised view and index of the
# schema, and the TOAST tables of its tables with their indexes.
_PREWARM = """
WITH own AS (
    SELECT c.oid, c.reltoastrelid FROM pg_class c
    WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind IN ('r', 'm', 'i')
), toast AS (
    SELECT reltoastrelid AS oid FROM own WHERE reltoastrelid <> 0
    UNION ALL
    SELECT i.indexrelid FROM pg_index i JOIN own ON i.indrelid = own.reltoastrelid
)
SELECT coalesce(sum(pg_prewarm(oid, 'read')), 0) * current_setting('block_size')::bigint
FROM (SELECT oid FROM own UNION ALL SELECT oid FROM toast) AS relations
"""


def warm(sqlite_path: Path, *, say) -> None:
    """Read the SQLite file and, where it can, the PostgreSQL database; say what was read."""
    size = _read_through(sqlite_path)
    say(f"  read Datasette's SQLite file into the file cache: {size / 1e6:,.0f} MB")
    if connection.vendor != "postgresql":
        path = Path(str(connection.settings_dict["NAME"]))
        if path.is_file():
            say(f"  read Factbase's SQLite file too: {_read_through(path) / 1e6:,.0f} MB")
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_extension WHERE extname = 'pg_prewarm'")
        if cursor.fetchone() is None:
            say(
                "  PostgreSQL's files are as cached as they were: pg_prewarm is not installed "
                "in this database (a superuser can: CREATE EXTENSION pg_prewarm)"
            )
            return
        cursor.execute(_PREWARM)
        size = int(cursor.fetchone()[0])
    say(f"  read Factbase's PostgreSQL database into the file cache: {size / 1e6:,.0f} MB")


def _read_through(path: Path) -> int:
    size = 0
    with path.open("rb", buffering=0) as file:
        while chunk := file.read(CHUNK):
            size += len(chunk)
    return size
