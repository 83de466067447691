"""Whom "the <words> <role noun>" means when the article has named one person with that
role (issue 19, round 12): `Morton County sheriff Kyle Kirchmeier … the sheriff said`,
`President-elect Donald Trump … the president-elect said`, `Garth Brooks, the country
star, … the country star replied`.

A function of the resolver's `masked` text and `discourse` alone, so that
bench/attribution_ranker.py can put it into the rules of earlier rounds too.
"""

import re

from . import lexicon
from .entities import fold

# Role nouns a description of a named person may end with. Not "man", "woman": anyone at
# all (resolution._ANYONE).
ROLE_HEADS = (lexicon.PERSON_ROLE_NOUNS | lexicon.DESCRIPTIVE_NOUNS) - lexicon.words(
    "man woman boy girl"
)
# An office not yet taken up: `president-elect`, `prime minister-designate`.
_PENDING = ("-elect", "-designate")
# How many people mentioned before the description are read: the work per description is
# bounded, so the extraction stays linear in the article's length.
_LOOKBACK = 60
# The role word just before a name (`sheriff Kyle Kirchmeier`, `President-elect Donald
# Trump`), or in commas after it (`Garth Brooks, the country star,`) or before it (`the
# country star, Garth Brooks`).
_NEAR = 80
_UNNAMED_SINCE = 1500


def role_head(word: str) -> str | None:
    """The role noun a word names (`sheriff`, `president-elect`), or None."""
    folded = fold(word)
    base = next((folded[: -len(end)] for end in _PENDING if folded.endswith(end)), folded)
    return folded if base in ROLE_HEADS else None


# Words that end a description standing before a name instead of belonging to it
# (`according to council leader Judith Blake`, `said police chief Mark Rowley`, `Last week
# State Department official David Holmes`).
_NOT_DESCRIBING = (
    lexicon.NOT_NAMES
    | lexicon.SPEECH_VERBS
    | lexicon.words("day week weekend month year morning afternoon evening night")
)
_WORD_BEFORE = re.compile(r"([\w’'\-]+)[ \t]+$")
_DESCRIPTION_WORDS = 4


def _line_before(masked: str, start: int) -> str:
    """Up to _NEAR characters of `start`'s line before it."""
    before = masked[max(0, start - _NEAR) : start]
    return before[before.rfind("\n") + 1 :]


def described_before(masked: str, start: int) -> str:
    """The description in lower case just before a name: `Leeds council leader` for
    `Leeds council leader Judith Blake`, `police chief` for `police chief Mark Rowley`;
    its last word a role noun, at most four words, none of them a function word or a
    speech verb; "" when there is none. (A description in capitals, `Health Secretary Wes
    Streeting`, is read with the name as its title: names.parse_run.)"""
    before = _line_before(masked, start)
    words: list[str] = []
    at = len(before)
    while len(words) < _DESCRIPTION_WORDS:
        found = _WORD_BEFORE.search(before, 0, at)
        if found is None:
            break
        word = found.group(1)
        if not words and (not word[0].islower() or role_head(word) is None):
            return ""
        if words and fold(word) in _NOT_DESCRIBING:
            if fold(word) == "of":
                # `Bank of Canada governor Tiff Macklem`: the body's name began before;
                # what is left of it is no part of the role.
                while words and not words[0][0].islower():
                    words.pop(0)
            break
        words.insert(0, word)
        at = found.start()
    return " ".join(words)


def person_named_as(resolver, title: str, position: int):
    """The one person the text named with the role `title` ends with, before `position`
    (among the last _LOOKBACK people mentioned), or None when it named none or several.
    `title` is "the" and at most four more words, none of them "of", "for", "at" or
    "from" (`the sheriff of Morton County` is left to the directory)."""
    words = title.split()
    if not 2 <= len(words) <= 5 or words[0].casefold() != "the":
        return None
    if any(fold(word) in ("of", "for", "at", "from") for word in words):
        return None
    head = role_head(words[-1])
    people_before = getattr(resolver.discourse, "people_before", None)
    if head is None or people_before is None:
        return None
    role = re.compile(rf"(?<![\w-]){re.escape(head)}(?![\w-])", re.IGNORECASE)
    masked, found = resolver.masked, {}
    for count, mention in enumerate(people_before(position)):
        if count >= _LOOKBACK:
            break
        entity = mention.entity
        if id(entity) in found:
            continue
        if _titled(masked, mention, role) or any(role.search(t) for t in _titles(entity)):
            found[id(entity)] = (entity, mention.end)
            if len(found) > 1:
                return None
    if not found:
        return None
    (entity, end) = next(iter(found.values()))
    # "Sean Spicer, an adviser to Trump … one former adviser said … the former adviser
    # said": someone unnamed with that role, brought in since, is whom it means. Read
    # within _UNNAMED_SINCE characters, so the work per description stays bounded.
    since = masked[max(end, position - _UNNAMED_SINCE) : position]
    unnamed = re.compile(
        rf"\b(?:[Aa]n?|[Oo]ne|[Aa]nother)[ \t]+(?:[\w’'\-]+[ \t]+){{0,3}}{role.pattern}",
        re.IGNORECASE,
    )
    return None if unnamed.search(since) else entity


def _titles(entity) -> list[str]:
    return list(getattr(entity, "titles", ()) or ())


def _titled(masked: str, mention, role: re.Pattern) -> bool:
    """Whether the role word stands next to this mention: in its surface before the name,
    just before it, or in an appositive in commas after or before it."""
    surface_words = mention.surface.split()
    if any(role.fullmatch(word) for word in surface_words[:-1]):
        return True
    before = _line_before(masked, mention.start)
    last = _WORD_BEFORE.search(before)
    if last and role.fullmatch(last.group(1)):
        return True  # "Morton County sheriff Kyle Kirchmeier"
    appositive = re.search(r"\b[Tt]he[ \t]+(?:[\w’'\-]+[ \t]+){0,3}([\w\-]+)[ \t]*,[ \t]*$", before)
    if appositive and role.fullmatch(appositive.group(1)):
        return True  # "the country star, Garth Brooks"
    after = re.match(
        r"[ \t]*,[ \t]*(?!(?:who|which|that|said|says|and|but)\b)"
        r"[^,.;:\n\"“”]{0,60}?([\w\-]+)[ \t]*[,.;)]",
        masked[mention.end : mention.end + _NEAR],
    )
    return bool(after and role.fullmatch(after.group(1)))  # "Kyle Kirchmeier, the sheriff,"
