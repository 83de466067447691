"""The sync recipe of docs/api-sync.md, as a client would write it: a mirror of the public
API kept up to date with `updated_since` and `/api/v1/tombstones/?since=`."""

from dataclasses import dataclass, field
from datetime import datetime, timedelta

# The lists a mirror keeps, by the `kind` tombstones name them with.
KINDS = {
    "speaker": "speakers",
    "publisher": "publishers",
    "source": "sources",
    "quote": "quotes",
    "claim": "claims",
    "topic": "topics",
    "rating": "ratings",
}


@dataclass
class Mirror:
    """`client` reads the API (a DRF test client here; any HTTP client in real life).
    `overlap` is how far before the last time seen each sync starts again (the recipe's
    margin for writes committed out of order)."""

    client: object
    overlap: timedelta = timedelta(0)
    store: dict[str, dict[int, dict]] = field(default_factory=dict)
    objects_seen: datetime | None = None
    removals_seen: datetime | None = None

    def sync(self) -> None:
        """Bring the mirror up to date: the first call copies everything, later ones only
        what changed or went since. Upserts and drops are idempotent, so overlapping is safe."""
        since = self._since(self.objects_seen)
        newest = self.objects_seen
        for kind, path in KINDS.items():
            rows = self.store.setdefault(kind, {})
            query = {"page_size": 100}
            if since is not None:
                query["updated_since"] = since
            for item in self._walk(f"/api/v1/{path}/", query):
                rows[item["id"]] = item
                stamp = datetime.fromisoformat(item["updated_at"])
                newest = stamp if newest is None else max(newest, stamp)
        self.objects_seen = newest
        query = {"page_size": 100}
        removals_since = self._since(self.removals_seen)
        if removals_since is not None:
            query["since"] = removals_since
        for tombstone in self._walk("/api/v1/tombstones/", query):
            self.store.setdefault(tombstone["kind"], {}).pop(tombstone["id"], None)
            stamp = datetime.fromisoformat(tombstone["removed_at"])
            self.removals_seen = (
                stamp if self.removals_seen is None else max(self.removals_seen, stamp)
            )

    def _since(self, seen: datetime | None) -> str | None:
        return None if seen is None else (seen - self.overlap).isoformat()

    def _walk(self, url: str, query: dict):
        response = self.client.get(url, query)
        while True:
            assert response.status_code == 200, response.content
            body = response.json()
            yield from body["results"]
            if not body["next"]:
                return
            response = self.client.get(body["next"])


def server_copy(client) -> dict[str, dict[int, dict]]:
    """Everything the public API shows now, read whole: what a new mirror would hold."""
    fresh = Mirror(client)
    fresh.sync()
    return fresh.store
