"""How well search forgives typos, measured on the data in the database
(`manage.py evaluate_typos`; the figures are in docs/search.md, "Typos").

The typo set is made from the public record itself, seeded:
- names: a public speaker's name (or alias) with one of its words misspelt; the intended
  object is the speaker;
- words: the two rarest words of a public claim or quote (by the vocabulary's document
  counts) with one of them misspelt; the intended object is the claim or quote;
- common: real misspellings readers make (COMMON_MISSPELLINGS) of words the record holds;
  the intended object is the first hit of the word spelt right.
A misspelling is one edit (insertion, deletion, substitution or transposition of two
neighbours) in a word of 5 to 8 letters, one or two from 9, never on the first letter
(readers seldom mistype it), and never a word the vocabulary holds (a real-word error
cannot be told from what the reader meant). Only queries whose words as typed rank their
object in the first 10 are kept, so that the typo figures measure the typo alone.

Recall@10: how often the intended object is among the first 10 results; MRR: the mean of
1/rank (0 when not in the first 10).
"""

import random
import re
import statistics
import string
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from apps.claims.models import Claim
from apps.quotes.models import Quote
from apps.search.models import VocabularyWord
from apps.search.selectors import search, search_forgiving
from apps.search.typos import TWO_TYPOS_FROM
from apps.search.vocabulary import words_of
from apps.speakers.models import Speaker, SpeakerAlias

TOP = 10
EDITS = ("insertion", "deletion", "substitution", "transposition")
# Misspellings readers make, and what they meant: common English ones (Wikipedia's list of
# common misspellings, Oxford's) and names in the news.
COMMON_MISSPELLINGS = {
    "Isreal": "Israel",
    "goverment": "government",
    "govenment": "government",
    "recieve": "receive",
    "immigrnts": "immigrants",
    "imigrants": "immigrants",
    "Puttin": "Putin",
    "Putn": "Putin",
    "Vladmir": "Vladimir",
    "Tehren": "Tehran",
    "Ukrane": "Ukraine",
    "Rusia": "Russia",
    "Russain": "Russian",
    "Amercia": "America",
    "presidnet": "president",
    "presedent": "president",
    "ceasfire": "ceasefire",
    "seperate": "separate",
    "definately": "definitely",
    "occured": "occurred",
    "untill": "until",
    "beleive": "believe",
    "foriegn": "foreign",
    "millon": "million",
    "nuclaer": "nuclear",
    "sanctins": "sanctions",
    "econmy": "economy",
    "enviroment": "environment",
    "parliment": "parliament",
    "minsiter": "minister",
    "refugess": "refugees",
    "temperture": "temperature",
    "accomodate": "accommodate",
    "wich": "which",
    "thier": "their",
    "negotations": "negotiations",
    "militray": "military",
    "popluation": "population",
    "statment": "statement",
    "countires": "countries",
    "elecion": "election",
    "inflaton": "inflation",
    "unemployement": "unemployment",
    "hospitial": "hospital",
    "interveening": "intervening",
    "conflit": "conflict",
    "Trum": "Trump",
    "Donlad": "Donald",
}


@dataclass(frozen=True)
class Case:
    group: str  # names, words, common
    query: str  # the words spelt right
    typo: str
    intended: tuple[str, int]  # (kind, pk)


@dataclass
class Figures:
    cases: int = 0
    exact_ranks: list[int | None] = field(default_factory=list)
    typo_ranks: list[int | None] = field(default_factory=list)
    corrected: int = 0
    typo_ms: list[float] = field(default_factory=list)

    @staticmethod
    def recall(ranks) -> float:
        return sum(rank is not None for rank in ranks) / len(ranks) if ranks else 0.0

    @staticmethod
    def mrr(ranks) -> float:
        return sum(1 / rank for rank in ranks if rank) / len(ranks) if ranks else 0.0

    def row(self, name: str) -> dict:
        ms = sorted(self.typo_ms)
        return {
            "group": name,
            "queries": self.cases,
            "exact_recall": self.recall(self.exact_ranks),
            "exact_mrr": self.mrr(self.exact_ranks),
            "typo_recall": self.recall(self.typo_ranks),
            "typo_mrr": self.mrr(self.typo_ranks),
            "corrected": self.corrected,
            "typo_p50_ms": statistics.median(ms) if ms else 0.0,
            "typo_p95_ms": ms[min(len(ms) - 1, int(len(ms) * 0.95))] if ms else 0.0,
        }


def misspell(word: str, rng: random.Random, edits: int) -> str:
    """`word` with `edits` random edits, none on its first letter."""
    letters = list(word)
    for _ in range(edits):
        edit = rng.choice(EDITS)
        if len(letters) < 3:
            break
        at = rng.randrange(1, len(letters))
        if edit == "insertion":
            letters.insert(at, rng.choice(string.ascii_lowercase))
        elif edit == "deletion":
            del letters[at]
        elif edit == "substitution":
            letters[at] = rng.choice([c for c in string.ascii_lowercase if c != letters[at]])
        elif at < len(letters) - 1:
            letters[at], letters[at + 1] = letters[at + 1], letters[at]
        else:
            letters[at - 1], letters[at] = letters[at], letters[at - 1]
    typed = "".join(letters)
    return typed if word[:1].isupper() is False else typed[:1].upper() + typed[1:]


def _rank(results, intended: tuple[str, int]) -> int | None:
    for rank, hit in enumerate(results.hits, start=1):
        if (hit.kind, hit.object.pk) == intended:
            return rank
    return None


def build_cases(*, count: int = 300, seed: int = 0, sample: int = 2000) -> list[Case]:
    """At least `count` typo queries (fewer only if the record is too small to give them),
    and every common misspelling whose right spelling the record holds."""
    rng = random.Random(seed)
    known = set(VocabularyWord.objects.values_list("word", flat=True))
    documents = dict(VocabularyWord.objects.values_list("word", "documents"))

    names: list[tuple[str, tuple[str, int]]] = []
    public = Speaker.objects.public()
    for pk, name in public.order_by("pk").values_list("pk", "name")[:sample]:
        names.append((name, ("speaker", pk)))
    aliases = SpeakerAlias.objects.filter(speaker__in=public).order_by("pk")
    for pk, name in aliases.values_list("speaker_id", "name")[:sample]:
        names.append((name, ("speaker", pk)))

    contents: list[tuple[str, tuple[str, int]]] = []
    for kind, rows in (
        ("claim", Claim.objects.public().order_by("pk").values_list("pk", "statement")),
        ("quote", Quote.objects.public().order_by("pk").values_list("pk", "text")),
    ):
        for pk, text in rows[:sample]:
            words = sorted(
                (word for word in words_of(text) if len(word) >= 5 and word in documents),
                key=lambda word: (documents[word], word),
            )
            if len(words) >= 2:
                contents.append((" ".join(words[:2]), (kind, pk)))

    bases = [("names", query, intended) for query, intended in names] + [
        ("words", query, intended) for query, intended in contents
    ]
    rng.shuffle(bases)
    cases: list[Case] = []
    seen: set[str] = set()
    # Checked as they are reached: a round over a large record reaches only the first few.
    checked: dict[tuple, bool] = {}

    def finds(query: str, intended: tuple[str, int]) -> bool:
        if (query, intended) not in checked:
            checked[query, intended] = _finds(query, intended)
        return checked[query, intended]

    rounds = 0
    while bases and len(cases) < count and rounds < 20:
        rounds += 1
        for group, query, intended in bases:
            if not finds(query, intended):
                continue
            typo = _misspelt_query(query, rng, known)
            if typo and typo not in seen:
                seen.add(typo)
                cases.append(Case(group, query, typo, intended))
            if len(cases) >= count:
                break
    for typo, right in COMMON_MISSPELLINGS.items():
        if right.casefold() not in known or typo.casefold() in known:
            continue
        first = search(right, limit=1).hits
        if first:
            cases.append(Case("common", right, typo, (first[0].kind, first[0].object.pk)))
    return cases


def _finds(query: str, intended: tuple[str, int]) -> bool:
    return _rank(search(query, limit=TOP), intended) is not None


def _misspelt_query(query: str, rng: random.Random, known: set[str]) -> str | None:
    """`query` with one of its words of 5 letters or more misspelt, or None."""
    words = re.findall(r"\S+", query)
    eligible = [i for i, word in enumerate(words) if len(word) >= 5 and word.isalpha()]
    if not eligible:
        return None
    at = rng.choice(eligible)
    word = words[at]
    edits = rng.choice((1, 2)) if len(word) >= TWO_TYPOS_FROM else 1
    for _ in range(10):
        typo = misspell(word, rng, edits)
        if typo.casefold() != word.casefold() and typo.casefold() not in known:
            return " ".join([*words[:at], typo, *words[at + 1 :]])
    return None


def evaluate(
    cases: list[Case], *, progress: Callable[[int, int], None] | None = None
) -> list[dict]:
    """Recall@10 and MRR of the exact and the misspelt queries, by group and overall, with
    the wall-clock time of each misspelt query (search_forgiving, as the page and API)."""
    groups: dict[str, Figures] = {}
    overall = Figures()
    for number, case in enumerate(cases, start=1):
        exact = _rank(search(case.query, limit=TOP), case.intended)
        started = time.perf_counter()
        results = search_forgiving(case.typo, limit=TOP)
        elapsed = (time.perf_counter() - started) * 1000
        typo = _rank(results, case.intended)
        for figures in (groups.setdefault(case.group, Figures()), overall):
            figures.cases += 1
            figures.exact_ranks.append(exact)
            figures.typo_ranks.append(typo)
            figures.corrected += bool(results.corrected_query)
            figures.typo_ms.append(elapsed)
        if progress and number % 50 == 0:
            progress(number, len(cases))
    return [figures.row(name) for name, figures in sorted(groups.items())] + [overall.row("all")]


def misses(cases: list[Case], limit: int = 10) -> list[tuple[Case, str]]:
    """Some misspelt queries whose object was not found, with what they were corrected to."""
    found = []
    for case in cases:
        results = search_forgiving(case.typo, limit=TOP)
        if _rank(results, case.intended) is None:
            found.append((case, results.corrected_query))
            if len(found) == limit:
                break
    return found
