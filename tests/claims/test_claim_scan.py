"""apps/claims/matching/scan.py: the index's scan in signed bytes finds exactly what the
float scores would."""

import numpy as np
import pytest

from apps.claims.matching import scan

DIMS = 128


def _float_top(vectors, inverse_norms, ids, query, k) -> list[int]:
    scores = (vectors.astype(np.float64) @ query.astype(np.float64)) * inverse_norms
    return np.lexsort((ids, -scores))[:k].tolist()


def _index(vectors: np.ndarray):
    norms = np.linalg.norm(vectors.astype(np.float32), axis=1)
    return vectors, (1 / norms).astype(np.float32), np.arange(len(vectors), dtype=np.int64)


def _unit(rows: np.ndarray) -> np.ndarray:
    rows = rows.astype(np.float32)
    return rows / np.linalg.norm(rows, axis=1, keepdims=True)


def _crowded(rng, size: int) -> np.ndarray:
    # Vectors a few steps from one another, as paraphrases' are: rounding the query to
    # bytes reorders their scores, and only the rescoring in floats puts them back.
    base = rng.integers(-60, 60, size=DIMS)
    noise = rng.integers(-6, 7, size=(size, DIMS))
    return np.clip(base + noise, -127, 127).astype(np.int8)


@pytest.mark.parametrize("size", [1, 49, 50, 51, 3_000])
def test_the_scan_finds_the_exact_float_top_k(monkeypatch, size):
    monkeypatch.setattr(scan, "BLOCK", 512)  # several blocks and a part of one
    rng = np.random.default_rng(size)
    vectors, inverse_norms, ids = _index(_crowded(rng, size))
    queries = _unit(vectors[rng.integers(0, size, 8)] + rng.normal(0, 4, (8, DIMS)))

    found = scan.nearest(scan.PackedVectors(), queries, vectors, inverse_norms, ids, 50)

    assert [best.tolist() for best in found] == [
        _float_top(vectors, inverse_norms, ids, query, 50) for query in queries
    ]


def test_the_scan_breaks_ties_by_the_lower_id():
    rng = np.random.default_rng(7)
    row = rng.integers(-127, 128, size=DIMS).astype(np.int8)
    vectors, inverse_norms, _ = _index(np.tile(row, (300, 1)))  # 300 duplicates
    ids = np.arange(300, dtype=np.int64)[::-1].copy()
    query = _unit(row[np.newaxis, :])

    (found,) = scan.nearest(scan.PackedVectors(), query, vectors, inverse_norms, ids, 5)

    assert ids[found].tolist() == [0, 1, 2, 3, 4]


def test_changed_rows_are_packed_again(monkeypatch):
    monkeypatch.setattr(scan, "BLOCK", 4)
    vectors = np.ones((10, DIMS), dtype=np.int8)
    packed = scan.PackedVectors()
    query = np.ones((1, DIMS), dtype=np.int8)
    packed.dots(query, vectors, 10)

    vectors[5] = 2
    packed.changed(np.array([5]))

    assert packed.dots(query, vectors, 10)[0].tolist() == [DIMS] * 5 + [2 * DIMS] + [DIMS] * 4


def test_rows_added_to_a_packed_block_are_scanned(monkeypatch):
    monkeypatch.setattr(scan, "BLOCK", 4)
    vectors = np.ones((10, DIMS), dtype=np.int8)
    packed = scan.PackedVectors()
    query = np.ones((1, DIMS), dtype=np.int8)
    packed.dots(query, vectors, 6)

    vectors[6:9] = 2  # appended: the index's size grows from 6 to 9

    assert packed.dots(query, vectors, 9)[0].tolist() == [DIMS] * 6 + [2 * DIMS] * 3
