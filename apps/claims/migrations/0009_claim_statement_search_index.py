"""A GIN index over the words of public claims' statements alone, for suggestions as the
reader types (apps/search/suggest.py: a claim is suggested by its statement).

The claims' search_vector holds the statement, the summary and the analysis; its GIN index
does not know weights, so a query for statement words (weight A) read every claim holding
the word anywhere, and a name that analyses often mention but few statements do took
40–110 ms at 1,000,000 quotes (a sequential scan, the planner misled by the analyses'
matches). Partial, as the suggestions are of public claims only. PostgreSQL only: SQLite's
FTS5 index filters by column itself.
"""

from django.db import migrations

FORWARD = (
    "CREATE INDEX IF NOT EXISTS claim_public_statement_words ON claims_claim "
    "USING gin (to_tsvector('english'::regconfig, statement)) WHERE status = 'published'"
)
BACKWARD = "DROP INDEX IF EXISTS claim_public_statement_words"


def run(statement):
    def operation(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(statement)

    return operation


class Migration(migrations.Migration):
    dependencies = [("claims", "0008_embed_existing_claims")]

    operations = [migrations.RunPython(run(FORWARD), run(BACKWARD))]
