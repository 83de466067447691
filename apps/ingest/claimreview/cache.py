"""The ClaimReview import's look-up caches, bounded so that memory stays flat."""

from collections import OrderedDict

CACHE_SIZE = 20_000


class BoundedCache(OrderedDict):
    """A dict that forgets its least recently used entries past `size`."""

    def __init__(self, size: int = CACHE_SIZE):
        super().__init__()
        self.size = size

    def get(self, key, default=None):
        if key in self:
            self.move_to_end(key)
            return self[key]
        return default

    def put(self, key, value) -> None:
        self[key] = value
        self.move_to_end(key)
        if len(self) > self.size:
            self.popitem(last=False)
