"""The table statistics PostgreSQL's claim matching keeps (apps/claims/matching/postgresql.py,
`_Statistics`): read once, kept in this process as they are, read again when stale."""

from apps.claims.matching import postgresql


def test_statistics_are_read_once_and_kept_as_they_are():
    statistics, reads = postgresql._Statistics(), []

    def read():
        reads.append(1)
        return {"tax": 0.25}

    first, second = statistics.get("db:lexemes", read), statistics.get("db:lexemes", read)

    assert (first is second, len(reads)) == (True, 1)


def test_statistics_are_read_again_once_stale(monkeypatch):
    statistics, now = postgresql._Statistics(), [1_000.0]
    monkeypatch.setattr(postgresql.time, "monotonic", lambda: now[0])
    statistics.get("db:claims", lambda: 10)

    now[0] += postgresql.STATISTICS_TTL

    assert statistics.get("db:claims", lambda: 20) == 20


def test_statistics_are_kept_per_key_and_forgotten_by_clear():
    statistics = postgresql._Statistics()
    statistics.get("one:claims", lambda: 1)
    statistics.get("two:claims", lambda: 2)

    statistics.clear()

    assert statistics.get("one:claims", lambda: 3) == 3
