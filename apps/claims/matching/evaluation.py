"""How well claim matching finds a claim from a paraphrase of it: the measurement behind
`manage.py evaluate_matching` and the weight of meaning against words
(`settings.CLAIM_MATCHING_SEMANTIC_WEIGHT`).

A paraphrase set is a directory of two tab-separated files with a header row:

- `corpus.tsv` (`liar_id`, `statement`): the claims searched, the haystack;
- `queries.tsv` (`split`, `difficulty`, `liar_id`, `paraphrase`): each a paraphrase of one
  corpus statement, in the part of the set it belongs to: `tuned` (the weight may be chosen
  on it) or `held-out` (only measured).

The corpus is written as draft claims through the claims' import service, as a
ClaimReview import writes its claims (`claims_import`: one insert for the claims, one for
their history rows, every claim embedded the normal way), inside a transaction that is
rolled back: the database is left as it was. Every query then goes through
`match_claims(…, public=False, limit=10)`, and the rank at which the claim it paraphrases
comes back gives hits@1, hits@5 and the mean reciprocal rank (over the top 10; a claim
not among them counts 0).
"""

import statistics
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.test.utils import override_settings

from apps.claims.matching import NEAR_DUPLICATE_SCORE, match_claims
from apps.claims.models import Claim
from apps.claims.services import claims_import
from apps.core.slugs import unique_slugs

SPLITS = ("tuned", "held-out")
CORPUS_COLUMNS = ("liar_id", "statement")
QUERY_COLUMNS = ("split", "difficulty", "liar_id", "paraphrase")
# The ranks a query can score at: match_claims(…, limit=LIMIT).
LIMIT = 10
# Corpus claims written at a time, and the reason their history rows give.
WRITE_BATCH = 500
CHANGE_REASON = "Paraphrase set (evaluate_matching; rolled back)"
# A corpus statement is checked as a claim's statement is (`load_set`).
_NOT_STATEMENT = [field.name for field in Claim._meta.fields if field.name != "statement"]


class MalformedSet(ValueError):
    """A paraphrase set that cannot be measured; the message names the file and line."""


@dataclass(frozen=True)
class Query:
    text: str
    expected: str  # the corpus id of the statement it paraphrases
    split: str
    difficulty: str


@dataclass(frozen=True)
class ParaphraseSet:
    corpus: dict[str, str]  # id -> statement, in file order
    queries: tuple[Query, ...]

    def part(self, split: str) -> list[Query]:
        return [query for query in self.queries if query.split == split]


@dataclass(frozen=True)
class Scores:
    queries: int
    hits_at_1: float
    hits_at_5: float
    mrr: float


@dataclass(frozen=True)
class Result:
    weight: float
    split: str
    scores: Scores
    by_difficulty: dict[str, Scores]
    p95_ms: float  # wall-clock time of one match_claims() call
    # The share of queries whose claim came back as a near-duplicate (its score at least
    # NEAR_DUPLICATE_SCORE): what the editors' duplicate warning would flag.
    near_duplicate: float
    # The share of queries for which another claim came back as a near-duplicate: false
    # alarms of the duplicate warning.
    other_near_duplicate: float
    # The queries whose claim did not come first, with the rank it came at (None: not in
    # the top LIMIT).
    misses: tuple[tuple[Query, int | None], ...]


def scores(ranks: Sequence[int | None]) -> Scores:
    """hits@1, hits@5 and MRR of the ranks (1 = first; None = not returned)."""
    if not ranks:
        return Scores(0, 0.0, 0.0, 0.0)
    found = [rank for rank in ranks if rank is not None]
    return Scores(
        queries=len(ranks),
        hits_at_1=sum(rank == 1 for rank in found) / len(ranks),
        hits_at_5=sum(rank <= 5 for rank in found) / len(ranks),
        mrr=sum(1 / rank for rank in found) / len(ranks),
    )


def load_set(directory: Path) -> ParaphraseSet:
    """The paraphrase set in `directory`; MalformedSet names the first problem found."""
    corpus: dict[str, str] = {}
    for where, (liar_id, statement) in _rows(directory / "corpus.tsv", CORPUS_COLUMNS):
        if liar_id in corpus:
            raise MalformedSet(f"{where}: the id {liar_id!r} is already in the corpus.")
        try:
            Claim(statement=statement).clean_fields(exclude=_NOT_STATEMENT)
        except ValidationError as error:
            raise MalformedSet(f"{where}: the statement: {' '.join(error.messages)}") from None
        corpus[liar_id] = statement
    queries = []
    for where, (split, difficulty, liar_id, text) in _rows(
        directory / "queries.tsv", QUERY_COLUMNS
    ):
        if split not in SPLITS:
            raise MalformedSet(f"{where}: the split must be one of {SPLITS}, not {split!r}.")
        if liar_id not in corpus:
            raise MalformedSet(f"{where}: the id {liar_id!r} is not in corpus.tsv.")
        if text.casefold() == corpus[liar_id].casefold():
            raise MalformedSet(f"{where}: the paraphrase is the statement itself.")
        queries.append(Query(text, liar_id, split, difficulty))
    if not corpus:
        raise MalformedSet(f"{directory / 'corpus.tsv'}: no statements.")
    for split in SPLITS:
        if not any(query.split == split for query in queries):
            raise MalformedSet(f"{directory / 'queries.tsv'}: no {split} queries.")
    return ParaphraseSet(corpus, tuple(queries))


def _rows(path: Path, columns: tuple[str, ...]) -> Iterable[tuple[str, list[str]]]:
    """(file:line, fields) of each row after the header; every field non-empty."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        raise MalformedSet(f"{path}: no such file.") from None
    except UnicodeDecodeError as error:
        raise MalformedSet(f"{path}: not UTF-8 ({error}).") from None
    header = tuple(lines[0].split("\t")) if lines else ()
    if header != columns:
        raise MalformedSet(
            f"{path}:1: the header must be {'<tab>'.join(columns)}, not {'<tab>'.join(header)!r}."
        )
    for number, line in enumerate(lines[1:], start=2):
        if not line.strip():
            continue
        fields = [field.strip() for field in line.split("\t")]
        where = f"{path}:{number}"
        if len(fields) != len(columns):
            raise MalformedSet(
                f"{where}: {len(fields)} tab-separated fields, expected {len(columns)} "
                f"({', '.join(columns)})."
            )
        if not all(fields):
            empty = columns[fields.index("")]
            raise MalformedSet(f"{where}: the {empty} is empty.")
        yield where, fields


def evaluate(
    paraphrases: ParaphraseSet, *, weights: Sequence[float], splits: Sequence[str] = SPLITS
) -> list[Result]:
    """The scores of every split at every weight. The corpus is written as claims in a
    transaction rolled back at the end; claims already in the database stay candidates
    too (distractors: never the expected answer)."""
    with transaction.atomic():
        try:
            claim_ids = _write_corpus(paraphrases.corpus)
            results = [
                _measure(paraphrases.part(split), claim_ids, weight=weight, split=split)
                for weight in weights
                for split in splits
            ]
        finally:
            transaction.set_rollback(True)
    _analyse_claims()  # the table's size as it is again (see _write_corpus)
    return results


def _write_corpus(corpus: dict[str, str]) -> dict[str, int]:
    """The corpus as draft claims (their statements checked by `load_set`), written by the
    import service in batches of WRITE_BATCH (2,567 claims by `claim_create` one at a
    time were most of this command's time: 80-120 s of CI's): id -> pk.

    On PostgreSQL the claims table is then analysed, inside the transaction: candidates
    are chosen by the planner's statistics (apps/claims/matching/postgresql.py), which
    should describe these claims, as autovacuum's would in a database that holds them, not
    an empty table (and the statistics matching caches per process are read again). The
    word statistics (pg_statistic) roll back with the transaction, but the row count
    (pg_class.reltuples) is written in place and does not, so `evaluate` analyses the
    table again once the corpus is gone."""
    items = list(corpus.items())
    claim_ids = {}
    for start in range(0, len(items), WRITE_BATCH):
        batch = items[start : start + WRITE_BATCH]
        slugs = unique_slugs(Claim, [statement for _, statement in batch], max_length=80)
        claims = [
            Claim(statement=statement, slug=slug, status=Claim.Status.DRAFT)
            for (_, statement), slug in zip(batch, slugs, strict=True)
        ]
        claims_import(claims=claims, citations=[], reason=CHANGE_REASON)
        claim_ids.update(
            (liar_id, claim.pk) for (liar_id, _), claim in zip(batch, claims, strict=True)
        )
    _analyse_claims()
    return claim_ids


def _analyse_claims() -> None:
    if connection.vendor == "postgresql":
        from apps.claims.matching import postgresql

        with connection.cursor() as cursor:
            cursor.execute(f"ANALYZE {connection.ops.quote_name(Claim._meta.db_table)}")
        postgresql._statistics.clear()  # read them again, not the cached ones


def _measure(
    queries: list[Query], claim_ids: dict[str, int], *, weight: float, split: str
) -> Result:
    ranks, timings, flagged, wrongly = [], [], 0, 0
    with override_settings(CLAIM_MATCHING_SEMANTIC_WEIGHT=weight):
        for query in queries:
            started = time.perf_counter()
            matches = match_claims(query.text, public=False, limit=LIMIT)
            timings.append((time.perf_counter() - started) * 1000)
            found = [match.claim.pk for match in matches]
            expected = claim_ids[query.expected]
            ranks.append(found.index(expected) + 1 if expected in found else None)
            flagged += any(
                match.claim.pk == expected and match.score >= NEAR_DUPLICATE_SCORE
                for match in matches
            )
            wrongly += any(
                match.claim.pk != expected and match.score >= NEAR_DUPLICATE_SCORE
                for match in matches
            )
    p95 = statistics.quantiles(timings, n=20)[-1] if len(timings) > 1 else sum(timings)
    difficulties = dict.fromkeys(query.difficulty for query in queries)
    by_difficulty = {
        difficulty: scores(
            [
                rank
                for query, rank in zip(queries, ranks, strict=True)
                if query.difficulty == difficulty
            ]
        )
        for difficulty in difficulties
    }
    misses = tuple((query, rank) for query, rank in zip(queries, ranks, strict=True) if rank != 1)
    count = max(len(queries), 1)
    return Result(
        weight=weight,
        split=split,
        scores=scores(ranks),
        by_difficulty=by_difficulty,
        p95_ms=p95,
        near_duplicate=flagged / count,
        other_near_duplicate=wrongly / count,
        misses=misses,
    )
