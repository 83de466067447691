"""A source's search vector reads the first 250,000 characters of its text.

PostgreSQL refuses a tsvector over 1 MB ("string is too long for tsvector"), and the
vector is a generated column: a source whose text has a large enough vocabulary (a few
megabytes of a transcript, under the 10 MiB import limit) could not be stored at all.
250,000 characters give at most about 42,000 distinct words, well under the limit whatever
the text, and hold any article or most transcripts whole; words past them are not found
by the full-text search (the source's page still shows all of its text). SQLite's FTS5
index has no such limit and reads the whole text.
"""

from django.db import migrations

SOURCE_TEXT_SEARCHED = 250_000
COLUMNS = "setweight(to_tsvector('english'::regconfig, coalesce(title, '')), 'B') || {text}"
WHOLE = "setweight(to_tsvector('english'::regconfig, coalesce(text, '')), 'D')"
BOUNDED = (
    "setweight(to_tsvector('english'::regconfig, "
    f"left(coalesce(text, ''), {SOURCE_TEXT_SEARCHED})), 'D')"
)


def rebuild(text_expression: str):
    def operation(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for statement in (
            "ALTER TABLE sources_source DROP COLUMN IF EXISTS search_vector",
            "ALTER TABLE sources_source ADD COLUMN search_vector tsvector GENERATED ALWAYS "
            f"AS ({COLUMNS.format(text=text_expression)}) STORED",
            "CREATE INDEX sources_source_search_vector ON sources_source "
            "USING gin (search_vector)",
            "ALTER TABLE sources_source ALTER COLUMN search_vector SET STATISTICS 1000",
        ):
            schema_editor.execute(statement)

    return operation


class Migration(migrations.Migration):
    dependencies = [("search", "0004_speaker_status_covering_index")]

    operations = [migrations.RunPython(rebuild(BOUNDED), rebuild(WHOLE))]
