"""What claims mean: sentence embeddings for claim matching (apps/claims/matching/__init__.py).

The model is WordLlama's `l2_supercat` (the `wordllama` package, in the lock file): a
static embedding model — a token's vector is looked up, a sentence's is their pooled
mean — whose weights (16 MB) and tokenizer ship inside the wheel. It runs on the CPU with
numpy in about 0.05 ms a sentence, and nothing is ever downloaded (see `model()`).

Two uses:

- **Scoring.** The candidates of a match are embedded afresh with the text, at the full
  256 dimensions, so a score never depends on a stored vector being current.
- **Finding.** A claim that shares no word with the text ("Moscow refuses to aid Tehran"
  for "Russia won't help Iran") is no lexical candidate; `ClaimIndex` finds the claims
  nearest in meaning. Each claim's vector is stored in `ClaimEmbedding`, written by
  `claims_embed` from every service that creates a claim or changes its statement (and by
  `manage.py embed_claims` for rows written otherwise). Each process keeps the vectors in
  memory, 128 dimensions (the model is Matryoshka-trained: the first 128 work alone) as
  signed bytes: 140 bytes a claim with its id and norm, 28 MB at 200,000 claims. Before
  each search it reads the rows embedded since it last looked (one range scan of an
  index), so a claim written by another process is found without a restart. The index
  only proposes candidates: which claims may be shown (public, draft, deleted) is always
  asked of the database.

"Since it last looked" is by the clock: a row's `embedded_at` is when its transaction
committed (it is stamped as it is written, and again once the transaction commits, which
for an import of many claims may be minutes later), and an index reads the rows stamped
since LOOKBACK before its previous read.
"""

import functools
import logging
import os
import threading
import time
from collections.abc import Iterable
from datetime import timedelta
from pathlib import Path

import numpy as np
from django.conf import settings
from django.db import DatabaseError, connection, transaction
from django.utils import timezone
from threadpoolctl import threadpool_limits

from apps.claims.matching import neighbours, scan
from apps.core.batches import in_batches
from apps.core.commit_hooks import CommitHook, wait_for_commit, waiting
from apps.ops.database import describe

logger = logging.getLogger(__name__)

# The model's configuration, as WordLlama names it, and its full width.
CONFIG = "l2_supercat"
FULL_DIMS = 256
# Stored with every vector: a new model or width makes the stored vectors stale, and
# `embed_claims` embeds those claims again.
INDEX_DIMS = 128

# Cosines of this model's unit vectors: unrelated claims score about 0 (95 % of pairs of
# unrelated claims under 0.21), paraphrases with no word in common 0.45 to 0.65, the same
# sentence with other case or punctuation 0.95. `rescaled_cosine` maps FLOOR..CEILING to
# 0..1, so that the same sentence scores 1, like its lexical score, and unrelated ones 0.
# Matching compares the index's vectors (INDEX_DIMS, quantised), whose paraphrases' cosines
# run a little lower than the full width's: CEILING 0.85 was chosen on the tuned half of
# the paraphrase set (docs/search.md) for them, from 0.9 for the full width.
FLOOR = 0.2
CEILING = 0.85

# An index reads the rows stamped since this long before its previous read: a row stamped
# just before that read may have committed just after it, and the hosts' clocks may differ
# a little (NTP keeps them within milliseconds).
LOOKBACK = timedelta(seconds=5)
# An index reloads everything this often, dropping the vectors of deleted claims (which
# cost nothing but memory meanwhile: the database decides what is shown) and any row a
# very long transaction committed after LOOKBACK.
RELOAD_SECONDS = 6 * 3600
# Rows read and converted at a time on a full load.
LOAD_CHUNK = 2_000
# Texts scored together by `ClaimIndex.nearest_each`.
QUERY_GROUP = 16
# Claims embedded and written at a time by `claims_embed_all`.
BATCH = 500

_model = None
_model_lock = threading.Lock()


def model_name() -> str:
    """The name stored with each vector: the model, its width and the package's version."""
    import wordllama

    return f"wordllama/{CONFIG}-{FULL_DIMS}@{wordllama.__version__}"


def model():
    """The model, loaded once per process (about 0.2 s), on first use.

    `WordLlama.load()` looks for the tokenizer in `<package>/tokenizer/`, but the wheel
    ships it in `<package>/tokenizers/`, so by default it goes to Hugging Face for it.
    Pointing `cache_dir` at the package makes it find both the weights and the tokenizer
    there, and `disable_download` makes any file it still lacked an error instead of a
    download.

    The tokenizer runs single-threaded (TOKENIZERS_PARALLELISM, unless the environment sets
    it): its thread pool spread each batch of a few dozen sentences over both cores of a
    busy server, and tokenizing 64 claims cost 2.3 ms of CPU instead of 1.1 (bench/
    README.md, "Render cost")."""
    global _model
    if _model is None:
        with _model_lock:
            if _model is None:
                os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
                import wordllama
                from wordllama import WordLlama

                _model = WordLlama.load(
                    config=CONFIG,
                    dim=FULL_DIMS,
                    cache_dir=Path(wordllama.__file__).parent,
                    disable_download=True,
                )
    return _model


def embed(texts: list[str]) -> np.ndarray:
    """Unit vectors (float32, one row of FULL_DIMS per text)."""
    if not texts:
        return np.zeros((0, FULL_DIMS), dtype=np.float32)
    return np.asarray(model().embed(list(texts), norm=True), dtype=np.float32)


def claim_cosines(candidates: list[tuple[int, str]], vector: np.ndarray) -> np.ndarray:
    """The cosine with `vector` of each (id, statement)'s vector as the index holds it,
    read from this database's index (no model call); a claim the index does not hold
    (embedded since its last read, or never) has its statement embedded and quantised as
    it would be stored. At 200,000 claims this took a match's CPU from 37.6 to 21.9 ms
    against embedding every candidate's statement (docs/search.md)."""
    scores = claim_index().cosines([pk for pk, _ in candidates], vector)
    missing = np.flatnonzero(np.isnan(scores))
    if len(missing):
        stored = quantise(embed([candidates[i][1] for i in missing]))
        vectors = np.frombuffer(b"".join(stored), dtype=np.int8).reshape(len(missing), -1)
        scores[missing] = scan.stored_cosines(vectors, _inverse_norms(vectors), _unit_head(vector))
    return scores


def rescaled_cosine(cosines: np.ndarray) -> np.ndarray:
    """Cosines of unit vectors mapped to 0..1 (see FLOOR and CEILING)."""
    return np.clip((cosines - FLOOR) / (CEILING - FLOOR), 0.0, 1.0)


def quantise(vectors: np.ndarray) -> list[bytes]:
    """Each vector's first INDEX_DIMS dimensions, scaled so its largest is ±127, as bytes.
    A cosine needs no scale: the index divides by each stored vector's own norm."""
    head = vectors[:, :INDEX_DIMS]
    peak = np.abs(head).max(axis=1, keepdims=True)
    peak[peak == 0] = 1.0
    return [row.tobytes() for row in np.rint(head / peak * 127).astype(np.int8)]


# --- writing -------------------------------------------------------------------------


def claims_embed(claims: Iterable) -> int:
    """Store the embedding of each claim's statement (claims, or (id, statement) pairs),
    replacing what was stored, and drop the similar claims kept for them: they are found
    again once the transaction commits (apps/claims/matching/neighbours.py). Called by the
    services that create a claim or change its statement, inside their transaction; not a
    service itself, because embeddings are not curated rows: no history, no guard, no
    response made stale. Returns how many."""
    from apps.claims.models import ClaimEmbedding

    pairs = [
        tuple(claim) if isinstance(claim, tuple) else (claim.pk, claim.statement)
        for claim in claims
    ]
    if not pairs:
        return 0
    name, now = model_name(), timezone.now()
    _restamp_on_commit(now)
    written = 0
    for start in range(0, len(pairs), BATCH):
        chunk = pairs[start : start + BATCH]
        vectors = quantise(embed([statement for _, statement in chunk]))
        ClaimEmbedding.objects.bulk_create(
            [
                ClaimEmbedding(
                    claim_id=pk, model=name, dims=INDEX_DIMS, vector=vector, embedded_at=now
                )
                for (pk, _), vector in zip(chunk, vectors, strict=True)
            ],
            update_conflicts=True,
            unique_fields=["claim"],
            update_fields=["model", "dims", "vector", "embedded_at", "neighbours_found_at"],
        )
        # A new statement: the similar claims kept for the old one no longer hold.
        neighbours.forget([pk for pk, _ in chunk])
        written += len(chunk)
    neighbours.find_on_commit(pk for pk, _ in pairs)
    return written


class _Restamp(CommitHook):
    """Once the transaction commits, stamp the rows embedded since `since` with the time:
    the indexes of other processes then read them, however long the transaction took (a
    ClaimReview file is one transaction of many batches). One per transaction, one UPDATE
    by a range of the `embedded_at` index (rows others embedded meanwhile are stamped
    too, and read once more)."""

    def __init__(self, since):
        self.since = since

    def __call__(self) -> None:
        from apps.claims.models import ClaimEmbedding

        try:
            ClaimEmbedding.objects.filter(embedded_at__gte=self.since).update(
                embedded_at=timezone.now()
            )
        except DatabaseError as error:
            # The claims have committed; another process may find them only at its next
            # full reload (RELOAD_SECONDS). Said in one line, without a stack trace.
            logger.error(
                "claim embeddings were not restamped after their commit (%s); other "
                "processes find them at their next full reload",
                describe(error),
            )


def _restamp_on_commit(now) -> None:
    db = transaction.get_connection()
    if not db.in_atomic_block:
        return  # written in autocommit: committed as stamped
    if waiting(_Restamp) is None:
        wait_for_commit(_Restamp(now))


def claims_to_embed(*, every: bool = False):
    """Claims with no embedding, or one made by another model or width (every claim if
    `every`): what `embed_claims` embeds (a queryset of (id, statement), by id)."""
    from django.db.models import Q

    from apps.claims.models import Claim

    claims = Claim.objects.all()
    if not every:
        current = Q(embedding__model=model_name(), embedding__dims=INDEX_DIMS)
        claims = claims.exclude(current)
    return claims.order_by("pk").values_list("pk", "statement")


def claims_embed_everything(*, progress=None) -> int:
    """Embed every claim again (see `claims_embed_all`)."""
    return claims_embed_all(progress=progress, every=True)


def claims_embed_all(*, progress=None, every: bool = False) -> int:
    """Embed every claim `claims_to_embed` names, BATCH at a time, each batch in its own
    transaction (apps/core/batches.py: an interrupted run resumes where it stopped).
    `progress(done, total)` is called after each batch. Returns how many were embedded."""
    return in_batches(
        claims_to_embed(every=every),
        BATCH,
        claims_embed,
        pk_of=lambda row: row[0],
        progress=progress,
    )


# --- finding -------------------------------------------------------------------------


class ClaimIndex:
    """The stored claim vectors of one database, in memory, searched by cosine.

    Arrays, not objects: claim ids (int64, sorted) and vectors (int8, INDEX_DIMS a row)
    with each vector's inverse norm (float32): 140 bytes a claim, and the vectors again
    packed for the scan (apps/claims/matching/scan.py), 200 bytes a claim. Thread-safe:
    one lock around refreshing and searching."""

    def __init__(self):
        _one_blas_thread()
        self._lock = threading.Lock()
        self._ids = np.zeros(0, dtype=np.int64)
        self._vectors = np.zeros((0, INDEX_DIMS), dtype=np.int8)
        self._inverse_norms = np.zeros(0, dtype=np.float32)
        self._packed = scan.PackedVectors()
        self._size = 0
        self._read_at = None  # when the last read began
        self._loaded_at = None

    def __len__(self):
        return self._size

    @property
    def nbytes(self) -> int:
        return self._ids.nbytes + self._vectors.nbytes + self._inverse_norms.nbytes

    def nearest(self, vector: np.ndarray, k: int) -> list[int]:
        """The ids of the k claims whose stored vectors are nearest `vector` (a unit
        vector of FULL_DIMS), nearest first, after reading what changed (one query)."""
        query = _unit_head(vector)
        if not query.any() or k <= 0:
            return []
        with self._lock:
            self._refresh()
            size = self._size
            if size == 0:
                return []
            best = self._nearest(query[np.newaxis, :], size, k)[0]
            return self._ids[best].tolist()

    def nearest_each(self, vectors: np.ndarray, k: int) -> list[list[int]]:
        """`nearest(vector, k)` for each row of `vectors`, reading the stored vectors once
        for every QUERY_GROUP rows (for `find_similar_claims`, which matches claims a
        hundred at a time). Memory: QUERY_GROUP scores a claim, 13 MB at 200,000 claims."""
        queries = np.array([_unit_head(vector) for vector in vectors], dtype=np.float32)
        if not len(queries) or k <= 0:
            return [[] for _ in queries]
        with self._lock:
            self._refresh()
            size = self._size
            found = [[] for _ in queries]
            asked = np.flatnonzero(queries.any(axis=1)) if size else []
            for first in range(0, len(asked), QUERY_GROUP):
                group = asked[first : first + QUERY_GROUP]
                nearest = self._nearest(queries[group], size, k)
                for position, best in zip(group, nearest, strict=True):
                    found[position] = self._ids[best].tolist()
            return found

    def _nearest(self, queries: np.ndarray, size: int, k: int) -> list[np.ndarray]:
        """The positions of the k stored vectors nearest each query (a row: a unit vector
        of INDEX_DIMS, not all zeros) among the first `size`, nearest first."""
        return scan.nearest(
            self._packed,
            queries,
            self._vectors[:size],
            self._inverse_norms[:size],
            self._ids[:size],
            k,
        )

    def cosines(self, ids: list[int], vector: np.ndarray) -> np.ndarray:
        """The cosine of each claim's stored vector with `vector` (as `nearest` scores
        them), NaN for a claim the index does not hold. Reads nothing: it scores what the
        last `nearest` or `refresh` read."""
        query = _unit_head(vector)
        wanted = np.asarray(ids, dtype=np.int64)
        with self._lock:
            held_ids = self._ids[: self._size]
            if not len(held_ids) or not len(wanted):
                return np.full(len(wanted), np.nan, dtype=np.float32)
            positions = np.minimum(np.searchsorted(held_ids, wanted), len(held_ids) - 1)
            held = held_ids[positions] == wanted
            scores = scan.stored_cosines(
                self._vectors[positions], self._inverse_norms[positions], query
            )
        return np.where(held, scores, np.nan).astype(np.float32)

    def refresh(self) -> None:
        with self._lock:
            self._refresh()

    def pack(self) -> None:
        """Read what changed, and pack every vector for the scan now, not on the first
        search: gunicorn's master does so before it forks, and the workers share the
        packed copy (40 MB at 200,000 claims) instead of packing one each."""
        with self._lock:
            self._refresh()
            self._packed.pack(self._vectors, self._size)

    def _refresh(self) -> None:
        from apps.claims.models import ClaimEmbedding

        now = timezone.now()
        full = self._read_at is None or time.monotonic() - self._loaded_at > RELOAD_SECONDS
        if full:
            # Every claim's row, by id, a chunk at a time (on PostgreSQL through a
            # server-side cursor).
            rows = ClaimEmbedding.objects.filter(model=model_name(), dims=INDEX_DIMS)
            read = rows.order_by("claim_id").values_list("claim_id", "vector")
            read = read.iterator(chunk_size=LOAD_CHUNK)
        else:
            # The few stamped since the last read, at once, in no order: ordered by id, the
            # planner would walk the primary key past every row instead of this range. Run
            # before every match, so written once as SQL: the ORM compiled it in about
            # 1 ms, more than PostgreSQL took to answer.
            read = _stamped_since(self._read_at - LOOKBACK)
        chunks = []
        for chunk in _chunks(read, LOAD_CHUNK):
            chunk.sort(key=lambda row: row[0])
            ids = np.fromiter((row[0] for row in chunk), dtype=np.int64, count=len(chunk))
            vectors = np.frombuffer(b"".join(bytes(row[1]) for row in chunk), dtype=np.int8)
            vectors = vectors.reshape(len(chunk), INDEX_DIMS)
            chunks.append((ids, vectors, _inverse_norms(vectors)))
        if full:
            self._replace(chunks)
            self._loaded_at = time.monotonic()
        else:
            for ids, vectors, inverse_norms in chunks:
                self._merge(ids, vectors, inverse_norms)
        self._read_at = now

    def _replace(self, chunks) -> None:
        parts = list(zip(*chunks, strict=True)) or [
            [np.zeros(0, dtype=np.int64)],
            [np.zeros((0, INDEX_DIMS), dtype=np.int8)],
            [np.zeros(0, dtype=np.float32)],
        ]
        self._ids, self._vectors, self._inverse_norms = (np.concatenate(part) for part in parts)
        self._packed = scan.PackedVectors()
        self._size = len(self._ids)

    def _merge(self, ids: np.ndarray, vectors: np.ndarray, inverse_norms: np.ndarray) -> None:
        """Overwrite the vectors of claims already held; add the others (appended when
        their ids are all newer, as new claims' are; else the arrays are sorted again)."""
        size = self._size
        held_ids = self._ids[:size]
        positions = np.searchsorted(held_ids, ids)
        held = positions < size
        held[held] = held_ids[positions[held]] == ids[held]
        # Only the vectors that differ: every read takes again the rows of the LOOKBACK
        # before it, and a block rewritten is packed again (3 ms).
        rewritten = held.copy()
        rewritten[held] = (self._vectors[positions[held]] != vectors[held]).any(axis=1)
        self._vectors[positions[rewritten]] = vectors[rewritten]
        self._inverse_norms[positions[rewritten]] = inverse_norms[rewritten]
        self._packed.changed(positions[rewritten])
        new = ~held
        if not new.any():
            return
        new_ids, new_vectors, new_norms = ids[new], vectors[new], inverse_norms[new]
        if size and new_ids[0] < held_ids[-1]:
            every_id = np.concatenate([held_ids, new_ids])
            order = np.argsort(every_id, kind="stable")
            self._ids = every_id[order]
            self._vectors = np.concatenate([self._vectors[:size], new_vectors])[order]
            self._inverse_norms = np.concatenate([self._inverse_norms[:size], new_norms])[order]
            self._packed = scan.PackedVectors()
            self._size = len(self._ids)
            return
        needed = size + len(new_ids)
        if needed > len(self._ids):
            # A quarter more room: appends are amortised, and at most a quarter is unused.
            capacity = max(needed, len(self._ids) + len(self._ids) // 4, 64)
            self._ids = _grown(self._ids, capacity)
            self._vectors = _grown(self._vectors, capacity)
            self._inverse_norms = _grown(self._inverse_norms, capacity)
        self._ids[size:needed] = new_ids
        self._vectors[size:needed] = new_vectors
        self._inverse_norms[size:needed] = new_norms
        self._size = needed


def _stamped_since(since) -> list[tuple[int, bytes]]:
    """(claim id, vector) of this model's rows stamped at or after `since`."""
    from apps.claims.models import ClaimEmbedding

    table = connection.ops.quote_name(ClaimEmbedding._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT claim_id, vector FROM {table} "
            "WHERE model = %s AND dims = %s AND embedded_at >= %s",
            [model_name(), INDEX_DIMS, connection.ops.adapt_datetimefield_value(since)],
        )
        return cursor.fetchall()


@functools.cache
def _one_blas_thread() -> None:
    """Keep BLAS (OpenBLAS, in numpy's wheel) to one thread in this process, for good.
    Its default, a thread per core, made the index's scan 30 to 50 times slower on a busy
    2-core machine (the threads wait for each other: bench/README.md, "Claim matching
    with meaning at 200,000 claims"), and a server's processes are its parallelism. By
    threadpoolctl, not OPENBLAS_NUM_THREADS, which works only if set before numpy loads."""
    threadpool_limits(limits=1, user_api="blas")


def _unit_head(vector: np.ndarray) -> np.ndarray:
    """The first INDEX_DIMS dimensions of `vector` as a unit vector (zeros if all are 0)."""
    head = np.array(vector[:INDEX_DIMS], dtype=np.float32)
    norm = float(np.linalg.norm(head))
    return head / norm if norm else head


def _inverse_norms(vectors: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(vectors.astype(np.float32), axis=1)
    with np.errstate(divide="ignore"):
        return np.where(norms > 0, 1.0 / norms, 0.0).astype(np.float32)


def _grown(array: np.ndarray, capacity: int) -> np.ndarray:
    grown = np.zeros((capacity, *array.shape[1:]), dtype=array.dtype)
    grown[: len(array)] = array
    return grown


def _chunks(iterable, size: int):
    chunk = []
    for item in iterable:
        chunk.append(item)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


_indexes: dict[str, ClaimIndex] = {}
_indexes_lock = threading.Lock()


def claim_index() -> ClaimIndex:
    """The index of the current connection's database, made on first use."""
    key = f"{connection.alias}:{connection.settings_dict['NAME']}"
    with _indexes_lock:
        if key not in _indexes:
            _indexes[key] = ClaimIndex()
        return _indexes[key]


def forget_indexes() -> None:
    """Drop every index (the next search reloads): for tests, whose database is emptied
    between them."""
    with _indexes_lock:
        _indexes.clear()


def warm_up() -> bool:
    """Load the model and this database's index now, not on the first match: called by each
    gunicorn worker before it takes requests (gunicorn.conf.py, `post_worker_init`). At
    200,000 claims the index takes 1.3–2.6 s to load, and a sync worker holds every request
    queued behind the one that loads it (bench/README.md, "warm workers"). True when the
    index was loaded; False when matching by meaning is off or the database cannot be read
    yet (a worker must start anyway: the site answers 503 until the database is back, and
    the first match loads the index then)."""
    if settings.CLAIM_MATCHING_SEMANTIC_WEIGHT <= 0:
        return False
    model()
    try:
        claim_index().pack()
    except DatabaseError:
        logger.warning("Claim matching's index was not loaded at start-up.", exc_info=True)
        return False
    return True
