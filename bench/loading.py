"""Writing many rows fast: COPY on PostgreSQL with indexes and foreign keys set aside while
loading, plain executemany on SQLite (small data sets only).

The writers put rows straight into the real tables, bypassing models and signals: nothing
is anchored (the generator computes the anchors itself) and no history is written.
"""

import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from django.db.models import GeneratedField, Model

# Rows are sent to the server in chunks of about this many characters.
COPY_CHUNK = 1 << 20


def _cell(value) -> str:
    """One value in COPY's text format (strings, numbers and None only)."""
    if value is None:
        return "\\N"
    if isinstance(value, str):
        if "\\" in value or "\n" in value or "\t" in value or "\r" in value:
            value = (
                value.replace("\\", "\\\\")
                .replace("\n", "\\n")
                .replace("\t", "\\t")
                .replace("\r", "\\r")
            )
        return value
    if isinstance(value, bool):
        return "t" if value else "f"
    return str(value)


class Table:
    """Where a model's rows go, and the columns the generator fills.

    A column the generator does not know (a field added after it was written) gets the
    field's default in every row, so a new field with a default does not break loading;
    one without a default fails here, naming it, rather than halfway through a COPY.
    """

    def __init__(self, model: type[Model], columns: Sequence[str]):
        self.name = model._meta.db_table
        self.model = model
        self.columns = list(columns)
        known = set(columns)
        self.extra_columns: list[str] = []
        self.extra_values: list = []
        for field in model._meta.concrete_fields:
            if isinstance(field, GeneratedField) or field.column in known:
                continue
            if not field.has_default() and not field.null and not field.blank:
                raise RuntimeError(
                    f"generate_data does not fill {self.name}.{field.column}, which has no "
                    "default: teach bench/generate.py about it."
                )
            default = field.get_default() if field.has_default() else None
            if default is None and not field.null:
                default = ""
            self.extra_columns.append(field.column)
            self.extra_values.append(field.get_prep_value(default))

    @property
    def all_columns(self) -> list[str]:
        return self.columns + self.extra_columns


class PostgresCopy:
    """COPY rows into one table, FREEZE'd: the table was emptied in this transaction, so its
    rows are written already visible to all, and no VACUUM has to visit every page later."""

    def __init__(self, cursor, table: Table):
        names = ", ".join(f'"{column}"' for column in table.all_columns)
        self._context = cursor.copy(f"COPY {table.name} ({names}) FROM STDIN WITH (FREEZE)")
        self._tail = "".join("\t" + _cell(value) for value in table.extra_values)
        self._lines: list[str] = []
        self._size = 0
        self.rows = 0

    def __enter__(self):
        self._copy = self._context.__enter__()
        return self

    def write(self, row: Sequence) -> None:
        line = "\t".join(map(_cell, row)) + self._tail
        self._lines.append(line)
        self._size += len(line)
        self.rows += 1
        if self._size >= COPY_CHUNK:
            self._flush()

    def _flush(self) -> None:
        if self._lines:
            self._lines.append("")
            self._copy.write("\n".join(self._lines))
            self._lines, self._size = [], 0

    def __exit__(self, *exc_info):
        if exc_info[0] is None:
            self._flush()
        return self._context.__exit__(*exc_info)


class SqliteInsert:
    """The same interface over executemany, for the small data sets SQLite is used with."""

    def __init__(self, cursor, table: Table):
        names = ", ".join(f'"{column}"' for column in table.all_columns)
        marks = ", ".join("%s" for _ in table.all_columns)
        self._sql = f"INSERT INTO {table.name} ({names}) VALUES ({marks})"
        self._tail = tuple(table.extra_values)
        self._cursor = cursor
        self._rows: list[Sequence] = []
        self.rows = 0

    def __enter__(self):
        return self

    def write(self, row: Sequence) -> None:
        self._rows.append(tuple(row) + self._tail)
        self.rows += 1
        if len(self._rows) >= 5000:
            self._flush()

    def _flush(self) -> None:
        if self._rows:
            self._cursor.executemany(self._sql, self._rows)
            self._rows = []

    def __exit__(self, *exc_info):
        if exc_info[0] is None:
            self._flush()
        return False


@dataclass(frozen=True)
class Deferred:
    """A statement dropped before a bulk load, and the one that restores it afterwards."""

    name: str
    drop: str
    restore: str


def defer_indexes(cursor, tables: Iterable[str]) -> list[Deferred]:
    """Drop every foreign key touching `tables` and every index on them but the primary keys.

    Building each index once over a full table is several times faster than updating it
    row by row (for the GIN indexes over text, far more), and a foreign key added back is
    checked once for the whole table instead of once per row. Primary keys stay: rows
    arrive in id order, so keeping them costs little, and they make mistakes loud.
    Returns what was dropped, indexes first, in the order to restore it.
    """
    tables = list(tables)
    cursor.execute(
        """
        SELECT idx.indexrelid::regclass::text, idx.indrelid::regclass::text,
               pg_get_indexdef(idx.indexrelid), con.conname, pg_get_constraintdef(con.oid)
        FROM pg_index idx
        LEFT JOIN pg_constraint con ON con.conindid = idx.indexrelid AND con.contype = 'u'
        WHERE idx.indrelid::regclass::text = ANY(%s) AND NOT idx.indisprimary
        ORDER BY pg_relation_size(idx.indrelid) DESC, 1
        """,
        [tables],
    )
    deferred = [
        Deferred(
            name=constraint,
            drop=f'ALTER TABLE {table} DROP CONSTRAINT "{constraint}"',
            restore=f'ALTER TABLE {table} ADD CONSTRAINT "{constraint}" {constraint_sql}',
        )
        if constraint
        else Deferred(name=index, drop=f"DROP INDEX {index}", restore=index_sql)
        for index, table, index_sql, constraint, constraint_sql in cursor.fetchall()
    ]
    cursor.execute(
        """
        SELECT con.conname, con.conrelid::regclass::text, pg_get_constraintdef(con.oid)
        FROM pg_constraint con
        WHERE con.contype = 'f'
          AND (con.conrelid::regclass::text = ANY(%s) OR con.confrelid::regclass::text = ANY(%s))
        ORDER BY 2, 1
        """,
        [tables, tables],
    )
    foreign_keys = [
        Deferred(
            name=name,
            drop=f'ALTER TABLE {table} DROP CONSTRAINT "{name}"',
            restore=f'ALTER TABLE {table} ADD CONSTRAINT "{name}" {definition}',
        )
        for name, table, definition in cursor.fetchall()
    ]
    for item in foreign_keys + deferred:
        cursor.execute(item.drop)
    return deferred + foreign_keys


def restore_indexes(cursor, deferred: list[Deferred], progress: Callable[[str], None]) -> None:
    for item in deferred:
        started = time.perf_counter()
        cursor.execute(item.restore)
        progress(f"    {item.name}: {time.perf_counter() - started:.1f} s")


@dataclass(frozen=True)
class DeferredColumn:
    table: str
    column: str
    type: str
    expression: str
    statistics: int  # the column's statistics target (-1: the default)


def drop_generated_columns(cursor, tables: Iterable[str], column: str) -> list[DeferredColumn]:
    """Drop `column` (a GENERATED … STORED one) from `tables`, remembering its expression."""
    cursor.execute(
        """
        SELECT attr.attrelid::regclass::text, format_type(attr.atttypid, attr.atttypmod),
               pg_get_expr(def.adbin, def.adrelid), coalesce(attr.attstattarget, -1)
        FROM pg_attribute attr
        JOIN pg_attrdef def ON def.adrelid = attr.attrelid AND def.adnum = attr.attnum
        WHERE attr.attname = %s AND attr.attgenerated = 's'
          AND attr.attrelid::regclass::text = ANY(%s)
        """,
        [column, list(tables)],
    )
    dropped = [DeferredColumn(table, column, *row) for table, *row in cursor.fetchall()]
    for item in dropped:
        cursor.execute(f"ALTER TABLE {item.table} DROP COLUMN {item.column}")
    return dropped


def add_generated_columns(cursor, columns: list[DeferredColumn], progress) -> None:
    """Add the columns back: each ALTER TABLE rewrites its table once, computing them all."""
    for item in columns:
        started = time.perf_counter()
        cursor.execute(
            f"ALTER TABLE {item.table} ADD COLUMN {item.column} {item.type} "
            f"GENERATED ALWAYS AS ({item.expression}) STORED"
        )
        cursor.execute(
            f"ALTER TABLE {item.table} ALTER COLUMN {item.column} SET STATISTICS {item.statistics}"
        )
        progress(f"    {item.table}.{item.column}: {time.perf_counter() - started:.1f} s")


def server_cpu_ns(connection) -> int | None:
    """CPU time the PostgreSQL backend serving `connection` has used, in ns, when the
    server runs on this machine (Linux /proc/PID/schedstat); None otherwise.

    On a machine shared with other work, wall-clock time includes waiting for a core; the
    CPU time used here and in the backend is what the work takes on an idle machine.
    """
    if connection.vendor != "postgresql" or connection.connection is None:
        return None
    try:
        pid = connection.connection.info.backend_pid
        with open(f"/proc/{pid}/schedstat", encoding="ascii") as stream:
            return int(stream.read().split()[0])
    except (OSError, ValueError, IndexError):
        return None
