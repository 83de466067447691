"""Correcting a misspelt query: each word that is not in the vocabulary of the public
record (apps/search/vocabulary.py) becomes the nearest word of it within the typo budget.

One rule on both databases (`choose`); only how the candidates are found differs
(PostgreSQL: a trigram index over the vocabulary; SQLite: the words of the right lengths).

The budget grows with the word, as Meilisearch's and Typesense's do: no typo in a word
under 5 letters, one from 5, two from 9, counting the longer of the typed word and the
candidate, so that a letter left out of a 5-letter name ("Putn" for "Putin") is forgiven.
An edit is an insertion, a deletion, a substitution or a transposition of two neighbours
(optimal string alignment distance).
"""

import re
from dataclasses import dataclass
from itertools import product

from django.db import connection, transaction
from rapidfuzz import process
from rapidfuzz.distance import OSA

from apps.search.models import VocabularyWord
from apps.search.query import Term, parse

ONE_TYPO_FROM = 5
TWO_TYPOS_FROM = 9
# A word shorter than this is never corrected: even with the longer-word rule it could
# only gain one letter, and three-letter words are too many to guess between.
SHORTEST_CORRECTED = 4
# PostgreSQL: trigram similarity a candidate needs (pg_trgm's default is 0.3, which misses
# two typos in a short word: "ptuin" and "putin" share 2 trigrams of 10), and how many of
# the most similar are weighed.
SIMILARITY = 0.15
CANDIDATES = 200
# Corrections of a query tried at most (search_forgiving searches for each in turn until one
# finds something): a misspelt word often has several corrections within the budget, and
# only one of them stands beside the query's other words.
TRIES = 3
_CORRECTABLE = re.compile(r"[^\W\d_]+")


def budget(typed: str, candidate: str) -> int:
    """How many edits may turn `typed` into `candidate`."""
    length = max(len(typed), len(candidate))
    if length >= TWO_TYPOS_FROM:
        return 2
    return 1 if length >= ONE_TYPO_FROM else 0


def ranked(typed: str, candidates: list[tuple[str, int]]) -> list[str]:
    """The corrections of `typed` among (word, documents) candidates, best first: the
    fewest edits, then a word that keeps the first letter (readers seldom mistype it),
    then the word more objects hold, then alphabetical order. Only those within the
    budget."""
    typed = typed.casefold()
    keys = []
    # rapidfuzz's loop (in C) keeps what is within the largest budget; SQLite hands it every
    # word of a near length, tens of thousands.
    within = process.extract(
        typed,
        [word for word, _ in candidates],
        scorer=OSA.distance,
        score_cutoff=2,
        limit=None,
    )
    for word, distance, index in within:
        if distance > budget(typed, word) or word == typed:
            continue
        keys.append((distance, word[:1] != typed[:1], -candidates[index][1], word))
    return [key[3] for key in sorted(keys)]


def choose(typed: str, candidates: list[tuple[str, int]]) -> str | None:
    """The best correction of `typed` (see `ranked`), or None."""
    return next(iter(ranked(typed, candidates)), None)


@dataclass(frozen=True)
class Correction:
    query: str  # the corrected query, in the reader's syntax
    words: dict[str, str]  # typed word (as typed) -> its correction


def corrections(query: str, tries: int = TRIES) -> list[Correction]:
    """Up to `tries` corrections of `query`, best first: each word that the vocabulary does
    not hold replaced by one of its corrections (see `ranked`); the first takes each word's
    best, the next ones the next best combinations (fewest steps down the words' lists
    first). Empty when no word needs one or none has one. Excluded words (-word) are
    left as typed. Queries: one, plus one per word to correct (two on PostgreSQL)."""
    typed = []
    for term in parse(query):
        if isinstance(term, Term) and not term.excluded:
            typed += [word for word in term.words if _correctable(word)]
    if not typed:
        return []
    lowered = {word.casefold() for word in typed}
    known = set(VocabularyWord.objects.filter(word__in=lowered).values_list("word", flat=True))
    options: dict[str, list[str]] = {}
    for word in dict.fromkeys(typed):
        if word.casefold() in known:
            continue
        found = ranked(word, _candidates(word.casefold()))[:tries]
        if found:
            options[word] = [_cased_like(word, option) for option in found]
    if not options:
        return []
    combinations = sorted(
        product(*(range(len(found)) for found in options.values())),
        key=lambda steps: (sum(steps), steps),
    )[:tries]
    found = []
    for steps in combinations:
        words = {word: options[word][step] for word, step in zip(options, steps, strict=True)}
        corrected = query
        for word, replacement in words.items():
            corrected = re.sub(rf"(?<!\w){re.escape(word)}(?!\w)", replacement, corrected)
        found.append(Correction(query=corrected, words=words))
    return found


def correct(query: str) -> Correction | None:
    """The best correction of `query` (see `corrections`), or None."""
    return next(iter(corrections(query, tries=1)), None)


def _correctable(word: str) -> bool:
    return len(word) >= SHORTEST_CORRECTED and bool(_CORRECTABLE.fullmatch(word))


def _cased_like(typed: str, word: str) -> str:
    if typed.isupper() and len(typed) > 1:
        return word.upper()
    if typed[:1].isupper():
        return word[:1].upper() + word[1:]
    return word


def _candidates(word: str) -> list[tuple[str, int]]:
    """(word, documents) of the vocabulary that may be `word` misspelt."""
    shortest, longest = len(word) - 2, len(word) + 2
    table = VocabularyWord._meta.db_table
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with transaction.atomic():
                cursor.execute(
                    "SELECT set_config('pg_trgm.similarity_threshold', %s, true)",
                    [str(SIMILARITY)],
                )
                cursor.execute(
                    f"SELECT word, documents FROM {table} WHERE word %% %s "
                    "AND length BETWEEN %s AND %s "
                    "ORDER BY similarity(word, %s) DESC, word LIMIT %s",
                    [word, shortest, longest, word, CANDIDATES],
                )
                return cursor.fetchall()
        # No trigram index on SQLite: every word of a near length, scored by rapidfuzz in
        # choose() (tens of thousands of words take a few milliseconds).
        cursor.execute(
            f"SELECT word, documents FROM {table} WHERE length BETWEEN %s AND %s",
            [shortest, longest],
        )
        return cursor.fetchall()
