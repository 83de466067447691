"""A quote is found by its original words and its translations' words too.

A translated quote keeps the words as spoken (`original_text`), and every linked quote
keeps the words of its public original and translations (`translation_words`, set by the
quote services): both are indexed with weight B, below the quote's own words (A). On
PostgreSQL the generated `search_vector` is made again with them; on SQLite the quotes'
FTS5 table and its triggers are dropped here and made again, with the new columns and
the rows indexed afresh, by apps/search/sqlite_schema.py after the migration.
"""

from django.db import migrations

OLD = [("text", "A"), ("speaker_name", "B"), ("occasion", "C")]
NEW = [*OLD, ("original_text", "B"), ("translation_words", "B")]


def vector(columns):
    return " || ".join(
        f"setweight(to_tsvector('english'::regconfig, coalesce({column}, '')), '{weight}')"
        for column, weight in columns
    )


def rebuild(columns):
    def operation(apps, schema_editor):
        vendor = schema_editor.connection.vendor
        if vendor == "sqlite":
            for trigger in ("ai", "ad", "au"):
                schema_editor.execute(f"DROP TRIGGER IF EXISTS search_quote_fts_{trigger}")
            schema_editor.execute("DROP TABLE IF EXISTS search_quote_fts")
            return
        if vendor != "postgresql":
            return
        for statement in (
            "ALTER TABLE quotes_quote DROP COLUMN IF EXISTS search_vector",
            "ALTER TABLE quotes_quote ADD COLUMN search_vector tsvector GENERATED ALWAYS "
            f"AS ({vector(columns)}) STORED",
            "CREATE INDEX quotes_quote_search_vector ON quotes_quote USING gin (search_vector)",
            "ALTER TABLE quotes_quote ALTER COLUMN search_vector SET STATISTICS 1000",
        ):
            schema_editor.execute(statement)

    return operation


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0006_vocabulary"),
        ("quotes", "0003_quote_translation_words"),
    ]

    operations = [migrations.RunPython(rebuild(NEW), rebuild(OLD))]
