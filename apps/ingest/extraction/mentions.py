"""Who a text names: people and organisations, with their titles and (when told) gender.

The extractor reads the text outside quotations ("masked" text, same offsets) for runs of
capitalised words, strips titles off the front ("Iran's Foreign Minister Abbas Araqchi" is
Abbas Araqchi, titled "Iran's Foreign Minister"), keeps places out, and links a bare
surname to the full name used elsewhere in the text. Pronouns and titles used instead of a
name ("the foreign minister") are resolved against these mentions, most recent first.
"""

import re
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from . import lexicon
from .lexicon import words

_CAP = r"(?:[A-Z]\.(?:[A-Z]\.)+|[A-Z][\w’'\-]*\.?)"
_PARTICLE = r"(?:de|da|del|van|von|der|den|bin|ibn|al|el|la|le|of|the)"
NAME_RUN = re.compile(rf"(?<![\w’'\-]){_CAP}(?:[ \t]+(?:{_PARTICLE}[ \t]+)?{_CAP})*")
_POSSESSIVE = re.compile(r"[’']s$")

ORGANISATION_WORDS = words(
    """
    ministry council party bank department university agency organisation organization
    company corp inc ltd group committee court parliament assembly congress senate news
    times post journal airlines institute foundation association office army police
    commission authority energy union broadcaster network press reuters bureau service
    club league kremlin government fund pentagon
    """
)


def fold(word: str) -> str:
    """A word as the word lists hold it: lower case, without possessive or full stop."""
    return _POSSESSIVE.sub("", word).rstrip(".,").casefold()


def is_place(word: str) -> bool:
    word = fold(word)
    return word in lexicon.PLACES or word in lexicon.DEMONYMS or _demonym_like(word)


def _demonym_like(word: str) -> bool:
    return any(word.endswith(ending) for ending in lexicon.DEMONYM_ENDINGS) and (
        any(place.startswith(word[: max(4, len(word) - 3)]) for place in lexicon.PLACES)
    )


def same_place(a: str, b: str) -> bool:
    """'Russian' and 'Russia', 'Iran's' and 'Iranian', 'U.S.' and 'American'."""
    a, b = fold(a), fold(b)
    a, b = lexicon.DEMONYMS.get(a, a), lexicon.DEMONYMS.get(b, b)
    if a == b:
        return True
    shorter, longer = sorted((a, b), key=len)
    common = len(_common_prefix(a, b))
    return len(shorter) >= 4 and common >= len(shorter) - 1 and common >= len(longer) - 3


def _common_prefix(a: str, b: str) -> str:
    at = 0
    while at < min(len(a), len(b)) and a[at] == b[at]:
        at += 1
    return a[:at]


@dataclass
class Entity:
    """A person or organisation the text names, under its fullest name."""

    name: str
    kind: str  # "person" or "organisation"
    gender: str | None = None
    titles: list[str] = field(default_factory=list)

    @property
    def title(self) -> str:
        return self.titles[0] if self.titles else ""

    def title_words(self) -> set[str]:
        return {fold(word) for title in self.titles for word in title.split()}


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    surface: str
    entity: Entity


class Discourse:
    """The named entities of one text, and the positions where each is mentioned."""

    def __init__(self, masked: str, directory=None):
        self.masked = masked
        self.directory = directory
        self.entities: dict[str, Entity] = {}
        self.mentions: list[Mention] = []
        self._read()

    # --- reading ---------------------------------------------------------------------

    def _read(self) -> None:
        runs = [(m.start(), m.end(), m.group()) for m in NAME_RUN.finditer(self.masked)]
        pending_single = []
        for start, end, surface in runs:
            parsed = self._parse_run(start, end, surface)
            if parsed is None:
                continue
            start, end, surface, title, name, kind = parsed
            if kind == "person" and len(name.split()) == 1 and not title:
                pending_single.append((start, end, surface, name))
                continue
            self._add(start, end, surface, name, kind, title)
        # A bare capitalised word is a person only when it is a surname the text gives in
        # full, or a name the speaker directory knows.
        for start, end, surface, name in pending_single:
            entity = self.by_surname(name)
            if entity is None and self.directory is not None and self.directory.knows(name):
                entity = self._entity(name, "person")
            if entity is not None:
                self.mentions.append(Mention(start, end, surface, entity))
        self.mentions.sort(key=lambda mention: mention.start)
        self._learn_appositives()

    def _learn_appositives(self) -> None:
        """Titles given beside a name: "the Esterian prime minister, Ilya Varga," and
        "Ingrid Solberg, the port authority's chief executive,"."""
        for mention in self.mentions:
            if mention.entity.kind != "person":
                continue
            before = _APPOSITIVE_BEFORE.search(
                self.masked, max(0, mention.start - 90), mention.start
            )
            if before and _has_role(before.group(1)):
                self.learn_title(mention.entity, before.group(1))
            after = _APPOSITIVE_AFTER.match(self.masked, mention.end)
            if after and _has_role(after.group(1)):
                self.learn_title(mention.entity, after.group(1))

    def _parse_run(self, start: int, end: int, surface: str):
        tokens = surface.split()
        # Leading words that only begin a sentence ("When Putin", "Speaking").
        while tokens and fold(tokens[0]) in lexicon.NOT_NAMES:
            start = self.masked.index(tokens[0], start) + len(tokens[0])
            tokens = tokens[1:]
        if not tokens:
            return None
        if tokens[-1].endswith(".") and len(tokens[-1]) > 2 and not _is_initial(tokens[-1]):
            tokens[-1] = tokens[-1][:-1]
        if all(token.isupper() and len(token) > 1 for token in tokens):
            return None  # a dateline or an acronym
        surface = " ".join(tokens)
        start = self.masked.index(tokens[0], start)
        end = _end_of(self.masked, start, tokens)
        title_end = 0
        for index, token in enumerate(tokens[:-1]):
            folded = fold(token)
            if (
                folded in lexicon.TITLE_WORDS
                or _POSSESSIVE.search(token)
                or (is_place(token) and fold(tokens[index + 1]) not in ORGANISATION_WORDS)
            ):
                title_end = index + 1
        title = " ".join(tokens[:title_end])
        name_tokens = tokens[title_end:]
        if not name_tokens:
            return None
        name = _POSSESSIVE.sub("", " ".join(name_tokens))
        folded_words = {fold(word) for word in name_tokens}
        if folded_words & ORGANISATION_WORDS:
            return start, end, surface, title, name, "organisation"
        if folded_words & lexicon.NON_PERSON_WORDS or all(is_place(w) for w in name_tokens):
            return None
        if any(fold(word) in lexicon.TITLE_WORDS for word in name_tokens[-1:]):
            return None  # "Staff Reporter", "Foreign Minister": a title without a name
        return start, end, surface, title, name, "person"

    def _add(self, start, end, surface, name, kind, title) -> None:
        entity = self._entity(name, kind)
        if title and title not in entity.titles:
            entity.titles.append(title)
        self._learn_gender(entity, [*title.split(), *name.split()[:1]])
        self.mentions.append(Mention(start, end, surface, entity))

    def _entity(self, name: str, kind: str) -> Entity:
        key = name.casefold()
        if key not in self.entities:
            # A surname or shorter form of a name the text already gives in full is that
            # person ("Putin" after "Vladimir Putin").
            existing = self.by_surname(name) if len(name.split()) == 1 else None
            if existing is not None:
                return existing
            self.entities[key] = Entity(name=name, kind=kind)
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
            self._learn_gender(entity, title.split())

    def learn_gender(self, entity: Entity, pronoun: str) -> None:
        if entity.kind == "person" and entity.gender is None:
            entity.gender = {"he": "m", "she": "f"}.get(pronoun.casefold())

    # --- looking up ------------------------------------------------------------------

    def by_surname(self, word: str) -> Entity | None:
        """The person whose full name ends (or begins) with `word`, typos allowed in
        longer surnames ("Lindqvst" for Lindqvist)."""
        word = fold(word)
        found, best = None, 0.0
        for entity in self.entities.values():
            parts = [fold(part) for part in entity.name.split()]
            if entity.kind != "person" or len(parts) < 2:
                continue
            score = 1.0 if word == parts[-1] else 0.99 if word == parts[0] else 0.0
            if not score and len(word) >= 5:
                similarity = fuzz.ratio(word, parts[-1]) / 100
                score = similarity if similarity >= 0.85 else 0.0
            if score > best:
                found, best = entity, score
        return found

    def mention_at(self, start: int, end: int) -> Mention | None:
        """The mention overlapping [start, end), if any."""
        for mention in self.mentions:
            if mention.start < end and start < mention.end:
                return mention
        return None

    def last_before(self, position: int, *, kinds=("person",), gender=None) -> Entity | None:
        """The last entity of one of `kinds` mentioned before `position`.

        With a gender (from he/she), people known to be of the other gender are passed
        over; people of unknown gender match either.
        """
        for mention in reversed(self.mentions):
            if mention.end > position or mention.entity.kind not in kinds:
                continue
            if gender and mention.entity.gender not in (None, gender):
                continue
            return mention.entity
        return None

    def by_title(self, title: str, position: int) -> Entity | None:
        """The person the text titled like `title` ("the Russian President"), latest first."""
        words = [fold(word) for word in title.split() if fold(word) not in ("the", "a", "an")]
        if not words:
            return None
        head, others = words[-1], words[:-1]
        for mention in reversed(self.mentions):
            if mention.start > position:
                continue
            entity = mention.entity
            if head in lexicon.ORGANISATION_NOUNS and entity.kind == "organisation":
                return entity
            known = entity.title_words()
            if head not in known:
                continue
            if all(word in known or any(same_place(word, k) for k in known) for word in others):
                return entity
        return None


_APPOSITIVE_BEFORE = re.compile(
    r"(?:^|(?<=[\s,;:]))((?:[Tt]he|[Aa]n?|[A-Z][\w’']*[’']s)\s[^,.;:\"“”\n]{2,70}?),\s*$"
)
_APPOSITIVE_AFTER = re.compile(r"\s*,\s*((?:the|a|an|[A-Z][\w’']*[’']s)\s[^,.;:\n]{2,80}?)\s*[,.;]")


def _has_role(phrase: str) -> bool:
    return any(
        fold(word) in lexicon.PERSON_ROLE_NOUNS or fold(word) in lexicon.TITLE_WORDS
        for word in phrase.split()[1:]
    )


def _is_initial(token: str) -> bool:
    return len(token) == 2 and token[0].isupper() and token[1] == "."


def _end_of(masked: str, start: int, tokens: list[str]) -> int:
    position = start
    for token in tokens:
        position = masked.index(token, position) + len(token)
    return position
