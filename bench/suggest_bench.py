"""Suggestions as the reader types (apps/search/suggest.py), measured on the data in the
database: p50/p95/p99 of suggest() per workload, in process, one call at a time, and how
often a suggestion of the kind holds the word the letters were taken from (*found*: the
completion or the correction was right; with many speakers of one surname, which of them
is shown is not judged).

Workloads, drawn from published speakers and claims (seeded):
- name_2 … name_5: the first 2 to 5 letters of a published speaker's surname;
- two_words: a speaker's first name, then the first 3 letters of their surname;
- claim_word: the first 4 letters of a word of 6 or more in a published claim's statement;
- typo: a surname's first 5 letters (or all of a shorter one) with one edit after the
  first letter: a letter substituted, left out, doubled, or two neighbours swapped.
"""

import random
import re
import time
from dataclasses import dataclass, field

from django.db import connection, reset_queries

from apps.claims.models import Claim
from apps.search.suggest import suggest
from apps.speakers.models import Speaker
from bench.harness import percentile

LETTERS = "abcdefghijklmnopqrstuvwxyz"


@dataclass
class Workload:
    name: str
    cases: list[tuple[str, str, str]]  # (q, kind wanted, the word the letters come from)
    times: list[float] = field(default_factory=list)
    found: int = 0
    queries: int = 0


def _typo(word: str, rng: random.Random) -> str:
    head = word[:5]
    at = rng.randrange(1, len(head))
    edit = rng.choice(("substitute", "leave out", "double", "swap"))
    if edit == "substitute":
        other = rng.choice([letter for letter in LETTERS if letter != head[at]])
        return head[:at] + other + head[at + 1 :]
    if edit == "leave out":
        return head[:at] + head[at + 1 :]
    if edit == "double":
        return head[:at] + head[at] + head[at:]
    at = min(at, len(head) - 2)
    if head[at] == head[at + 1]:
        return head[:at] + head[at + 1 :]
    return head[:at] + head[at + 1] + head[at] + head[at + 2 :]


def build_workloads(*, per_kind: int = 50, seed: int = 0) -> list[Workload]:
    rng = random.Random(seed)
    speakers = Speaker.objects.public().order_by("pk").values_list("pk", "name")
    speakers = rng.sample(list(speakers), min(per_kind * 4, len(speakers)))
    speakers = [(pk, name.split()) for pk, name in speakers if len(name.split()) >= 2]
    speakers = [(pk, words) for pk, words in speakers if words[-1].isalpha()]
    claim_ids = list(Claim.objects.public().order_by("pk").values_list("pk", flat=True))
    chosen = rng.sample(claim_ids, min(per_kind, len(claim_ids)))
    claims = Claim.objects.filter(pk__in=chosen).order_by("pk").values_list("pk", "statement")
    workloads = [
        Workload(
            f"name_{size}",
            [(words[-1][:size], "speaker", words[-1]) for _, words in speakers[:per_kind]],
        )
        for size in (2, 3, 4, 5)
    ]
    workloads.append(
        Workload(
            "two_words",
            [
                (f"{words[0]} {words[-1][:3]}", "speaker", " ".join(words))
                for _, words in speakers[:per_kind]
            ],
        )
    )
    claim_cases = []
    for _, statement in claims:
        words = [word for word in statement.split() if word.isalpha() and len(word) >= 6]
        if words:
            word = rng.choice(words)
            claim_cases.append((word[:4], "claim", word))
    workloads.append(Workload("claim_word", claim_cases))
    typo_cases = [
        (_typo(words[-1].lower(), rng), "speaker", words[-1])
        for _, words in speakers[:per_kind]
        if len(words[-1]) >= 5
    ]
    workloads.append(Workload("typo", typo_cases))
    return workloads


def _holds(label: str, wanted: str) -> bool:
    """Whether `label` holds the words `wanted`, whole (case aside)."""
    return re.search(rf"(?<!\w){re.escape(wanted)}(?!\w)", label, re.IGNORECASE) is not None


def run(workloads: list[Workload], *, rounds: int = 3) -> None:
    for workload in workloads:
        for q, _, _ in workload.cases[:3]:  # warm up
            suggest(q)
        for _ in range(rounds):
            for q, _kind, _pk in workload.cases:
                reset_queries()
                start = time.perf_counter()
                found = suggest(q)
                workload.times.append((time.perf_counter() - start) * 1000)
                workload.queries = max(workload.queries, len(connection.queries))
        for q, kind, wanted in workload.cases:
            found = suggest(q)
            workload.found += any(
                item.kind == kind and _holds(item.label, wanted) for item in found.items
            )


def report(workloads: list[Workload]) -> list[str]:
    lines = [
        f"{'workload':<12} {'cases':>5} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} "
        f"{'found':>6} {'queries':>7}"
    ]
    for w in workloads:
        lines.append(
            f"{w.name:<12} {len(w.cases):>5} {percentile(w.times, 50):>8.1f} "
            f"{percentile(w.times, 95):>8.1f} {percentile(w.times, 99):>8.1f} "
            f"{w.found / max(1, len(w.cases)):>6.2f} {w.queries or '-':>7}"
        )
    return lines
