"""Suggestions as a reader types: public speakers (by name or alias), topics and claims
whose words begin with what was typed, a typo allowed in the word being typed.

The last word typed is a prefix, the words before it whole words. The prefix is completed
from the vocabulary of the public record (apps/search/vocabulary.py: the most common words
beginning with it), and a label matches when its words hold the earlier words and one
beginning with the prefix or equal to one of its completions. The completions are needed
on PostgreSQL, whose search vectors hold English stems: "immigra:*" does not find the
stem "immigr" of "immigrants", "immigrants" does.

A prefix that begins no word of the vocabulary, from ONE_TYPO_FROM letters, is corrected:
the prefixes of vocabulary words within one edit of it (an insertion, deletion,
substitution or transposition, as in apps/search/typos.py) are used instead, the most
common first. Like typos.py's ranking, the first letter is trusted: readers seldom mistype
it, and it lets the candidates be read by an index range.

Only the label is matched: a speaker's name or alias (weight A of their search vectors on
PostgreSQL), a claim's statement (on PostgreSQL a GIN index of its own, apps/claims/
migrations/0009; the FTS5 column on SQLite), a topic's name.

Queries: one to complete the prefix, two more to correct it when it begins no word, then
one per kind (speakers, topics, claims): at most six, whatever was typed.
"""

import re
from dataclasses import dataclass

from django.db import connection
from django.db.models import BooleanField, QuerySet
from django.db.models.expressions import RawSQL
from django.db.models.functions import Length
from rapidfuzz.distance import OSA

from apps.claims.models import Claim
from apps.search.kinds import ALIASES, KINDS
from apps.search.models import VocabularyWord
from apps.speakers.models import Speaker
from apps.topics.models import Topic

MAX_LENGTH = 100  # characters of `q`: a search box's worth of first letters
MAX_WORDS = 4  # only the last few words typed count
SHORTEST_PREFIX = 2  # letters of the word being typed before anything is suggested
ONE_TYPO_FROM = 4  # letters of the word being typed before one edit is allowed
COMPLETIONS = 12  # whole words a prefix stands for, the most common first
CORRECTIONS = 3  # corrected prefixes tried, the nearest and most common first
MAX_LIMIT = 10
CLAIM_CANDIDATES = 200  # matching claims read to choose the latest from (see _claims)
DEFAULT_LIMIT = 8
KIND_ORDER = ("speaker", "topic", "claim")
_WORD = re.compile(r"[^\W\d_]+")
CONFIG = "english"


@dataclass(frozen=True)
class Suggestion:
    kind: str  # one of KIND_ORDER
    object: Speaker | Topic | Claim

    @property
    def label(self) -> str:
        return self.object.statement if self.kind == "claim" else self.object.name


@dataclass(frozen=True)
class Suggestions:
    query: str  # as typed
    corrected: str | None  # the prefix used instead of the one typed, if corrected
    items: list[Suggestion]


@dataclass(frozen=True)
class _Terms:
    words: tuple[str, ...]  # whole words, every one required
    prefixes: tuple[str, ...]  # one of these begins a word, or
    completions: tuple[str, ...]  # one of these is a word


def suggest(query: str, *, limit: int = DEFAULT_LIMIT) -> Suggestions:
    """Up to `limit` public speakers, topics and claims for `query`, in that order of
    kinds (see `_shares` for how many of each). No query when `query` has no word of
    SHORTEST_PREFIX letters at its end."""
    words = [word.casefold() for word in _WORD.findall(query[:MAX_LENGTH])][-MAX_WORDS:]
    if not words or len(words[-1]) < SHORTEST_PREFIX:
        return Suggestions(query=query, corrected=None, items=[])
    *earlier, prefix = words
    corrected = None
    completions = _completions([prefix])
    prefixes = [prefix]
    # The prefix as typed is kept when corrected: topics are not in the vocabulary (_topics).
    if not completions and len(prefix) >= ONE_TYPO_FROM and (nearby := _corrected_prefixes(prefix)):
        corrected = nearby[0]
        prefixes += nearby
        completions = _completions(nearby)
    terms = _Terms(tuple(earlier), tuple(prefixes), tuple(completions))
    found = {
        "speaker": list(_speakers(terms)[:limit]),
        "topic": _topics(terms, limit),
        "claim": list(_claims(terms)[:limit]),
    }
    taken = _shares({kind: len(objects) for kind, objects in found.items()}, limit)
    items = [Suggestion(kind, obj) for kind in KIND_ORDER for obj in found[kind][: taken[kind]]]
    return Suggestions(query=query, corrected=corrected, items=items)


def _shares(available: dict[str, int], limit: int) -> dict[str, int]:
    """How many of each kind to show: half the places for speakers, a quarter for topics,
    the rest for claims; places a kind cannot fill go to the others, in KIND_ORDER."""
    share = {"speaker": limit - limit // 2, "topic": limit // 4}
    share["claim"] = limit - share["speaker"] - share["topic"]
    taken = {kind: min(available[kind], share[kind]) for kind in KIND_ORDER}
    left = limit - sum(taken.values())
    for kind in KIND_ORDER:
        more = min(left, available[kind] - taken[kind])
        taken[kind] += more
        left -= more
    return taken


# --- the vocabulary -------------------------------------------------------------------


def _after(prefix: str) -> str:
    """The least string greater than every string beginning with `prefix`."""
    return prefix[:-1] + chr(ord(prefix[-1]) + 1)


def _begins(prefixes: list[str]) -> tuple[str, list[str]]:
    """SQL: a vocabulary word begins with one of `prefixes`, as ranges of the unique index
    on `word` (LIKE would not use it on PostgreSQL without the C collation)."""
    sql = " OR ".join(["(word >= %s AND word < %s)"] * len(prefixes))
    return f"({sql})", [bound for prefix in prefixes for bound in (prefix, _after(prefix))]


def _completions(prefixes: list[str]) -> list[str]:
    """The most common words of the vocabulary that begin with one of `prefixes`."""
    condition, params = _begins(prefixes)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT word FROM {VocabularyWord._meta.db_table} WHERE {condition} "
            "ORDER BY documents DESC, word LIMIT %s",
            [*params, COMPLETIONS],
        )
        # The range holds what the collation sorts there: keep true prefixes only.
        return [word for (word,) in cursor.fetchall() if word.startswith(tuple(prefixes))]


def _corrected_prefixes(prefix: str) -> list[str]:
    """The beginnings of vocabulary words within one edit of `prefix` (see the module's
    docstring), nearest first, then the most common. One query: the words' first
    len(prefix) + 1 letters, grouped, among those with the same first letter."""
    size = len(prefix)
    condition, params = _begins([prefix[0]])
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT substr(word, 1, %s) AS head, sum(documents) "
            f"FROM {VocabularyWord._meta.db_table} WHERE {condition} AND length >= %s "
            "GROUP BY head",
            [size + 1, *params, size - 1],
        )
        heads = cursor.fetchall()
    # A substitution or transposition first, then a letter left out, then one too many
    # (what remains is then shorter than what was typed, and begins more words); the
    # beginnings of the most words of the public record first.
    ranks = {size: 0, size + 1: 1, size - 1: 2}
    found: dict[str, int] = {}
    for head, documents in heads:
        for cut in ranks:
            candidate = head[:cut]
            if len(candidate) < cut or candidate == prefix:
                continue
            if OSA.distance(prefix, candidate, score_cutoff=1) <= 1:
                found[candidate] = found.get(candidate, 0) + int(documents)
    return sorted(found, key=lambda c: (ranks[len(c)], -found[c], c))[:CORRECTIONS]


# --- the kinds --------------------------------------------------------------------------


def _tsquery(terms: _Terms, weight: str = "") -> str:
    """PostgreSQL: a to_tsquery() text for the terms, in a vector's `weight` if given. Every
    word is letters only (_WORD), so none can be an operator; quoted all the same."""
    either = [f"'{prefix}':*{weight}" for prefix in terms.prefixes]
    either += [f"'{word}':{weight}" for word in terms.completions]
    return " & ".join([*(f"'{word}':{weight}" for word in terms.words), f"({' | '.join(either)})"])


def _fts5(terms: _Terms, column: str) -> str:
    """SQLite: an FTS5 MATCH expression for the terms, in `column` only."""
    either = [f'"{prefix}"*' for prefix in terms.prefixes]
    either += [f'"{word}"' for word in terms.completions]
    required = [f'"{word}"' for word in terms.words]
    return f"{column} : ({' AND '.join([*required, '(' + ' OR '.join(either) + ')'])})"


def _matching_ids(kind_table: str, fts_table: str, column: str, terms: _Terms, selected: str):
    """SQL selecting `selected` of the rows of `kind_table` whose `column` matches."""
    if connection.vendor == "postgresql":
        return (
            f"SELECT {selected} FROM {kind_table} "
            "WHERE search_vector @@ to_tsquery(%s::regconfig, %s)",
            [CONFIG, _tsquery(terms, "A")],
        )
    return (
        f"SELECT {selected} FROM {kind_table} "
        f"WHERE id IN (SELECT rowid FROM {fts_table} WHERE {fts_table} MATCH %s)",
        [_fts5(terms, column)],
    )


def _speakers(terms: _Terms) -> QuerySet:
    """Public speakers with a name or an alias that matches: those whose name matches
    first (an alias such as "the Austria Senator" is a weaker reason), then the shortest
    names (the closest to what was typed)."""
    by_name, name_params = _matching_ids(
        KINDS["speaker"].table, KINDS["speaker"].fts_table, "name", terms, "id"
    )
    by_alias, alias_params = _matching_ids(
        ALIASES.table, ALIASES.fts_table, "name", terms, "speaker_id"
    )
    table = Speaker._meta.db_table
    return (
        Speaker.objects.public()
        .filter(
            RawSQL(
                f'"{table}"."id" IN ({by_name} UNION {by_alias})',
                [*name_params, *alias_params],
                output_field=BooleanField(),
            )
        )
        .annotate(by_name=RawSQL(f'"{table}"."id" IN ({by_name})', name_params, BooleanField()))
        .only("id", "name", "slug")
        .order_by("-by_name", Length("name"), "name", "id")
    )


def _claims(terms: _Terms) -> QuerySet:
    """Public claims whose statement matches: the latest of the first CLAIM_CANDIDATES
    that the full-text index finds (in no order). Bounded so, the index answers and only
    that many rows are read and sorted; asked for the latest of all matches, PostgreSQL may
    walk the claims newest first testing each (250 ms at 1,000,000 quotes for a rare name)."""
    # Unqualified columns: the condition is on the subquery's own rows (aliased U0), and
    # "claims_claim"."id" there would name the outer query's.
    if connection.vendor == "postgresql":
        # The expression of the index claim_public_statement_words (apps/claims/migrations/
        # 0009): the statement's words alone, of public claims.
        condition = RawSQL(
            "to_tsvector('english'::regconfig, statement) @@ to_tsquery(%s::regconfig, %s)",
            [CONFIG, _tsquery(terms)],
            output_field=BooleanField(),
        )
    else:
        fts = KINDS["claim"].fts_table
        condition = RawSQL(
            f"id IN (SELECT rowid FROM {fts} WHERE {fts} MATCH %s)",
            [_fts5(terms, "statement")],
            output_field=BooleanField(),
        )
    found = Claim.objects.public().filter(condition).order_by().values("pk")[:CLAIM_CANDIDATES]
    return (
        Claim.objects.filter(pk__in=found)
        .only("id", "statement", "slug")
        .order_by("-published_at", "-id")
    )


def _topics(terms: _Terms, limit: int) -> list[Topic]:
    """Topics with a name that matches, in alphabetical order. Topics are few (the
    editors' list of subjects, tens) and always public: all are read and matched here,
    a typo in the prefix allowed as for the other kinds."""
    found = []
    for topic in Topic.objects.only("id", "name", "slug").order_by("name", "id"):
        names = [word.casefold() for word in _WORD.findall(topic.name)]
        if all(word in names for word in terms.words) and any(
            name.startswith(terms.prefixes) or name in terms.completions for name in names
        ):
            found.append(topic)
            if len(found) == limit:
                break
    return found
