"""The scan of claim matching's index (semantic.ClaimIndex): the k stored vectors nearest
a query, exactly, from dot products of signed bytes.

The stored vectors are signed bytes. Widened to floats for BLAS, the widening cost more
than the products: 4.7 ms a query at 200,000 claims, the half of a claim match's CPU that
grew with the table (bench/README.md, "Claim matching's scan in bytes"). NumKong (the
`numkong` package, from the author of USearch and SimSIMD) multiplies bytes by bytes with
the CPU's integer dot-product instructions (AVX-512 VNNI, AVX2, Arm's SDOT; a portable loop
elsewhere), on the calling thread, from a copy of the vectors packed for its kernels.

So the query is rounded to bytes as well: with q the unit query and s its scale, each
component of q differs from its byte's q8/s by at most 1/(2s), and the cosine of a stored
vector v (|v|₁ ≤ √d·|v|₂) differs from the rounded one by at most √d/(2s), the `slack`. No
vector whose rounded score is more than twice the slack below the k-th highest rounded
score can be among the k nearest: the vectors above that line (a few more than k) are
scored again in floats, and the k nearest are taken from those. The result is the exact
top k of the float scores, as before, not an approximation: an approximate index (HNSW,
IVF) found only 0.64–0.84 of the exact 50 on the benchmark's claims at a useful speed.
"""

import numkong
import numpy as np

# Rows packed together: a block is packed again only when one of its rows changed.
BLOCK = 32_768
# The nearest are sorted from the scores reaching a floor read from every SAMPLE_STRIDE-th
# score (`top_k`).
SAMPLE_STRIDE = 64
# Float32's rounding of the rounded scores, well inside.
ROUNDING = 1e-5


class PackedVectors:
    """Signed-byte vectors packed for NumKong's dot-product kernels, BLOCK rows a block.
    A block is packed on the first scan after one of its rows changed (`changed`) or
    rows were added to it: at 200,000 claims packing all of them takes about 20 ms, one
    block 3 ms. Not thread-safe: its index holds a lock around it."""

    def __init__(self):
        self._blocks: dict[int, tuple[int, object]] = {}  # block -> (rows packed, packed)

    def changed(self, rows: np.ndarray) -> None:
        """The rows at these positions changed."""
        for block in np.unique(np.asarray(rows) // BLOCK).tolist():
            self._blocks.pop(block, None)

    def pack(self, vectors: np.ndarray, size: int) -> None:
        """Pack every block of the first `size` rows of `vectors` now."""
        for start in range(0, size, BLOCK):
            self._packed(start // BLOCK, vectors[start : min(size, start + BLOCK)])

    def dots(self, queries: np.ndarray, vectors: np.ndarray, size: int) -> np.ndarray:
        """The dot products (int32, one row a query) of each signed-byte query with each of
        the first `size` rows of `vectors`."""
        products = np.empty((len(queries), size), dtype=np.int32)
        for start in range(0, size, BLOCK):
            stop = min(size, start + BLOCK)
            packed = self._packed(start // BLOCK, vectors[start:stop])
            products[:, start:stop] = np.asarray(numkong.dots_packed(queries, packed))
        return products

    def _packed(self, block: int, rows: np.ndarray):
        kept = self._blocks.get(block)
        if kept is None or kept[0] != len(rows):
            kept = (len(rows), numkong.dots_pack(np.ascontiguousarray(rows)))
            self._blocks[block] = kept
        return kept[1]


def nearest(
    packed: PackedVectors,
    queries: np.ndarray,
    vectors: np.ndarray,
    inverse_norms: np.ndarray,
    ids: np.ndarray,
    k: int,
) -> list[np.ndarray]:
    """For each query (a row: a unit float vector, not all zeros), the positions of the k
    rows of `vectors` (signed bytes, each with its inverse norm) of highest cosine, highest
    first, ties by the lower id: exactly those of the float scores. `ids` is not empty."""
    size = len(ids)
    scales = 127.0 / np.abs(queries).max(axis=1)
    rounded = np.rint(queries * scales[:, np.newaxis]).astype(np.int8)
    products = packed.dots(rounded, vectors, size)
    # The rounded scores are left multiplied by the scale (one pass over them fewer), so
    # the slack is too: √d/2, and float32's rounding.
    slack = np.sqrt(queries.shape[1]) / 2 + ROUNDING * scales
    found = []
    for query, row, row_slack in zip(queries, products, slack, strict=True):
        rough = row.astype(np.float32)  # exact: |products| < 2^24
        rough *= inverse_norms
        kth = rough[top_k(rough, ids, k)[-1]]
        close = np.flatnonzero(rough >= kth - 2 * row_slack)
        scores = stored_cosines(vectors[close], inverse_norms[close], query)
        found.append(close[top_k(scores, ids[close], k)])
    return found


def top_k(scores: np.ndarray, ids: np.ndarray, k: int) -> np.ndarray:
    """The positions of the k highest scores, highest first, ties by the lower id.

    Not an argpartition of every score (about 1.3 ms at 200,000 claims, an eighth of a
    search): a floor is taken from a sample of every SAMPLE_STRIDE-th score, high enough
    that about 4k scores reach it; only those are sorted. The sampled scores are among
    the scores, so at least `rank` of them reach the floor; should fewer than k do,
    the floor is the k-th highest score itself. Either way every score above the k-th
    highest, and every one equal to it, is sorted: the result is the exact top k."""
    size = len(scores)
    if size <= k:
        chosen = np.arange(size)
    else:
        chosen = None
        sample = scores[::SAMPLE_STRIDE]
        rank = -(-4 * k // SAMPLE_STRIDE)  # about 4k scores reach the rank-th sampled one
        if len(sample) > rank:
            floor = np.partition(sample, len(sample) - rank)[len(sample) - rank]
            chosen = np.flatnonzero(scores >= floor)
        if chosen is None or len(chosen) < k:
            floor = np.partition(scores, size - k)[size - k]
            chosen = np.flatnonzero(scores >= floor)
    order = np.lexsort((ids[chosen], -scores[chosen]))[:k]
    return chosen[order]


def stored_cosines(vectors: np.ndarray, inverse_norms: np.ndarray, query: np.ndarray) -> np.ndarray:
    """The cosine of each stored (int8) vector with the unit vector `query`. By einsum, not
    matmul: a matrix times a vector goes to BLAS's threads, which on a busy machine wait
    for each other (measured on 2 busy cores: 200,000 claims in 430 ms by matmul, 19 ms by
    einsum)."""
    return np.einsum("ij,j->i", vectors.astype(np.float32), query) * inverse_norms
