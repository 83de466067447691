"""Who a text names: people and organisations, with their titles and (when told) gender.

The extractor reads the text outside quotations ("masked" text, same offsets) for runs of
capitalised words, strips titles off the front ("Iran's Foreign Minister Abbas Araqchi" is
Abbas Araqchi, titled "Iran's Foreign Minister"), keeps places out, and links a bare
surname to the full name used elsewhere in the text. Pronouns and titles used instead of a
name ("the foreign minister") are resolved against these mentions, most recent first.

What a mention is (`Entity`, `Mention`, folding words, places) is in entities.py; reading
a run of capitalised words as a name, and the words around it, in names.py; linking the
names once read (a shorter name to a fuller one, a birth name) and learning titles and
gender, in linking.py.
"""

import re
from bisect import bisect_left, bisect_right

from rapidfuzz import fuzz, process

from . import lexicon
from .entities import _POSSESSIVE, Entity, Mention, _add_form, fold, is_place, same_place
from .headlines import Headlines
from .lexicon import words
from .linking import NameLinks
from .names import (
    _NAME_SUFFIXES,
    _OWNED_BEFORE,
    _PARTICLES,
    _PERSON_AFTER,
    _WHICH_AFTER,
    NAME_RUN,
    ORGANISATION_WORDS,
    _after_article,
    _split_at_sentence_ends,
    _standalone_words,
    _unglued,
    join_bodies,
    parse_body,
    parse_run,
)
from .ner import reread_run

# Shared with the rest of the app: apps.ingest.speakers and speaker_facts fold words and
# compare places as the extractor does.
__all__ = ["Discourse", "Entity", "Mention", "fold", "is_place", "same_place"]

# A capitalised word alone, such as a title word that is also a surname ("King").
_TITLE_WORD_ALONE = re.compile(r"[A-Z][a-z]+")


def _ending_in_a_title_word(surface: str) -> bool:
    """Whether a run of two or three capitalised words that names no one could be a
    person's names and a surname that is a title word ("Gayle King", "Billie Jean King"):
    its other words no title, body, place or sentence word."""
    parts = surface.split()
    if not 2 <= len(parts) <= 3 or not all(_TITLE_WORD_ALONE.fullmatch(part) for part in parts):
        return False
    return fold(parts[-1]) in lexicon.TITLE_WORDS and all(
        fold(part) not in lexicon.TITLE_WORDS
        and fold(part) not in lexicon.NOT_NAMES
        and fold(part) not in lexicon.NON_PERSON_WORDS
        and fold(part) not in ORGANISATION_WORDS
        and not is_place(part)
        for part in parts[:-1]
    )


# How many mentions back a pronoun or a title used instead of a name is looked for: far
# more than any article needs (a paragraph names a handful), and what keeps resolving each
# one bounded however many names a long text holds.
LOOKBACK = 250

# He, him, his, she and her in a title given beside a name mostly stand for someone else
# (`Kellyanne Conway, the campaign manager who helped him win`, `Steve Bannon, his chief
# strategist`): no cue to the named person's gender (issue 19, round 22). The title's own
# words still are (`the spokeswoman who…`); an unknown gender matches either pronoun.
_SOMEONE_ELSES = words("he him his she her hers")


def _own_words(title: str) -> list[str]:
    """A title's words that may tell the gender of the person it is given to."""
    return [word for word in title.split() if fold(word) not in _SOMEONE_ELSES]


class Discourse(NameLinks):
    """The named entities of one text, and the positions where each is mentioned."""

    def __init__(self, masked: str, directory=None, people=None):
        self.masked = masked
        self.directory = directory
        # The PERSON spans a learned model finds in the text (ner.EntityIndex), which cut
        # the names the rules read; None reads names by the rules alone.
        self.people = people
        self.entities: dict[str, Entity] = {}
        self.mentions: list[Mention] = []
        # People named in full (two words or more), in the order they were met, with their
        # first and last names folded: what `by_surname` looks a word up in.
        self._people: list[Entity] = []
        self._first_names: list[str] = []
        self._last_names: list[str] = []
        self._by_first: dict[str, list[int]] = {}  # first name: indexes in _people
        self._by_last: dict[str, list[int]] = {}
        self._surnames: dict[str, tuple[Entity | None, float, int]] = {}
        self._read()
        self._index()

    # --- reading ---------------------------------------------------------------------

    def _read(self) -> None:
        standalone = _standalone_words(self.masked)
        runs = [
            run
            for m in NAME_RUN.finditer(self.masked)
            for run in _split_at_sentence_ends(m.start(), _unglued(m.group(), standalone))
        ]
        runs, bodies = join_bodies(self.masked, runs)
        parsed_runs = [
            parse_body(self.masked, start, end, surface)
            if start in bodies
            else self._parse_run(start, end, surface)
            for start, end, surface in runs
        ]
        # "Big Machine, which was bought out", "its Stadia Pro subscription": a thing, not a
        # person, wherever it is named.
        things = {
            parsed[4].casefold()
            for parsed in parsed_runs
            if parsed is not None
            and (
                _WHICH_AFTER.match(self.masked, parsed[1])
                or (
                    not parsed[3]
                    and " " in parsed[4]  # a single word is no one's name unless given in full
                    and _OWNED_BEFORE.search(self.masked, max(0, parsed[0] - 7), parsed[0])
                )
            )
        }
        pending_single, pending_opening, pending_titles = [], [], []
        title_ended: dict[str, tuple[int, int, str]] = {}  # "Gayle King", by its last word
        lower_words = None
        headlines, in_headlines = Headlines(self.masked), []
        for run, parsed in zip(runs, parsed_runs, strict=True):
            if headlines.holds(run[0]):
                in_headlines.append(run)
                continue
            if parsed is None:
                if _TITLE_WORD_ALONE.fullmatch(run[2]) and fold(run[2]) in lexicon.TITLE_WORDS:
                    pending_titles.append(run)
                elif _ending_in_a_title_word(run[2]):
                    title_ended.setdefault(fold(run[2].split()[-1]), run)
                continue
            start, end, surface, title, name, kind = parsed
            if kind == "person" and name.casefold() in things:
                kind = "organisation"
            if kind == "person" and not title and _after_article(self.masked, start):
                continue  # "the D.A. Davidson brokerage", "an Oklahoma Republican"
            name_words = name.split()
            if kind == "person" and len(name_words) == 2 and fold(name_words[0]) in _PARTICLES:
                name_words = name_words[1:]  # "De Miranda": Luis de Miranda's surname
                name = name_words[0]
            if kind == "person" and len(name_words) == 1 and not title:
                pending_single.append((start, end, surface, name))
                continue
            if (
                kind == "person"
                and len(name_words) == 2
                and not title
                and _opens(self.masked, start)
            ):
                if lower_words is None:
                    lower_words = frozenset(_LOWER_WORD.findall(self.masked))
                if name_words[0].casefold() in lower_words:
                    # "Once Fetter arrived": a word that opens the sentence, and that the
                    # text uses in lower case, before a surname; decided once every full
                    # name is known.
                    pending_opening.append((start, end, surface, name))
                    continue
            self._add(start, end, surface, name, kind, title)
        for start, end, surface, name in pending_opening:
            first, last = name.split()
            entity = self.by_surname(last)
            if (
                entity is not None
                and fold(entity.name.split()[0]) != fold(first)
                and fold(first) not in lexicon.FEMALE_WORDS | lexicon.MALE_WORDS
            ):
                start = self.masked.index(last, start + len(first))
                pending_single.append((start, end, last, last))
            else:
                self._add(start, end, surface, name, "person", "")
        for start, end, _ in in_headlines:
            self._read_headline_run(start, end)
        # A bare capitalised word is a person only when it is a surname the text gives in
        # full, or a name the speaker directory knows; it is a body when it begins the name
        # of one body the text gives in full (`Massy` is `Massy Stores`, `Microsoft` is
        # `Microsoft Corp`).
        bodies: dict[str, list[Entity]] = {}
        for entity in self.entities.values():
            if entity.kind == "organisation" and " " in entity.name:
                bodies.setdefault(fold(entity.name.split()[0]), []).append(entity)
        for start, end, surface, name in pending_single:
            entity = self.by_surname(name)
            body = bodies.get(fold(name), [])
            if entity is None and len(body) == 1:
                self.mentions.append(Mention(start, end, surface, body[0]))
                continue
            if entity is None and self.directory is not None and self.directory.knows(name):
                entity = self._entity(name, "person")
            if entity is None and _PERSON_AFTER.match(self.masked, end):
                # "Maria, 34, who asked that her last name not be used": a first name.
                entity = self._entity(name, "person")
                self._learn_gender(entity, [name])
            if entity is not None:
                _add_form(entity, "", name)
                self.mentions.append(Mention(start, end, surface, entity))
        for start, end, surface in pending_titles:
            # "King asked Scott" after "Gayle King": a title word alone is the surname of
            # a person the text names in full (never a title's guess at someone else).
            entity = self.by_surname(surface)
            if entity is None and fold(surface) in title_ended:
                # "Gayle King" read as a title without a name, until the text calls her
                # "King": then it was a first name and a surname.
                full_start, full_end, full = title_ended.pop(fold(surface))
                entity = self._entity(full, "person")
                self.mentions.append(Mention(full_start, full_end, full, entity))
            if entity is not None and fold(entity.name.split()[-1]) == fold(surface):
                self.mentions.append(Mention(start, end, surface, entity))
        self._link_shorter_names()
        self.mentions.sort(key=lambda mention: mention.start)
        self._link_birth_names()
        self._learn_appositives()
        self._learn_genders()

    def _read_headline_run(self, start: int, end: int) -> None:
        """A run of a line in Title Case (headlines.py), read only for the names the rest of
        the text gives, from its first word on, the longest first: words in a row that are
        a name read elsewhere, or a surname of a person named in full (`Rand Paul` and
        `Trump` in `Rand Paul Scores Direct Hit On Donald Trump`, when the article names
        Donald Trump); the run's other words name no one. (A full name given only there
        is not read: taking the words before a surname the text uses alone as the first
        names read `Slams Donald Trump` and `Celebrating Hillary Clinton` on PolNeAR's
        pages, and lost 7 spans of the tuned pages.)"""
        tokens = [
            (start + match.start(), _POSSESSIVE.sub("", match.group()).rstrip(".,:;"))
            for match in _HEADLINE_WORD.finditer(self.masked, start, end)
        ]
        at = 0
        while at < len(tokens):
            for until in range(min(len(tokens), at + _HEADLINE_NAME_WORDS), at, -1):
                name_start = tokens[at][0]
                name_end = tokens[until - 1][0] + len(tokens[until - 1][1])
                surface = self.masked[name_start:name_end]
                name = " ".join(word for _, word in tokens[at:until])
                entity = self.entities.get(name.casefold())
                if entity is None and until == at + 1:
                    person = _first_from(self._by_last.get(fold(name), []), 0)
                    entity = self._people[person] if person is not None else None
                if entity is not None:
                    self.mentions.append(Mention(name_start, name_end, surface, entity))
                    at = until
                    break
            else:
                at += 1

    def _parse_run(self, start: int, end: int, surface: str):
        parsed = parse_run(self.masked, start, end, surface)
        if self.people is None:
            return parsed
        return reread_run(self.masked, start, end, parsed, self.people)

    def _add(self, start, end, surface, name, kind, title) -> None:
        entity = self._entity(name, kind)
        if title and title not in entity.titles:
            entity.titles.append(title)
        self._learn_gender(entity, [*title.split(), *name.split()[:1]])
        _add_form(entity, title, name)
        self.mentions.append(Mention(start, end, surface, entity))

    def _entity(self, name: str, kind: str) -> Entity:
        key = name.casefold()
        if key not in self.entities:
            # A surname or shorter form of a name the text already gives in full is that
            # person ("Putin" after "Vladimir Putin").
            existing = self.by_surname(name) if len(name.split()) == 1 else None
            if existing is not None:
                return existing
            entity = self.entities[key] = Entity(name=name, kind=kind)
            parts = [fold(part) for part in name.split()]
            while len(parts) > 2 and parts[-1] in _NAME_SUFFIXES:
                parts = parts[:-1]  # "James P. Kennedy Jr.": the surname is Kennedy
            if kind == "person" and len(parts) >= 2:
                self._by_first.setdefault(parts[0], []).append(len(self._people))
                self._by_last.setdefault(parts[-1], []).append(len(self._people))
                self._people.append(entity)
                self._first_names.append(parts[0])
                self._last_names.append(parts[-1])
        return self.entities[key]

    @staticmethod
    def _learn_gender(entity: Entity, words) -> None:
        for word in words:
            folded = fold(word)
            if folded in lexicon.FEMALE_WORDS:
                entity.gender = entity.gender or "f"
            elif folded in lexicon.MALE_WORDS:
                entity.gender = entity.gender or "m"

    def learn_title(self, entity: Entity, title: str) -> None:
        title = title.strip(" ,")
        if title and title not in entity.titles:
            entity.titles.append(title)
            self._learn_gender(entity, _own_words(title))

    def learn_gender(self, entity: Entity, pronoun: str) -> None:
        if entity.kind == "person" and entity.gender is None:
            entity.gender = {"he": "m", "she": "f"}.get(pronoun.casefold())

    # --- looking up ------------------------------------------------------------------

    def by_surname(self, word: str) -> Entity | None:
        """The person whose full name ends (or begins) with `word`, typos allowed in
        longer surnames ("Lindqvst" for Lindqvist): the best match, the first named of
        equals.

        The people of the text are only ever added to, so each word's answer is kept with
        how many people it has seen; asking again looks only at people named since.
        """
        word = fold(word)
        found, best, seen = self._surnames.get(word, (None, 0.0, 0))
        if seen < len(self._people) and best < 1.0:  # nobody named later beats a surname
            for index, score in self._surname_scores(word, seen):
                if score > best:
                    found, best = self._people[index], score
            self._surnames[word] = (found, best, len(self._people))
        return found

    def _surname_scores(self, word: str, start: int) -> list[tuple[int, float]]:
        """(index, score) of the people from `start` on who may be the best match, in
        order: 1 for the surname, else 0.99 for the first name, else the similarity of the
        surname (from 0.85, for words of five letters or more). Of people with the same
        exact match, only the first can win, so only the first is given."""
        last = _first_from(self._by_last.get(word, []), start)
        if last is not None:
            return [(last, 1.0)]  # the best there is: no need to look further
        scores: dict[int, float] = {}
        if len(word) >= 5:
            # rapidfuzz scores the lot in C; its cut-off only saves work, the test below is
            # the rule.
            for _, ratio, index in process.extract(
                word,
                self._last_names[start:],
                scorer=fuzz.ratio,
                processor=None,
                score_cutoff=84,
                limit=None,
            ):
                if ratio / 100 >= 0.85 and self._first_names[start + index] != word:
                    scores[start + index] = ratio / 100
        first = _first_from(self._by_first.get(word, []), start)
        if first is not None:
            scores[first] = 0.99
        return sorted(scores.items())

    # --- looking up by position --------------------------------------------------------

    def _index(self) -> None:
        """Index the mentions (in order, none overlapping another) by position and kind."""
        self._starts = [mention.start for mention in self.mentions]
        self._ends = []  # the furthest end of the mentions up to each one
        furthest = -1
        for mention in self.mentions:
            furthest = max(furthest, mention.end)
            self._ends.append(furthest)
        self._by_kind: dict[str, list[int]] = {}
        for index, mention in enumerate(self.mentions):
            self._by_kind.setdefault(mention.entity.kind, []).append(index)

    def mention_at(self, start: int, end: int) -> Mention | None:
        """The mention overlapping [start, end), if any (the first, in order)."""
        # The first mention ending after `start`; it overlaps if it starts before `end`
        # (those after it start later still).
        at = bisect_right(self._ends, start)
        if at < len(self.mentions) and self.mentions[at].start < end:
            return self.mentions[at]
        return None

    def mentions_between(self, after: int, before: int) -> list[Mention]:
        """The mentions starting after `after` and before `before`, in order."""
        low = bisect_right(self._starts, after)
        return self.mentions[low : max(low, bisect_left(self._starts, before))]

    def _recent(self, before: int, indexes: list[int] | None = None):
        """The mentions starting before `before` (the latest first, at most LOOKBACK of
        them), among `indexes` (positions in `mentions`, in order) if given."""
        last = bisect_left(self._starts, before)
        if indexes is None:
            low = max(0, last - LOOKBACK)
            return (self.mentions[at] for at in range(last - 1, low - 1, -1))
        top = bisect_left(indexes, last)
        low = max(0, top - LOOKBACK)
        return (self.mentions[indexes[at]] for at in range(top - 1, low - 1, -1))

    def last_before(self, position: int, *, kinds=("person",), gender=None) -> Entity | None:
        """The last entity of one of `kinds` mentioned before `position` (among the last
        LOOKBACK mentions of those kinds).

        With a gender (from he/she), people known to be of the other gender are passed
        over; people of unknown gender match either.
        """
        indexes = self._by_kind.get(kinds[0], []) if len(kinds) == 1 else None
        for mention in self._recent(position, indexes):
            if mention.end > position or mention.entity.kind not in kinds:
                continue
            if gender and mention.entity.gender not in (None, gender):
                continue
            return mention.entity
        return None

    def people_before(self, position: int):
        """The people mentioned before `position`, the latest first (at most LOOKBACK)."""
        for mention in self._recent(position, self._by_kind.get("person", [])):
            if mention.end <= position:
                yield mention

    def by_title(self, title: str, position: int) -> Entity | None:
        """The person the text titled like `title` ("the Russian President"), latest first
        (among the last LOOKBACK mentions)."""
        words = [fold(word) for word in title.split() if fold(word) not in ("the", "a", "an")]
        # "the leader of the council": the head comes before "of".
        link = next(
            (at for at, word in enumerate(words) if word in ("of", "for", "at", "from")), None
        )
        if link:
            words = words[:link]
        if not words:
            return None
        head, others = words[-1], words[:-1]
        # "The PAHO Director": the acronym of a body the text names says whose director,
        # not a word of the person's title (`Pan American Health Organization (PAHO)
        # Director Carissa F. Etienne` is titled "Director").
        bodies = {
            fold(word)
            for word in title.split()
            if len(word) >= 2 and word.isupper() and self.by_acronym(word) is not None
        }
        others = [word for word in others if word not in bodies]
        if head in lexicon.ORGANISATION_NOUNS:
            return self._organisation(head, position, others)
        for mention in self._recent(position + 1):
            entity = mention.entity
            known = entity.title_words()
            if head not in known and not (head in _GENERIC_HEADS and known & _LEADING_OFFICES):
                continue  # "the Russian leader" is Russia's president or prime minister
            if all(word in known or any(same_place(word, k) for k in known) for word in others):
                return entity
        if head in lexicon.UNNAMED_PEOPLE and not others:
            # "the doctors stated", where the text names "Doctors for Camp Closure": the
            # body whose name says who its members are.
            for mention in self._recent(position + 1, self._by_kind.get("organisation", [])):
                if head in (fold(word) for word in mention.entity.name.split()):
                    return mention.entity
        return None

    def _organisation(self, head: str, position: int, others=()) -> Entity | None:
        """The organisation "the company" or "the ministry" means, among the last LOOKBACK
        organisations named: the one named most often (the article's subject more than a
        passing name), a name that says what it is (`the ministry` → the Interior Ministry;
        `the production company` → Dick Clark Productions) counting as three mentions more;
        the latest of equals."""
        counts: dict[int, int] = {}
        latest: list[Entity] = []
        described = {_singular(word) for word in (head, *others)}
        for mention in self._recent(position + 1, self._by_kind.get("organisation", [])):
            entity = mention.entity
            if id(entity) not in counts:
                latest.append(entity)
                named = any(_singular(fold(word)) in described for word in entity.name.split())
                counts[id(entity)] = 3 if named else 0
            counts[id(entity)] += 1
        if not latest:
            return None
        return max(latest, key=lambda entity: counts[id(entity)])  # max keeps the first


# A head noun a text uses for whoever holds a leading office: "the Russian leader".
_GENERIC_HEADS = words("leader")


_LEADING_OFFICES = words("president prime premier chancellor king queen emperor emir")


def _singular(word: str) -> str:
    """A noun without its plural's s: "productions" is "production"."""
    return word[:-1] if len(word) > 3 and word.endswith("s") and not word.endswith("ss") else word


_HEADLINE_WORD = re.compile(r"\S+")
# The most words a name in a headline is looked for in (`Lt. Gen. Michael T. Flynn`).
_HEADLINE_NAME_WORDS = 6
_LOWER_WORD = re.compile(r"(?<![\w’'\-])[a-z]+(?![\w’'\-])")


def _opens(masked: str, start: int) -> bool:
    """Whether a sentence (or the text, or a line) opens at `start`."""
    before = masked[max(0, start - 3) : start].rstrip(" \t\"“”‘’'")
    return not before or before[-1] in ".!?\n:"


def _first_from(indexes: list[int], start: int) -> int | None:
    """The first of the (ascending) `indexes` from `start` on."""
    at = bisect_left(indexes, start)
    return indexes[at] if at < len(indexes) else None
