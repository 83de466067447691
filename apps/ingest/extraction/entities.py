"""Who the text names, as the extractor keeps them: an `Entity` (a person or an
organisation under its fullest name, with the titles, forms and gender the text gives) and
each `Mention` of it; and the word helpers every attribution module folds words and tells
places with. Read from the text by mentions.py (the `Discourse`)."""

import re
from dataclasses import dataclass, field
from functools import lru_cache

from . import lexicon

_POSSESSIVE = re.compile(r"[’']s$")


def fold(word: str) -> str:
    """A word as the word lists hold it: lower case, without possessive or full stop."""
    return _POSSESSIVE.sub("", word).rstrip(".,").casefold()


def is_place(word: str) -> bool:
    word = fold(word)
    return word in lexicon.PLACES or word in lexicon.DEMONYMS or _demonym_like(word)


@lru_cache(maxsize=8192)  # asked for every capitalised word; the lexicon is fixed
def _demonym_like(word: str) -> bool:
    # Four letters at least (`Thai`, `Iraqi`): `Li`, a surname, is no demonym of Libya.
    return (
        len(word) >= 4
        and any(word.endswith(e) for e in lexicon.DEMONYM_ENDINGS)
        and (any(place.startswith(word[: max(4, len(word) - 3)]) for place in lexicon.PLACES))
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
    # How the text names them, as (title, name) pairs in the order met: ("Ms", "Marsh").
    forms: list[tuple[str, str]] = field(default_factory=list)
    # Descriptions in lower case just before a name ("council leader" in `council leader
    # Judith Blake`): what `role()` falls back on. Not titles: whom a pronoun or a title
    # means is read from the titles alone.
    descriptions: list[str] = field(default_factory=list)
    # The words of `titles`, folded, as of how many titles (titles are only ever added).
    _words: tuple[int, frozenset[str]] = field(
        default=(0, frozenset()), init=False, repr=False, compare=False
    )

    @property
    def title(self) -> str:
        return self.titles[0] if self.titles else ""

    def aliases(self) -> tuple[str, ...]:
        """The other names the text gives them: "Marsh", "Ms Marsh", "President Obama" (a
        surname alone, or with a courtesy title or an office and nothing else before it);
        never a pronoun or a role noun alone, never their full name again."""
        found: dict[str, str] = {}
        for title, name in self.forms:
            if name.casefold() != self.name.casefold():
                found.setdefault(name.casefold(), name)
            words = title.split()
            if words and len(words) <= 2 and all(_is_honorific_or_office(w) for w in words):
                alias = f"{title} {name}"
                found.setdefault(alias.casefold(), alias)
        found.pop(self.name.casefold(), None)
        return tuple(found.values())

    def role(self) -> str:
        """The role or office the text states for them ("deputy mayor of Leeds",
        "Russian President", "spokeswoman for the council"): the first title that is more
        than a courtesy title, without its leading article, else the first description
        before a name ("council leader"); "" when none."""
        for title in [*self.titles, *self.descriptions]:
            words = title.split()
            while words and fold(words[0]) in lexicon.COURTESY_TITLES:
                words = words[1:]
            if words and fold(words[0]) in ("the", "a", "an", "his", "her", "their", "its"):
                words = words[1:]
            if words:
                return " ".join(words)
        return ""

    def title_words(self) -> frozenset[str]:
        if self._words[0] != len(self.titles):
            words = frozenset(fold(word) for title in self.titles for word in title.split())
            self._words = (len(self.titles), words)
        return self._words[1]


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    surface: str
    entity: Entity


def _is_honorific_or_office(word: str) -> bool:
    """ "Ms", "Dr.", "President", "Sen.": a word of a title that may stand before a surname
    as a name ("President Obama"), not a place or a possessive ("Russian", "Iran's")."""
    return fold(word) in lexicon.TITLE_WORDS and not _POSSESSIVE.search(word)


def _add_form(entity: Entity, title: str, name: str) -> None:
    form = (title, name)
    if form not in entity.forms and len(entity.forms) < 32:
        entity.forms.append(form)
