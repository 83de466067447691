"""What the text says of the names it gives, once they are all read: a shorter name that
is a fuller one ("Putin", "Big Machine" for "Big Machine Records"), a birth name ("née
Fetter"), titles in appositives, and gender from the pronouns that follow. The steps of
mentions.py's `Discourse` that link and learn, kept apart from reading the runs and from
looking mentions up."""

import re
from bisect import bisect_left

from . import lexicon
from .entities import _POSSESSIVE, Entity, Mention, _add_form, fold
from .names import (
    _APPOSITIVE_AFTER,
    _APPOSITIVE_BEFORE,
    _COPULA_AFTER,
    _NAME_SUFFIXES,
    _ROLE_AFTER,
    _has_role,
    _in_order,
    _names_a_role,
)
from .roles import described_before

_GENDERED = re.compile(r"\b([Hh]e|[Ss]he)\b")


_NAME_CANDIDATES = 20  # fuller names looked at for each name, however many share it
# Bodies named after a person, whose name ends with one of these after the person's own
# (`the Eric Trump Foundation`, `the George W. Bush Presidential Library`): the person
# named alone is not the body.
_NAMED_AFTER = {"foundation", "institute", "center", "centre", "library", "museum", "fund"}
_NAMED_AFTER_WORDS = 2  # words at most after the person's name ("Presidential Library")


# A name, a comma and the surname the person was born with: "Ellen Gille, née Fetter".
_NEE = re.compile(r"[ \t]*,?[ \t]+n[ée]e[ \t]+([A-Z][\w’'\-]+)")


class NameLinks:
    """The linking and learning steps of `Discourse` (see mentions.py), run once its
    mentions are read."""

    masked: str
    entities: dict[str, Entity]
    mentions: list[Mention]
    _people: list[Entity]
    _by_first: dict[str, list[int]]
    _surnames: dict
    _acronyms: dict[str, Entity] | None = None

    def _link_shorter_names(self) -> None:
        """A name of two words or more that a fuller name of the text begins with, ends
        with, or begins and ends with, is that person: "Te Kaurinui" and "Te Kaurinui
        Parata" are "Te Kaurinui Robert Parata", "Van Der Beek" is "James Van Der Beek"
        (but "Donald Trump" is not "Donald Trump Jr.")."""
        fuller: dict[int, Entity] = {}
        # Organisations too, by their first word: "Whole Foods" is "Whole Foods Market".
        organisations: dict[str, list[Entity]] = {}
        for entity in self.entities.values():
            if entity.kind == "organisation":
                organisations.setdefault(fold(entity.name.split()[0]), []).append(entity)
        named = [(entity, None) for entity in self._people] + [
            (entity, group) for group in organisations.values() for entity in group
        ]
        # The last two or three words of fuller names: a surname of more than one word
        # ("Van Der Beek", "Hawk Sawyer") is the person whose full name ends with it.
        endings: dict[tuple[str, ...], list[int]] = {}
        for index, entity in enumerate(self._people):
            parts = [fold(part) for part in entity.name.split()]
            for length in range(2, min(4, len(parts))):
                endings.setdefault(tuple(parts[-length:]), []).append(index)
        for entity, group in named:
            parts = [fold(part) for part in entity.name.split()]
            if group is None:
                indexes = self._by_first.get(parts[0], [])[:_NAME_CANDIDATES]
                indexes += endings.get(tuple(parts), [])[:_NAME_CANDIDATES]
                candidates = [self._people[index] for index in indexes]
                # "Big Machine", read as a person's name, is "Big Machine Records" where
                # the text names that body: a body's name begun is the body.
                bodies = organisations.get(parts[0], [])[:_NAME_CANDIDATES]
                body = next(
                    (
                        other
                        for other in bodies
                        if len(other.name.split()) > len(parts)
                        and [fold(part) for part in other.name.split()[: len(parts)]] == parts
                        and not _named_after(parts, other)
                    ),
                    None,
                )
                if body is not None:
                    fuller[id(entity)] = body
                    continue
            else:
                candidates = group[:_NAME_CANDIDATES]
            best = None
            for other in candidates:
                others = [fold(part) for part in other.name.split()]
                if len(others) <= len(parts) or others[-1] in _NAME_SUFFIXES:
                    continue
                prefix = others[: len(parts)] == parts
                ends = others[-1] == parts[-1] and _in_order(parts, others)
                if (prefix or ends) and (best is None or len(others) > len(best.name.split())):
                    best = other
            if best is not None:
                fuller[id(entity)] = best
        if not fuller:
            return
        for at, mention in enumerate(self.mentions):
            target = fuller.get(id(mention.entity))
            if target is not None:
                for title in mention.entity.titles:
                    self.learn_title(target, title)
                if target.kind == "person":
                    target.gender = target.gender or mention.entity.gender
                _add_form(target, "", mention.entity.name)
                self.mentions[at] = Mention(mention.start, mention.end, mention.surface, target)
        for key, entity in list(self.entities.items()):
            if id(entity) in fuller:
                self.entities[key] = fuller[id(entity)]

    def _link_birth_names(self) -> None:
        """ "Ellen Gille, née Fetter": the person the text named "Ellen Fetter" (and
        "Fetter") is Ellen Gille, under the name the text gives her now. Every birth name
        is found first, then the mentions are re-linked in one pass."""
        ends = None
        now: dict[int, Entity] = {}  # id of the entity under the birth name: who they are
        for match in _NEE.finditer(self.masked):
            if ends is None:
                ends = [mention.end for mention in self.mentions]
            at = bisect_left(ends, match.start())
            if at == len(ends) or ends[at] != match.start():
                continue
            current = self.mentions[at].entity
            if current.kind != "person" or " " not in current.name:
                continue
            earlier = self.entities.get(f"{current.name.split()[0]} {match.group(1)}".casefold())
            if earlier is None or earlier is current or earlier.kind != "person":
                continue
            _add_form(current, "", earlier.name)
            current.gender = current.gender or earlier.gender
            now[id(earlier)] = current
        if not now:
            return
        for at, mention in enumerate(self.mentions):
            if id(mention.entity) in now:
                entity = now[id(mention.entity)]
                self.mentions[at] = Mention(mention.start, mention.end, mention.surface, entity)
        for key, entity in list(self.entities.items()):
            self.entities[key] = now.get(id(entity), entity)
        self._people = [now.get(id(person), person) for person in self._people]
        self._surnames.clear()

    def by_acronym(self, word: str) -> Entity | None:
        """The organisation whose capitalised words begin with the letters of `word`
        ("CDC": the Chinese Center for Disease Control and Prevention, its words' initials
        holding C, D, C in a row; two letters only as all its initials), the first named of
        those that match. The initials of
        every organisation are read once, on the first question."""
        if not (2 <= len(word) <= 6 and word.isupper() and word.isalpha()):
            return None
        if self._acronyms is None:
            self._acronyms = {}
            for entity in self.entities.values():
                if entity.kind != "organisation":
                    continue
                initials = "".join(w[0] for w in entity.name.split()[:10] if w[:1].isupper())
                for start in range(len(initials)):
                    for end in range(start + 3, len(initials) + 1):
                        self._acronyms.setdefault(initials[start:end], entity)
                if len(initials) == 2:
                    self._acronyms.setdefault(initials, entity)  # "EU": its two words'

        return self._acronyms.get(word)

    def _learn_genders(self) -> None:
        """Gender from he or she following a name in its sentence before anyone else is
        named: "Ann Bell said she would appeal" (not his or her: "Ann Bell, his partner,"
        is someone else's). Counted over the text; the more frequent wins."""
        people = [mention for mention in self.mentions if mention.entity.kind == "person"]
        votes: dict[int, list[int]] = {}
        for at, mention in enumerate(people):
            if mention.entity.gender is not None or _POSSESSIVE.search(mention.surface):
                continue
            end = min(len(self.masked), mention.end + 100)
            if at + 1 < len(people):
                end = min(end, people[at + 1].start)
            window = self.masked[mention.end : end]
            window = re.split(r"[.!?](?:\s|$)|\n", window, maxsplit=1)[0]
            pronoun = _GENDERED.search(window)
            if pronoun is not None and (
                _SOMEONE_ELSE.search(window, 0, pronoun.start())
                or _BOTH_GENDERS[pronoun.group(1).casefold()].search(window)
            ):
                # "Ann Bell was born where her father served as he…": him; "Ann Bell is
                # historic, but he called on her": someone unnamed.
                pronoun = None
            if pronoun is not None:
                count = votes.setdefault(id(mention.entity), [0, 0])
                count[0 if pronoun.group(1).casefold() == "he" else 1] += 1
        for mention in people:
            count = votes.pop(id(mention.entity), None)
            if count and count[0] != count[1] and mention.entity.gender is None:
                mention.entity.gender = "m" if count[0] > count[1] else "f"

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
            copula = _COPULA_AFTER.match(self.masked, mention.end)
            if copula and _has_role(copula.group(1)):
                self.learn_title(mention.entity, copula.group(1))  # "Ann Bell is a teacher."
            after = _APPOSITIVE_AFTER.match(self.masked, mention.end)
            if after and _has_role(after.group(1)):
                self.learn_title(mention.entity, after.group(1))
            elif not after:
                # Without an article: "Lotfi Azzouz, Tunisia country director for Amnesty
                # International," / "Mark Zandi, chief economist at Moody's Analytics,".
                bare = _ROLE_AFTER.match(self.masked, mention.end)
                if bare and _names_a_role(bare.group(1)):
                    self.learn_title(mention.entity, bare.group(1))
            described = described_before(self.masked, mention.start)
            if described and described not in mention.entity.descriptions:
                mention.entity.descriptions.append(described)


# Someone else brought in between a name and a pronoun: `her father`, `his wife`.
_SOMEONE_ELSE = re.compile(
    r"\b(?:his|her|their)[ \t]+(?:"
    + "|".join(sorted(lexicon.DESCRIPTIVE_NOUNS | lexicon.PERSON_ROLE_NOUNS))
    + r")\b",
    re.IGNORECASE,
)
# The other gender's pronouns, in the same window: a pronoun there may mean someone else.
_BOTH_GENDERS = {
    "he": re.compile(r"\b(?:[Ss]he|[Hh]er|[Hh]erself)\b"),
    "she": re.compile(r"\b(?:[Hh]e|[Hh]im|[Hh]is|[Hh]imself)\b"),
}


def _named_after(parts: list[str], body: Entity) -> bool:
    """Whether a body's name is a person's (`parts`, two words or more) and a noun of
    bodies named after people: `Eric Trump` and `the Eric Trump Foundation`."""
    rest = body.name.split()[len(parts) :]
    return len(parts) >= 2 and len(rest) <= _NAMED_AFTER_WORDS and fold(rest[-1]) in _NAMED_AFTER
