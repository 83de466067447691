"""Finer planner statistics for the search vectors.

ANALYZE keeps the most common words of each tsvector column with their frequencies; the
planner estimates how many rows a word matches from them, and claim matching picks a
text's rarest words from them (apps/search/backends/postgresql.py). With the default
target (100) a million-row table keeps about a thousand words and guesses every other
word at hundreds of rows, so a search for a rare word joins the whole speakers table by
hash instead of looking up a hundred speakers (5.8 ms against 0.8 ms at a million quotes).
A target of 1,000 keeps about ten thousand words; ANALYZE of such a table takes a few
seconds more.
"""

from django.db import migrations

TABLES = ["claims_claim", "quotes_quote", "speakers_speaker", "sources_source"]


def set_statistics(target):
    def operation(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for table in TABLES:
            schema_editor.execute(
                f"ALTER TABLE {table} ALTER COLUMN search_vector SET STATISTICS {target}"
            )

    return operation


class Migration(migrations.Migration):
    dependencies = [("search", "0001_postgresql_search")]

    operations = [migrations.RunPython(set_statistics(1000), set_statistics(-1))]
