"""Claim matching's scan of the index in bytes against the scan in floats (issue 17).

    DATABASE_URL=postgres://…/bench .venv/bin/python -m bench.claim_scan
    … -m bench.claim_scan --ivf        # and an inverted file of k-means lists, for recall

For the statements of `--queries` published claims of the database (in a seeded random
order), each with the index loaded and packed as a worker has it:
- `float`: the scan as it was before (each block of signed bytes widened to floats,
  multiplied by BLAS on one thread, the top 50 by `scan.top_k`);
- `bytes`: `ClaimIndex.nearest` (apps/claims/matching/scan.py);
- `match_claims`: the whole match, Python's share;
CPU ms per statement (median, p95), and on how many statements the two scans give the
same 50 claims in the same order. `--ivf` adds an approximate index (k-means lists, probing
the nearest lists, exact scores within them): the share of the exact 50 it finds, and its
cost, per number of lists probed.
"""

import argparse
import time

from bench.in_process import set_up_django

set_up_django("claim_scan")

import numpy as np  # noqa: E402

from apps.claims.matching import match_claims, scan, semantic  # noqa: E402
from apps.claims.models import Claim  # noqa: E402

K = 50
BLOCK = 4_096


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--ivf", action="store_true")
    args = parser.parse_args()

    index = semantic.claim_index()
    index.pack()
    size = len(index)
    ids, vectors, inverse_norms = (
        index._ids[:size],
        index._vectors[:size],
        index._inverse_norms[:size],
    )
    statements = _statements(args.queries)
    queries = [semantic.embed([text])[0] for text in statements]
    print(f"{size:,} claims in the index, {len(statements)} statements")

    def float_scan(vector):
        query = semantic._unit_head(vector)
        scores = np.empty(size, dtype=np.float32)
        buffer = np.empty((BLOCK, vectors.shape[1]), dtype=np.float32)
        for start in range(0, size, BLOCK):
            part = buffer[: min(size, start + BLOCK) - start]
            np.copyto(part, vectors[start : start + len(part)], casting="unsafe")
            np.matmul(part, query, out=scores[start : start + len(part)])
        scores *= inverse_norms
        return ids[scan.top_k(scores, ids, K)].tolist()

    float_found = [float_scan(vector) for vector in queries]
    byte_found = [index.nearest(vector, K) for vector in queries]
    same = sum(a == b for a, b in zip(float_found, byte_found, strict=True))
    same_set = sum(set(a) == set(b) for a, b in zip(float_found, byte_found, strict=True))
    print(
        f"the same 50 claims in the same order: {same} of {len(queries)}; "
        f"the same 50 claims: {same_set}"
    )
    for vector, a, b in zip(queries, float_found, byte_found, strict=True):
        moved = [rank for rank, (x, y) in enumerate(zip(a, b, strict=True)) if x != y]
        if moved and set(a) == set(b):
            cosines = index.cosines([a[rank] for rank in moved], vector)
            print(f"  ranks {moved} swapped, cosines {cosines.tolist()}")
    _timed("float scan", lambda vector: float_scan(vector), queries)
    _timed("byte scan", lambda vector: index.nearest(vector, K), queries)
    _timed("match_claims", lambda text: match_claims(text), statements)
    if args.ivf:
        _inverted_file(vectors, inverse_norms, queries, float_found, ids)


def _statements(count: int) -> list[str]:
    published = Claim.objects.filter(status=Claim.Status.PUBLISHED)
    pks = list(published.values_list("pk", flat=True))
    chosen = np.random.default_rng(17).choice(pks, size=min(count, len(pks)), replace=False)
    return list(published.filter(pk__in=chosen.tolist()).values_list("statement", flat=True))


def _timed(name: str, call, arguments) -> None:
    times = []
    for argument in arguments:
        start = time.process_time()
        call(argument)
        times.append((time.process_time() - start) * 1000)
    print(f"{name:>14}: CPU ms median {np.median(times):.2f}, p95 {np.percentile(times, 95):.2f}")


def _inverted_file(vectors, inverse_norms, queries, exact, ids, lists=512) -> None:
    """Spherical k-means on a sample (10 rounds), every vector in its nearest list."""
    units = vectors.astype(np.float32) * inverse_norms[:, np.newaxis]
    rng = np.random.default_rng(0)
    centroids = units[rng.choice(len(units), lists, replace=False)].copy()
    sample = units[rng.choice(len(units), min(len(units), 50 * lists), replace=False)]
    for _ in range(10):
        nearest = np.argmax(sample @ centroids.T, axis=1)
        sums = np.zeros_like(centroids)
        np.add.at(sums, nearest, sample)
        norms = np.linalg.norm(sums, axis=1, keepdims=True)
        centroids = np.where(norms > 0, sums / np.maximum(norms, 1e-9), centroids)
    assigned = np.concatenate(
        [
            np.argmax(units[i : i + 20_000] @ centroids.T, axis=1)
            for i in range(0, len(units), 20_000)
        ]
    )
    order = np.argsort(assigned, kind="stable")
    starts = np.searchsorted(assigned[order], np.arange(lists + 1))
    for probes in (8, 16, 32, 64):
        found, times = [], []
        for vector, wanted in zip(queries, exact, strict=True):
            start = time.process_time()
            query = semantic._unit_head(vector)
            probed = np.argpartition(-(centroids @ query), probes)[:probes]
            rows = order[np.concatenate([np.arange(starts[i], starts[i + 1]) for i in probed])]
            scores = scan.stored_cosines(vectors[rows], inverse_norms[rows], query)
            best = ids[rows[np.argsort(-scores)[:K]]].tolist()
            times.append((time.process_time() - start) * 1000)
            found.append(len(set(best) & set(wanted)) / max(1, len(wanted)))
        print(
            f"inverted file, {lists} lists, {probes} probed: {np.mean(found):.2f} of the exact "
            f"50 (least {np.min(found):.2f}); CPU ms median {np.median(times):.2f}"
        )


if __name__ == "__main__":
    main()
