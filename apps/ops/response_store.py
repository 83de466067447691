"""The table the response cache keeps its answers in: Django's DatabaseCache, with a store
that costs one statement.

Django's `set` counts the whole table (`SELECT COUNT(*)`, to cull it past MAX_ENTRIES),
reads the key, then inserts or updates it, in a transaction: four statements and a commit
for every miss the response cache stores. Here a store is one `INSERT … ON CONFLICT DO
UPDATE` (PostgreSQL, and SQLite since 3.24), and the table is counted and culled as Django
does on every COUNT_EVERY-th store of the process, the first one included. So the table
can hold up to COUNT_EVERY stores per process past MAX_ENTRIES before it is culled back
under it. Everything else (reading, `add`, deleting, clearing, culling) is Django's.
"""

import base64
import pickle
import threading
from datetime import UTC, datetime

from django.conf import settings
from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.db import DatabaseCache
from django.db import connections, router
from django.utils.timezone import now

COUNT_EVERY = 50


class ResponseStore(DatabaseCache):
    def __init__(self, table, params):
        super().__init__(table, params)
        self._stores = 0
        self._stores_lock = threading.Lock()

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        key = self.make_and_validate_key(key, version=version)
        timeout = self.get_backend_timeout(timeout)
        db = router.db_for_write(self.cache_model_class)
        connection = connections[db]
        quote = connection.ops.quote_name
        table = quote(self._table)
        if timeout is None:
            expires = datetime.max
        else:
            expires = datetime.fromtimestamp(timeout, tz=UTC if settings.USE_TZ else None)
        expires = connection.ops.adapt_datetimefield_value(expires.replace(microsecond=0))
        encoded = base64.b64encode(pickle.dumps(value, self.pickle_protocol)).decode("latin1")
        key_column, value_column, expires_column = (
            quote("cache_key"),
            quote("value"),
            quote("expires"),
        )
        with connection.cursor() as cursor:
            if self._count_now():
                cursor.execute(f"SELECT COUNT(*) FROM {table}")
                entries = cursor.fetchone()[0]
                if entries > self._max_entries:
                    self._cull(db, cursor, now().replace(microsecond=0), entries)
            cursor.execute(
                f"INSERT INTO {table} ({key_column}, {value_column}, {expires_column}) "
                f"VALUES (%s, %s, %s) ON CONFLICT ({key_column}) DO UPDATE SET "
                f"{value_column} = EXCLUDED.{value_column}, "
                f"{expires_column} = EXCLUDED.{expires_column}",
                [key, encoded, expires],
            )

    def _count_now(self) -> bool:
        with self._stores_lock:
            count = self._stores % COUNT_EVERY == 0
            self._stores += 1
        return count
