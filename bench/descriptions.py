"""A description in a speech clause is the one person the article itself described so
before (issue 19, round 20): `Chris Grayling, the Conservative MP for Epsom and Ewell, …
Speaking in the Commons, the Conservative MP said`, `Sheriff Kyle Kirchmeier … the sheriff
said`, `Ann Bell, 34, … the 34-year-old said`. The rules read the description and, where
round 12's roles (apps/ingest/extraction/roles.py), the titles the text gave
(mentions.Discourse.by_title) and the directory find no one, give the words to no one.

Measured by bench/attribution_ranker.py's `descriptions`; not in the product: on top of
round 12's roles it changed no span of any round's first run nor of the tuned pages
(docs/importing.md, round 20).

The description's head noun (`MP`, `sheriff`; an age for `the 34-year-old`) must have been
stated of a person: as the word just before the name (`Conservative MP Andrew Bridgen`,
`Sheriff Bob Smith`), in an appositive after the name (`Andrew Bridgen, the Conservative MP
for…,`, `Ann Bell, 34,`) or before it (`the country star, Garth Brooks`); and of exactly
one person among those mentioned in a bounded stretch before the quotation. Asked of the
speech proposals still given no one after the other rules, before the short forms
(forms.py). A function of the Discourse's `masked` text and `mentions` alone, so that it
can be put into the rules of every round."""

import re
from bisect import bisect_left

from apps.ingest.extraction import lexicon
from apps.ingest.extraction.entities import fold

# How far before its quotation, and through how many mentions of people, a description is
# looked for: a few paragraphs, bounded so that the extraction stays linear.
_REACH = 2000
_MENTIONS = 40
# How far from a name its appositive is read.
_NEAR = 100
# Words that end a description's head before what it is of: `the MP for Epsom`.
_OF = lexicon.words("of for at from in with on to")
# Nouns that say only that someone is a person: anyone at all (resolution._ANYONE).
_ANYONE = lexicon.words("man woman boy girl person")
# The rules' confidence in a description's person read from whom the sentence before is
# about (resolution's `_title`), not from what the text called anyone.
_GUESS = 0.6
_AGE = re.compile(r"(\d{1,3})-year-old", re.IGNORECASE)
# An appositive after a name that is a clause, not a description: `Smith, who…`.
_NOT_APPOSITIVE = r"(?:who|which|that|said|says|and|but|or|is|was|has|had|when|while)\b"


class Descriptions:
    """The one person the article described as a speech proposal's description. The
    Discourse's mentions are indexed once, on the first question; each question reads a
    bounded stretch of text and of mentions, so the extraction stays linear."""

    # Also asked of a description the rules only guessed a person for (whom the sentence
    # before is about, with a confidence of at most _GUESS): G20_DESCRIPTIONS=guesses.
    guesses = False

    def __init__(self, discourse, directory=None) -> None:
        self.discourse = discourse
        self.masked = getattr(discourse, "masked", "")
        self.directory = directory
        self._mentions: list | None = None
        self._starts: list[int] = []

    def speaker(self, span, attribution):
        """The person (an Entity) the description the rules read for `span` names, when
        the rules gave it no one; or None."""
        if attribution is None or attribution.method not in ("title", "continuation"):
            return None
        if attribution.entity is not None and (not self.guesses or attribution.confidence > _GUESS):
            return None
        # Older rules (bench/attribution_ranker.py) keep the description as the mention.
        title = getattr(attribution, "title", None)
        title = attribution.mention if title is None else title
        pattern = _head(title or "")
        if pattern is None:
            return None
        if self.directory is not None and self.directory.find_title(title):
            return None  # an office the directory knows: _proposal's to read
        if self._mentions is None:
            mentions = getattr(self.discourse, "mentions", ())
            self._mentions = sorted(
                (m for m in mentions if m.entity.kind == "person"), key=lambda m: m.start
            )
            self._starts = [mention.start for mention in self._mentions]
        found, last = {}, 0
        at = bisect_left(self._starts, span.open_at)
        for index in range(at - 1, max(-1, at - 1 - _MENTIONS), -1):
            mention = self._mentions[index]
            if span.open_at - mention.end > _REACH:
                break
            if mention.end > span.open_at or id(mention.entity) in found:
                continue
            described = self._described(mention, pattern)
            if described is not None:
                found[id(mention.entity)] = mention.entity
                last = max(last, described)
                if len(found) > 1:
                    return None
        if not found:
            return None
        # `Sean Spicer, an adviser to Trump, … one former adviser said … the adviser said`:
        # someone unnamed with that description, brought in since (after what described
        # the person), is whom it means.
        unnamed = re.compile(
            rf"\b(?:an?|one|another)[ \t]+(?:[\w’'\-]+[ \t]+){{0,3}}{pattern.pattern}",
            re.IGNORECASE,
        )
        if unnamed.search(self.masked, last, span.open_at):
            return None
        return next(iter(found.values()))

    def _described(self, mention, pattern: re.Pattern) -> int | None:
        """Where what describes this mention with the description's head ends, or None:
        its surface before the name or the word just before it, an appositive after it
        (or, for an age, `Ann Bell, 34,`), or an appositive before it."""
        masked = self.masked
        if any(pattern.fullmatch(word) for word in mention.surface.split()[:-1]):
            return mention.end
        before = masked[max(0, mention.start - _NEAR) : mention.start]
        before = before[before.rfind("\n") + 1 :]
        word = re.search(r"([\w’'\-]+)[ \t]+$", before)
        if word and pattern.fullmatch(word.group(1)):
            return mention.end  # `Conservative MP Andrew Bridgen`, `Sheriff Bob Smith`
        after = masked[mention.end : mention.end + _NEAR]
        appositive = re.match(
            rf"[ \t]*[,(][ \t]*(?!{_NOT_APPOSITIVE})([^\s,.;:()\"“”][^,.;:()\n\"“”]{{0,89}})[,.;)]",
            after,
            re.IGNORECASE,
        )
        if appositive and pattern.search(appositive.group(1)):
            # `Andrew Bridgen, the Conservative MP for …,`, `Ann Bell, 34,`
            return mention.end + appositive.end()
        opening = re.search(
            r"(?:^|[,.;:\"“”])[ \t]*((?:[Tt]he|[Aa]n?|[Hh]is|[Hh]er|[Tt]heir|[Ii]ts)[ \t]"
            r"[^,.;:\n\"“”]{1,80}),[ \t]*$",
            before,
        )
        if opening and pattern.search(opening.group(1)):
            return mention.end  # `the country star, Garth Brooks`
        return None


def _head(title: str) -> re.Pattern | None:
    """What a definite description's head is written as next to a name: the noun before
    any `of`, `for`… (`the Conservative MP for Epsom`: `MP`), or for an age, the age
    alone or with `-year-old` (`the 34-year-old`: `34`, `34-year-old`). None for an
    indefinite description (someone new), a plural head (several people), or a noun that
    says only that someone is a person."""
    words = title.split()
    if len(words) < 2 or words[0].casefold() != "the" or len(words) > 8:
        return None
    kept = []
    for word in words[1:]:
        if fold(word) in _OF:
            break
        kept.append(word)
    if not kept:
        return None
    head = kept[-1].strip(",.;:’'\"“”")
    age = _AGE.fullmatch(head)
    if age:
        return re.compile(rf"(?<![\w-]){age.group(1)}(?:-year-old)?(?![\w-])", re.IGNORECASE)
    folded = fold(head)
    if not re.fullmatch(r"[a-z][a-z\-]+", folded) or folded in _ANYONE:
        return None
    if folded.endswith("s") and not folded.endswith("ss"):
        return None  # `the doctors`: several people
    return re.compile(rf"(?<![\w’'-]){re.escape(head)}(?![\w-])", re.IGNORECASE)
