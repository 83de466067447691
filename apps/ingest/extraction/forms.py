"""A speaker named by a short form of a name the text gave in full before (issue 19, round
16): `"…," Van Der Beek said` where the text named James Van Der Beek, `Supt Peters said`
where it named Supt Audley Peters, `Vogel said` where a player's words named Coach (Frank)
Vogel. Asked of the speaker each speech proposal ends with, after every other rule (the
parse's too), whichever way the rules reached that speaker. A function of the Discourse's
`entities` and `mentions` alone, so that bench/attribution_ranker.py can put it into the
rules of earlier rounds too."""

from . import lexicon
from .entities import fold
from .linking import _NAME_CANDIDATES as _CANDIDATES
from .names import _NAME_SUFFIXES as _SUFFIXES

# Words a short form may carry before the name that are not part of it: `Supt Peters`,
# `Judge Ford`, `Ms Persson`.
_LEAD = {word.rstrip(".") for word in lexicon.TITLE_WORDS | lexicon.COURTESY_TITLES}
# _CANDIDATES: fuller names looked at for each short form, however many share its last
# word, as linking.py bounds its own: the extraction stays linear in the article's length.


def _words(name: str) -> list[str]:
    return [fold(word).rstrip(".,") for word in name.split()]


class FullerNames:
    """The one fuller name of the text a speaker's short form stands for. The text's
    names are indexed by their first and last word once, on the first question, and each
    speaker's answer is kept."""

    # Whether an organisation's short form is looked up too (`United` for United
    # Airlines, `Prosecution Authority` for the Swedish one): measured, not in the product
    # (docs/importing.md, round 16).
    bodies = False

    def __init__(self, discourse) -> None:
        self.discourse = discourse
        self._first: dict[str, list] | None = None
        self._last: dict[str, list] = {}
        self._first_at: dict[int, int] = {}
        self._found: dict[int, object] = {}

    def _index(self) -> None:
        self._first = {}
        for mention in getattr(self.discourse, "mentions", ()):
            self._first_at.setdefault(id(mention.entity), mention.start)
        seen = set()
        for entity in self.discourse.entities.values():
            if id(entity) in seen:
                continue
            seen.add(id(entity))
            parts = _words(entity.name)
            while parts and parts[-1] in _SUFFIXES:
                parts = parts[:-1]
            if len(parts) >= 2:
                self._first.setdefault(parts[0], []).append((entity, parts))
                self._last.setdefault(parts[-1], []).append((entity, parts))

    def of(self, entity):
        """The entity whose fuller name `entity`'s name is short for, or `entity`: a
        person's name (titles before it left off) that ends the one longer person's name
        of the text, named no later than the short form (not `President Trump` for Ivanka
        Trump, named after him); or a name with an initial for a middle word of one of the
        same length, named before or after it (`John M. Ford` for John Milo Ford, round 25).
        Two such names (`King` for Gayle King and Wayne King), or none: `entity` itself."""
        if entity is None:
            return entity
        if id(entity) not in self._found:
            self._found[id(entity)] = self._fuller(entity)
        return self._found[id(entity)]

    def _fuller(self, entity):
        if self._first is None:
            self._index()
        parts = _words(entity.name)
        while len(parts) > 1 and parts[0] in _LEAD:
            parts = parts[1:]
        if not parts:
            return entity
        since = self._first_at.get(id(entity), -1)
        candidates = self._last.get(parts[-1], [])[:_CANDIDATES]
        if self.bodies:
            candidates = candidates + self._first.get(parts[0], [])[:_CANDIDATES]
        found = {}
        for other, others in candidates:
            if other is entity or len(others) < len(parts):
                continue
            if len(others) == len(parts) and not _initials_of(parts, others):
                continue
            later = since >= 0 and self._first_at.get(id(other), since) > since
            if later and len(others) > len(parts):
                continue  # named after the short form: someone else of that name
            if self._stands_for(entity, parts, other, others):
                found[id(other)] = (other, others)
        if not found:
            return entity
        # `Massy Stores` and `Massy Stores Westmoorings`: the shortest, when it begins or
        # ends every other.
        other, others = min(found.values(), key=lambda item: len(item[1]))
        n = len(others)
        if all(o[:n] == others or o[-n:] == others for _, o in found.values()):
            return other
        return entity

    def _stands_for(self, entity, parts, other, others) -> bool:
        if len(others) == len(parts):
            return entity.kind == "person" and other.kind == "person"
        ends = others[-len(parts) :] == parts
        if other.kind == "person":
            return entity.kind == "person" and ends
        begins = others[: len(parts)] == parts
        return (
            self.bodies and other.kind == "organisation" and (begins or (ends and len(parts) > 1))
        )


def _initials_of(parts: list[str], others: list[str]) -> bool:
    """Whether a name is another with an initial for a word between its first and last
    (`John M. Ford` for John Milo Ford): the fuller form is the one a reader names."""
    if len(parts) < 3 or parts[0] != others[0] or parts[-1] != others[-1]:
        return False
    pairs = list(zip(parts[1:-1], others[1:-1], strict=True))
    return any(p != o for p, o in pairs) and all(
        p == o or (len(p) == 1 and len(o) > 1 and o.startswith(p)) for p, o in pairs
    )
