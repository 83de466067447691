"""Full-text and trigram search on PostgreSQL.

Each searchable table gets a stored, weighted `search_vector` that PostgreSQL computes
itself on every write (a generated column), with a GIN index for `@@` queries. Trigram
indexes serve claim matching (claims_claim.statement) and speaker look-up with typos
(names and aliases). None of this exists on SQLite, whose FTS5 indexes are created by
apps/search/sqlite_schema.py after every migrate.
"""

import django.contrib.postgres.operations
from django.db import migrations


def vector(*weighted_columns):
    return " || ".join(
        f"setweight(to_tsvector('english'::regconfig, coalesce({column}, '')), '{weight}')"
        for column, weight in weighted_columns
    )


VECTORS = {
    "claims_claim": [("statement", "A"), ("summary", "B"), ("analysis", "C")],
    "quotes_quote": [("text", "A"), ("speaker_name", "B"), ("occasion", "C")],
    "speakers_speaker": [("name", "A"), ("description", "B")],
    "sources_source": [("title", "B"), ("text", "D")],
}
TRIGRAM_INDEXES = [
    ("claims_claim", "statement"),
    ("speakers_speaker", "name"),
    ("speakers_speakeralias", "name"),
]

FORWARD = [
    statement
    for table, columns in VECTORS.items()
    for statement in (
        f"ALTER TABLE {table} ADD COLUMN search_vector tsvector "
        f"GENERATED ALWAYS AS ({vector(*columns)}) STORED",
        f"CREATE INDEX {table}_search_vector ON {table} USING gin (search_vector)",
    )
] + [
    f"CREATE INDEX {table}_{column}_trgm ON {table} USING gin ({column} gin_trgm_ops)"
    for table, column in TRIGRAM_INDEXES
]
BACKWARD = [
    f"DROP INDEX IF EXISTS {table}_{column}_trgm" for table, column in TRIGRAM_INDEXES
] + [f"ALTER TABLE {table} DROP COLUMN IF EXISTS search_vector" for table in VECTORS]


def run(statements):
    def operation(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for statement in statements:
            schema_editor.execute(statement)

    return operation


class Migration(migrations.Migration):
    dependencies = [
        ("claims", "0002_default_rating_scale"),
        ("quotes", "0001_initial"),
        ("sources", "0001_initial"),
        ("speakers", "0001_initial"),
    ]

    operations = [
        django.contrib.postgres.operations.TrigramExtension(),
        migrations.RunPython(run(FORWARD), run(BACKWARD)),
    ]
