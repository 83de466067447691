"""A stored search_vector for speakers' aliases, so that the API's `q` finds a speaker by
an alias with the same full-text rules as by name (apps.search.selectors.text_match).
On SQLite the aliases get an FTS5 table instead (apps/search/sqlite_schema.py)."""

from django.db import migrations

FORWARD = [
    "ALTER TABLE speakers_speakeralias ADD COLUMN search_vector tsvector GENERATED ALWAYS AS "
    "(setweight(to_tsvector('english'::regconfig, coalesce(name, '')), 'A')) STORED",
    "CREATE INDEX speakers_speakeralias_search_vector ON speakers_speakeralias "
    "USING gin (search_vector)",
]
BACKWARD = ["ALTER TABLE speakers_speakeralias DROP COLUMN IF EXISTS search_vector"]


def run(statements):
    def operation(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for statement in statements:
            schema_editor.execute(statement)

    return operation


class Migration(migrations.Migration):
    dependencies = [("search", "0002_search_vector_statistics"), ("speakers", "0001_initial")]

    operations = [migrations.RunPython(run(FORWARD), run(BACKWARD))]
