"""Speakers the text describes without naming them: `one resident, who asked not to be
named, said`, `officials said`, `some analysts have described…`, `the Russian and Syrian
defence ministries accused…`. Said by no one; the describing words are the mention. Part of
the Attributor (see attribution.py, clauses.py).
"""

import re

from . import lexicon
from .resolution import ADVERBS, Attribution
from .sentences import Token

# How many words a subject in the plural that the text does not name may have.
_PLURAL_SUBJECT = 7


class UnnamedSpeakers:
    """The Attributor's reading of speakers described, not named (a mixin, as
    MentionResolver)."""

    def _unnamed_before(self, toks: list[Token], verb_at: int) -> Attribution | None:
        """ "…," one resident, who asked not to be named, said / officials said: a speaker
        the text describes without naming, from the clause's first word to the verb."""
        start = 0
        if not self._describes_someone(toks, 0, verb_at):
            # "…" in his entourage, a senior political source told Reuters
            commas = [i for i in range(verb_at) if toks[i].word == ","]
            start = commas[-1] + 1 if commas else 0
            if start == verb_at and len(commas) >= 2:
                # "Ahmado's source in the camp, a refugee who asked not to be identified,
                # said": the appositive in commas right before the verb describes them.
                start = commas[-2] + 1
            if start == 0 or not self._describes_someone(toks, start, verb_at):
                return None
        last = verb_at - 1
        while last > start and (toks[last].word in ",;:" or toks[last].folded in ADVERBS):
            last -= 1
        return self._unnamed(self.masked[toks[start].start : toks[last].end])

    @staticmethod
    def _describes_someone(toks: list[Token], start: int, end: int) -> bool:
        """Whether toks[start:end] open with words that describe people without naming
        them: "one resident…", "a source close to…", "officials", "two witnesses"."""
        if start >= end:
            return False
        first = toks[start].folded
        # Capitalised, only as a sentence's first word: "One resident", "Officials", not
        # "A Smith spokesman".
        capitalised = not toks[start].word[0].islower()
        if capitalised and start + 1 < end and not toks[start + 1].word[0].islower():
            return False
        if first in lexicon.UNNAMED_DETERMINERS:
            return True
        return first in lexicon.UNNAMED_PEOPLE or (
            first in lexicon.UNNAMED_ADJECTIVES
            and start + 1 < end
            and toks[start + 1].folded in lexicon.UNNAMED_PEOPLE
        )

    @staticmethod
    def _unnamed(description: str) -> Attribution:
        """A speaker the text does not name: said by no one, described by `description`
        (and never taken for a person named elsewhere, nor looked up by title)."""
        return Attribution(re.sub(r"\s+", " ", description), "title", 0.6, None)

    def _unnamed_subject(self, toks: list[Token], verb_at: int) -> Attribution | None:
        """ "Some analysts have described…": speakers the text does not name."""
        start = max((i + 1 for i in range(verb_at) if toks[i].word in ",;:"), default=0)
        words = [t for t in toks[start:verb_at] if t.folded not in ADVERBS]
        # `the Russian and Syrian defence ministries accused`: people or bodies in the
        # plural, described by the adjectives of a nation, named by none.
        plural = (
            len(words) >= 2
            and words[0].folded == "the"
            and words[-1].word[0].islower()
            and words[-1].folded.endswith("s")
        )
        lower = all(t.word[0].islower() or t is words[0] for t in words)
        if not 1 <= len(words) <= (_PLURAL_SUBJECT if plural else 5) or not (lower or plural):
            return None
        if words[-1].folded in lexicon.NOT_NAMES or re.search(r"n[’']t$", words[0].word):
            return None
        title = self.masked[words[0].start : words[-1].end]
        return Attribution(title, "title", 0.5, None, title=title)
