"""The SQLite side of search: an FTS5 index per kind, kept current by triggers.

Each index is an external-content FTS5 table over the kind's own table, so the text is
stored once. `ensure_sqlite_search_schema` is idempotent and runs after every migrate.
"""

from django.db import connections

from apps.search.kinds import ALIASES, KINDS, SearchKind

TOKENIZER = "porter unicode61 remove_diacritics 2"


def _statements(kind: SearchKind) -> list[str]:
    names = [column for column, _ in kind.columns]
    cols = ", ".join(names)
    new = ", ".join(f"new.{name}" for name in names)
    old = ", ".join(f"old.{name}" for name in names)
    fts, table = kind.fts_table, kind.table
    delete_old = f"INSERT INTO {fts}({fts}, rowid, {cols}) VALUES ('delete', old.id, {old});"
    insert_new = f"INSERT INTO {fts}(rowid, {cols}) VALUES (new.id, {new});"
    return [
        f"CREATE VIRTUAL TABLE IF NOT EXISTS {fts} USING fts5({cols}, "
        f"content='{table}', content_rowid='id', tokenize='{TOKENIZER}')",
        f"CREATE TRIGGER IF NOT EXISTS {fts}_ai AFTER INSERT ON {table} BEGIN {insert_new} END",
        f"CREATE TRIGGER IF NOT EXISTS {fts}_ad AFTER DELETE ON {table} BEGIN {delete_old} END",
        f"CREATE TRIGGER IF NOT EXISTS {fts}_au AFTER UPDATE ON {table} "
        f"BEGIN {delete_old} {insert_new} END",
    ]


def ensure_sqlite_search_schema(using: str = "default", **kwargs) -> None:
    connection = connections[using]
    if connection.vendor != "sqlite":
        return
    with connection.cursor() as cursor:
        tables = set(connection.introspection.table_names(cursor))
        for kind in (*KINDS.values(), ALIASES):
            if kind.table not in tables:
                continue  # its app is not migrated yet
            cursor.execute(
                "SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name LIKE %s",
                [f"{kind.fts_table}_a_"],
            )
            triggers_present = cursor.fetchone()[0] == 3
            for statement in _statements(kind):
                cursor.execute(statement)
            if not triggers_present:
                # Rows may have changed while the triggers were missing: index them afresh.
                cursor.execute(f"INSERT INTO {kind.fts_table}({kind.fts_table}) VALUES ('rebuild')")
