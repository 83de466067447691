"""This process's own copies of the response cache's entries it served or stored lately.

A hit on the shared cache reads the whole stored answer from the database: for a page of a
speaker's quotes (45 KB), 0.67 ms of Python (the driver, base64, unpickling) and 0.53 ms
of PostgreSQL (detoasting), against 0.25 and 0.14 ms to read the cache's generation alone
(bench/README.md, "Hits read from memory"). So each worker keeps the entries it found
fresh, and for a hot one reads only the generation.

A copy is served at once under the generation it was found fresh in: no write readers can
see has happened since, so it shows what the shared entry shows. After a visible write (a
new generation) it is checked as the shared entry would be, by its keys' tokens
(apps/ops/response_cache.py), and served or made again. A cleared cache deletes the
generation, and no copy is served without one. A copy also expires when its entry does
(`RESPONSE_CACHE_TTL`), which is what bounds anything no write announces.

Bounded by size (`RESPONSE_CACHE_LOCAL_BYTES` a process, 0: off), least recently used
first out; thread-safe.
"""

import threading
import time
from collections import OrderedDict

from django.conf import settings

# What a held entry costs beyond its body: the tuple, its headers and tokens, the key.
ENTRY_OVERHEAD = 512
TOKEN_OVERHEAD = 96


def entry_size(entry) -> int:
    _, tokens, _, headers, content, _ = entry
    named = sum(len(name) + len(value) for name, value in headers)
    return ENTRY_OVERHEAD + len(content) + named + TOKEN_OVERHEAD * len(tokens)


class LocalEntries:
    def __init__(self):
        self._lock = threading.Lock()
        self._held: OrderedDict[str, tuple] = OrderedDict()  # key: (entry, generation, size)
        self._bytes = 0

    def __len__(self) -> int:
        return len(self._held)

    @property
    def nbytes(self) -> int:
        return self._bytes

    def get(self, key: str):
        """(the entry held for `key`, the generation it was last found fresh under), unless
        none is held or it has expired: None then."""
        with self._lock:
            held = self._held.get(key)
            if held is None:
                return None
            entry, found_in, _ = held
            if entry[5] <= time.time():
                self._drop(key)
                return None
            self._held.move_to_end(key)
            return entry, found_in

    def holds(self, key: str) -> bool:
        return key in self._held

    def keep(self, key: str, entry, generation: str | None) -> None:
        """Hold `entry`, found fresh under `generation`, for `key`."""
        limit = settings.RESPONSE_CACHE_LOCAL_BYTES
        size = entry_size(entry)
        if generation is None or size > limit // 4:  # one answer never fills the memory
            return
        with self._lock:
            self._drop(key)
            self._held[key] = (entry, generation, size)
            self._bytes += size
            while self._bytes > limit:
                self._drop(next(iter(self._held)))

    def clear(self) -> None:
        with self._lock:
            self._held.clear()
            self._bytes = 0

    def _drop(self, key: str) -> None:
        held = self._held.pop(key, None)
        if held is not None:
            self._bytes -= held[2]


local_entries = LocalEntries()
