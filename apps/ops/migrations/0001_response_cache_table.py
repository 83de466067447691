"""The table of the shared response cache (settings.CACHES["responses"], a DatabaseCache).

`createcachetable` as a migration, so that every `migrate` (the entrypoint, `make`, CI,
the test databases, a benchmark database) creates it; it skips a table that exists.
"""

from django.core.management import call_command
from django.db import migrations


def create_cache_table(apps, schema_editor):
    call_command("createcachetable", database=schema_editor.connection.alias, verbosity=0)


class Migration(migrations.Migration):
    dependencies = []

    operations = [migrations.RunPython(create_cache_table, migrations.RunPython.noop)]
