"""The response cache's stored answers compressed by lz4 on PostgreSQL, not pglz.

Every miss the cache stores writes its answer (a base64 pickle of tens of KB), which
PostgreSQL compresses as it moves it out of line (TOAST), and every hit that reads it
decompresses it. For a 45 KB answer lz4 halved PostgreSQL's CPU per store (2.1 → 0.95 ms)
and cut a read's by a third (0.53 → 0.37 ms) (bench/README.md, "Storing a miss"). Rows
written before keep pglz until they are written again. Skipped where the server was built
without lz4, and on SQLite, which compresses nothing.
"""

from django.conf import settings
from django.db import migrations

LZ4_AVAILABLE = (
    "SELECT 1 FROM pg_settings WHERE name = 'default_toast_compression' "
    "AND 'lz4' = ANY(enumvals)"
)


def compress_with_lz4(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute(LZ4_AVAILABLE)
        if cursor.fetchone() is None:
            return
    table = connection.ops.quote_name(settings.CACHES["responses"]["LOCATION"])
    schema_editor.execute(f"ALTER TABLE {table} ALTER COLUMN value SET COMPRESSION lz4")


def compress_with_the_default(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor != "postgresql":
        return
    table = connection.ops.quote_name(settings.CACHES["responses"]["LOCATION"])
    schema_editor.execute(f"ALTER TABLE {table} ALTER COLUMN value SET COMPRESSION DEFAULT")


class Migration(migrations.Migration):
    dependencies = [("ops", "0003_reader_key_token")]

    operations = [migrations.RunPython(compress_with_lz4, compress_with_the_default)]
