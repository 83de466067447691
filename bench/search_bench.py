"""The search benchmark: latency of search() and match_claims() on the data in the database.

Queries are drawn from the data itself (so the benchmark works on any data set, generated
or real): common words are the most frequent non-stop-words of a sample of quotes and
claims, rare words the ones that match few quotes, two-word queries and phrases come from
published claims, and claim matching gets published statements with a word dropped,
swapped or replaced, as an editor would retype them, twice: as configured (words and
meaning combined, `settings.CLAIM_MATCHING_SEMANTIC_WEIGHT`) and by words alone (weight 0),
and typo queries are names and rare words of the record with one or two edits, and
misspellings readers make (`apps.search.typo_evaluation.build_cases`, as `evaluate_typos`
makes them), searched for as the search page and the API do (`search_forgiving`).
Everything runs in this process, against the database of DATABASE_URL, one call at a time.
"""

import random
import re
import statistics
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from django.conf import settings
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext, override_settings

from apps.claims.models import Claim
from apps.quotes.models import Quote
from apps.search.selectors import SearchFilters, match_claims, search, search_forgiving
from apps.search.typo_evaluation import build_cases
from bench.harness import percentile
from bench.loading import server_cpu_ns

WORD = re.compile(r"[a-z]+")
SAMPLE = 2000  # quotes and claims read to find the queries


@dataclass
class Workload:
    name: str
    queries: list[str]
    run: Callable[[str], object]
    timings: list[float] = field(default_factory=list)
    # Wall-clock ms of the first (warm-up) call: loading what the workload needs once per
    # process (for combined claim matching, the model and every stored claim vector).
    first_ms: float | None = None
    # CPU milliseconds each call took: this process's plus its PostgreSQL backend's.
    cpu: list[float] = field(default_factory=list)
    hits: list[int] = field(default_factory=list)

    def summary(self) -> dict:
        ordered = sorted(self.timings)
        return {
            "workload": self.name,
            "runs": len(ordered),
            "p50_ms": percentile(ordered, 50),
            "p95_ms": percentile(ordered, 95),
            "p99_ms": percentile(ordered, 99),
            "mean_ms": statistics.fmean(ordered) if ordered else 0.0,
            "max_ms": ordered[-1] if ordered else 0.0,
            "cpu_p50_ms": percentile(sorted(self.cpu), 50),
            "cpu_p95_ms": percentile(sorted(self.cpu), 95),
            "mean_hits": statistics.fmean(self.hits) if self.hits else 0.0,
            "first_call_ms": self.first_ms,
        }


def _sample_rows(model, fields: tuple[str, ...], count: int, **filters) -> list[tuple]:
    """About `count` rows spread evenly over the ids (cheap on any size, unlike ORDER BY
    random())."""
    rows = model.objects.filter(**filters)
    high = rows.order_by("-pk").values_list("pk", flat=True).first() or 0
    step = max(1, high // count)
    ids = list(range(1, high + 1, step))
    return list(rows.filter(pk__in=ids).order_by("pk").values_list(*fields))


def _stop_words(words: list[str]) -> set[str]:
    """The words PostgreSQL's English configuration leaves out of every tsvector."""
    if connection.vendor != "postgresql":
        return set()
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT word FROM unnest(%s::text[]) AS word "
            "WHERE to_tsvector('english', word) = ''::tsvector",
            [words],
        )
        return {row[0] for row in cursor.fetchall()}


def _quote_matches(word: str) -> int:
    return search(word, filters=SearchFilters(kinds=("quote",)), limit=1).total


def build_workloads(*, per_kind: int = 20, seed: int = 0, only: str = "") -> list[Workload]:
    """The workloads, or only those whose name starts with `only` (the typo queries are
    made only for the typo workload: checking them takes a search each)."""
    rng = random.Random(seed)
    published = _sample_rows(Claim, ("pk", "statement"), SAMPLE // 2, status="published")
    statements = [statement for _, statement in published]
    quotes = _sample_rows(Quote, ("pk", "text"), SAMPLE, status="confirmed")
    texts = statements + [text for _, text in quotes]
    if not statements:
        raise ValueError("The database has no published claims to take queries from.")
    counts = Counter(word for text in texts for word in WORD.findall(text.lower()))
    stop = _stop_words(list(counts))
    ranked = [word for word, _ in counts.most_common() if word not in stop and len(word) > 2]
    common = ranked[:per_kind]
    rare: list[str] = []
    for word in reversed(ranked):  # the words seen once in the sample, checked in the data
        if len(rare) == per_kind:
            break
        if counts[word] == 1 and 0 < _quote_matches(word) <= 100:
            rare.append(word)
    pairs, phrases, sentences = [], [], []
    expected: dict[str, int] = {}
    for pk, statement in rng.sample(published, min(len(published), per_kind * 3)):
        words = [word for word in WORD.findall(statement.lower()) if word not in stop]
        if len(words) >= 2 and len(pairs) < per_kind:
            pairs.append(" ".join(rng.sample(words, 2)))
        all_words = statement.rstrip(".").split()
        if len(all_words) >= 4 and len(phrases) < per_kind:
            begin = rng.randrange(len(all_words) - 2)
            phrases.append('"' + " ".join(all_words[begin : begin + 3]) + '"')
        if len(sentences) < per_kind:
            sentence = _perturbed(statement, rng, common)
            sentences.append(sentence)
            expected.setdefault(sentence, pk)

    def run_search(query: str):
        results = search(query)
        return results.total

    def run_match(text: str):
        """1 when the best match is the claim the sentence was made from, else 0."""
        matches = match_claims(text)
        return int(bool(matches) and matches[0].claim.pk == expected[text])

    def run_lexical_match(text: str):
        with override_settings(CLAIM_MATCHING_SEMANTIC_WEIGHT=0.0):
            return run_match(text)

    typos = build_cases(count=per_kind * 2, seed=seed) if TYPO.startswith(only) else []
    intended = {case.typo: case.intended for case in typos}

    def run_typo(query: str):
        """1 when the object the misspelt query was made from is on the first page of
        results (the page's and the API's 20), else 0."""
        results = search_forgiving(query, limit=TYPO_PAGE)
        return int(any((hit.kind, hit.object.pk) == intended[query] for hit in results.hits))

    workloads = [
        Workload("search: common word", common, run_search),
        Workload("search: rare word", rare, run_search),
        Workload("search: two words", pairs, run_search),
        Workload("search: phrase", phrases, run_search),
        # As configured: with a semantic weight above 0, words and meaning combined (the
        # first call loads the model and reads every stored claim vector: see `run`).
        Workload("match_claims", sentences, run_match),
        Workload(MATCH_LEXICAL, sentences, run_lexical_match),
        Workload(TYPO, list(intended), run_typo),
    ]
    return [workload for workload in workloads if workload.name.startswith(only)]


MATCH_LEXICAL = "match_claims: words only"
TYPO = "typo"
TYPO_PAGE = 20


def matching_weight() -> float:
    """The semantic weight the "match_claims" workload runs with."""
    return float(settings.CLAIM_MATCHING_SEMANTIC_WEIGHT)


def matching_summary(workloads: list[Workload]) -> list[str]:
    """Lines on claim matching: how often each workload found the claim its sentence came
    from, its first call, and the memory this process's claim-vector index holds."""
    from apps.claims.matching import semantic

    lines = []
    for workload in workloads:
        if not workload.name.startswith("match_claims") or not workload.hits:
            continue
        weight = 0.0 if workload.name == MATCH_LEXICAL else matching_weight()
        found = statistics.fmean(workload.hits)
        first = f"{workload.first_ms:.0f} ms" if workload.first_ms is not None else "-"
        lines.append(
            f"{workload.name} (semantic weight {weight:g}): the best match is the claim the "
            f"sentence was made from in {found:.0%} of calls; first call {first}."
        )
    index = semantic.claim_index()
    if len(index):
        lines.append(
            f"Claim-vector index of this process: {len(index):,} claims, "
            f"{index.nbytes / 2**20:.1f} MiB."
        )
    return lines


def typo_summary(workloads: list[Workload]) -> list[str]:
    """A line on the typo workload: how often the object its query was made from came back
    on the first page (the typo recall of `evaluate_typos`, at 20 rather than 10)."""
    return [
        f"{workload.name}: the object the misspelt query was made from is on the first page "
        f"({TYPO_PAGE} results) in {statistics.fmean(workload.hits):.0%} of calls."
        for workload in workloads
        if workload.name == TYPO and workload.hits
    ]


def _perturbed(statement: str, rng: random.Random, replacements: list[str]) -> str:
    """A statement as an editor might retype it: a word dropped, swapped or replaced."""
    words = statement.rstrip(".").split()
    if len(words) > 3:
        where = rng.randrange(len(words) - 1)
        change = rng.choice(("drop", "swap", "replace"))
        if change == "drop":
            del words[where]
        elif change == "swap":
            words[where], words[where + 1] = words[where + 1], words[where]
        else:
            words[where] = rng.choice(replacements) if replacements else words[where]
    return " ".join(words)


def run(workloads: list[Workload], *, iterations: int, warmup: int = 3) -> None:
    """Call each workload `iterations` times, after `warmup` calls; with DEBUG off, as in
    production (with it on, Django keeps and formats every query, which costs time)."""
    with override_settings(DEBUG=False):
        _run(workloads, iterations=iterations, warmup=warmup)


def _run(workloads: list[Workload], *, iterations: int, warmup: int) -> None:
    for workload in workloads:
        if not workload.queries:
            continue
        for number, query in enumerate(workload.queries[:warmup]):
            started = time.perf_counter()
            workload.run(query)
            if number == 0:
                workload.first_ms = (time.perf_counter() - started) * 1000
        for index in range(iterations):
            query = workload.queries[index % len(workload.queries)]
            server_before = _server_cpu_ns()
            cpu_before = time.process_time_ns()
            started = time.perf_counter()
            outcome = workload.run(query)
            workload.timings.append((time.perf_counter() - started) * 1000)
            cpu = time.process_time_ns() - cpu_before
            server_after = _server_cpu_ns()
            if server_before is not None and server_after is not None:
                cpu += server_after - server_before
            workload.cpu.append(cpu / 1e6)
            workload.hits.append(outcome)


def _server_cpu_ns() -> int | None:
    return server_cpu_ns(connection)


def explain(workload: Workload, query: str) -> list[tuple[str, str]]:
    """(SQL, EXPLAIN (ANALYZE, BUFFERS) output) of every statement one call runs."""
    from apps.core import prepared

    # A statement the server prepares is logged without its text (apps/core/prepared.py):
    # the call is made without preparing, so that each statement can be explained.
    enabled, prepared.ENABLED = prepared.ENABLED, False
    try:
        with CaptureQueriesContext(connection) as captured:
            workload.run(query)
    finally:
        prepared.ENABLED = enabled
    plans = []
    with transaction.atomic(), connection.cursor() as cursor:
        for executed in captured.captured_queries:
            sql = executed["sql"]
            if not sql.lstrip().startswith(("SELECT", "(", "WITH")):
                continue  # BEGIN, COMMIT, savepoints
            if sql.startswith("SELECT set_config"):
                cursor.execute(sql)  # the same settings as the call had
                plans.append((sql, ""))
                continue
            cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS) {sql}")
            plans.append((sql, "\n".join(row[0] for row in cursor.fetchall())))
    return plans


INDEX_IN_PLAN = re.compile(r"(?:Index Scan|Index Only Scan|Bitmap Index Scan) (?:using|on) (\S+)")
TIME_IN_PLAN = re.compile(r"Execution Time: ([0-9.]+) ms")


def plan_summary(plan: str) -> str:
    indexes = sorted(set(INDEX_IN_PLAN.findall(plan)))
    execution = TIME_IN_PLAN.search(plan)
    took = f"{float(execution.group(1)):.1f} ms" if execution else "?"
    used = ", ".join(indexes) if indexes else "no index"
    seq = " SEQ SCAN" if "Seq Scan" in plan else ""
    return f"{took}; indexes: {used}{seq}"
