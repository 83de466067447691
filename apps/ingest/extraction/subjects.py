"""The subject of a speech verb: the mention that ends right before it (`Putin said`),
past adverbs, a parenthesis and appositives in commas (`Solberg, the chief executive,
said`; `Omar Lamrani, a senior analyst at Stratfor, the Texas-based firm, told`), or the
head of a subject whose name comes only in what it is of (`The authors of the study
published in Nature argued`). Part of the Attributor (see attribution.py), with whom a
mention means (resolution.py).
"""

import re

from . import lexicon
from .resolution import (
    _AGE,
    _AUXILIARY,
    _DESCRIBING,
    _POSSESSIVE_END,
    PRONOUNS,
    ROLE_NOUNS,
    Attribution,
    is_adverb,
)
from .sentences import Token, bare_name, is_speech_verb


class SubjectReader:
    """The Attributor's reading of a verb's subject (a mixin, as MentionResolver)."""

    def _subject_before(self, toks: list[Token], verb_at: int, limit_start: int):
        """The mention that is the subject of the verb at `verb_at`: (attribution, index of
        its first token), looking left past adverbs and an appositive in commas."""
        at = verb_at - 1
        while True:
            while at >= limit_start and (is_adverb(toks[at]) or toks[at].folded in _AUXILIARY):
                at -= 1  # "Smith was quoted as saying", "Smith allegedly told"
            when = _time_phrase_start(toks, at, limit_start)
            if when is None or toks[verb_at - 1].folded == "to":
                break  # not `turned to Twitter last month to describe`: an infinitive's
            at = when - 1  # "Amazon last year pledged", "Smith on Tuesday said"
        if at < limit_start:
            return None
        if at > limit_start and ")" in self.masked[toks[at].end : toks[at + 1].start]:
            # "Rep. Jim Jordan (R-Ohio) said": past the parenthesis.
            while at > limit_start and "(" not in self.masked[toks[at - 1].end : toks[at].start]:
                at -= 1
            at -= 1
            if at < limit_start:
                return None
        appositive = None
        if toks[at].word == ",":
            # "Solberg, the chief executive, said" or "the chief executive, Solberg, said"
            comma = next(
                (
                    i
                    for i in range(at - 1, max(limit_start, at - 14) - 1, -1)
                    if toks[i].word == ","
                ),
                None,
            )
            if comma is None:
                return self._long_appositive(toks, at, limit_start)
            inner = self._mention_ending(toks, at - 1, comma + 1)
            if inner is not None and inner[1] == comma + 1 and inner[0].method == "name":
                # `Prince Andrew, the younger brother of heir to the throne, Charles, has
                # told`: a name after a person's appositive names its last noun (the
                # heir); the subject is the person before it.
                outer = self._outer_appositive(toks, comma, limit_start)
                if outer is not None and outer[0].entity is not inner[0].entity:
                    return outer
                return inner[0], comma + 1
            appositive = self.masked[toks[comma + 1].start : toks[at - 1].end]
            at = comma - 1
            if at < limit_start:
                return None
            outer = self._outer_appositive(toks, comma, limit_start)
            if outer is not None:
                return outer
        found = self._mention_ending(toks, at, limit_start)
        if found is None and appositive is None:
            found = self._place_speaking(toks, at, limit_start)
        if (
            appositive
            and appositive.split()[0].casefold() == "who"
            and (found is None or found[0].entity is None or found[0].entity.kind != "person")
        ):
            # `Prof Gavin Yamey, director of the Centre … at Duke University, who is leading
            # research …, says`: `who` is a person's; the body ends a longer appositive.
            return self._long_appositive(toks, at + 1, limit_start) or found
        titled = appositive and (
            appositive.split()[0].casefold() in ("the", "a", "an") or "’s" in appositive
        )
        if found is not None and titled and found[0].entity is not None:
            self.discourse.learn_title(found[0].entity, appositive)
        return found

    def _place_speaking(self, toks: list[Token], at: int, limit_start: int):
        """A country or a capital as the whole subject of a speech verb stands for its
        government (`The UK has urged an "…"`, `Beijing said`): a body of that name."""
        token = toks[at]
        if not (token.word[:1].isupper() and token.folded in lexicon.PLACES):
            return None  # a place's name, not a demonym (`the Serbian said` is a person)
        first = at
        if first > limit_start and toks[first - 1].folded == "the":
            first -= 1
        if first > limit_start and toks[first - 1].word not in ",;:":
            return None  # `the UK ambassador`, `in London`: not the whole subject
        entity = self.discourse._entity(token.word, "organisation")
        return Attribution(token.word, "name", 0.8, entity), first

    def _long_appositive(self, toks: list[Token], comma: int, limit_start: int):
        """The person named before a long appositive that ends at toks[comma] (`Ian
        Hamilton, an expert in drug use … at the University of York who did not work on
        the study, told`): (attribution, index of its first token), when the appositive
        opens with an article right after the name, within _LONG_APPOSITIVE words."""
        for opening in range(comma - 1, max(limit_start, comma - _LONG_APPOSITIVE) - 1, -1):
            if toks[opening].word in ";:" or is_speech_verb(toks, opening):
                return None
            if toks[opening].word != ",":
                continue
            if opening - 1 < limit_start or opening + 1 >= comma:
                return None
            if toks[opening + 1].word[0].isupper():
                return None  # not an appositive: a list of names, a new clause
            named = self.discourse.mention_at(toks[opening - 1].start, toks[opening - 1].end)
            if named is None or named.entity.kind != "person":
                # `Prof Gavin Yamey, director of the Centre … at Duke University, who is
                # leading research …, says`: a comma inside the appositive, after a body's
                # name; the person is further back.
                continue
            first = opening - 1
            while first - 1 >= limit_start and toks[first - 1].start >= named.start:
                first -= 1
            return Attribution(named.surface, "name", 0.95, named.entity), first
        return None

    def _outer_appositive(self, toks: list[Token], comma: int, limit_start: int):
        """The person named before two appositives in a row: `Omar Lamrani, a senior
        analyst at Stratfor, the Texas-based intelligence firm, told`: (attribution, index
        of its first token), when toks[comma] closes an appositive that opens with an
        article (`a senior analyst at Stratfor`) right after a person's name."""
        outer = next(
            (
                i
                for i in range(comma - 1, max(limit_start, comma - 14) - 1, -1)
                if toks[i].word == ","
            ),
            None,
        )
        if outer is None or outer - 1 < limit_start or outer + 1 >= comma:
            return None
        if toks[outer + 1].folded not in ("a", "an", "the"):
            return None
        named = self.discourse.mention_at(toks[outer - 1].start, toks[outer - 1].end)
        if named is None or named.entity.kind != "person" or _POSSESSIVE_END.search(named.surface):
            return None
        first = outer - 1
        while first - 1 >= limit_start and toks[first - 1].start >= named.start:
            first -= 1
        return Attribution(named.surface, "name", 0.95, named.entity), first

    def _mention_ending(self, toks: list[Token], at: int, limit_start: int):
        token = toks[at]
        if token.folded in PRONOUNS:
            return self._pronoun(token), at
        mention = self.discourse.mention_at(token.start, token.end)
        if mention is not None:
            first = at
            while first - 1 >= limit_start and toks[first - 1].start >= mention.start:
                first -= 1
            role = self._role_of(toks, first, limit_start)
            if role is not None and mention.entity.kind == "organisation":
                # "The leader of Birmingham City Council said": the leader, not the council.
                title = self.masked[toks[role].start : token.end]
                return self._title(title, toks[role].start), role
            head = _head_of_subject(toks, first, limit_start)
            if head is not None:
                # "The authors of the study published in the journal Nature Medicine
                # argued": the authors; the name only says which study.
                title = self.masked[toks[head].start : token.end]
                return self._title(title, toks[head].start), head
            if (
                mention.entity.kind == "organisation"
                and first - 1 >= limit_start
                and toks[first - 1].folded == "the"
            ):
                first -= 1  # "the White House said": the article is part of the name
            return Attribution(mention.surface, "name", 0.95, mention.entity), first
        if token.folded in ROLE_NOUNS or _AGE.fullmatch(token.folded):
            for first in range(at, max(limit_start, at - 6) - 1, -1):
                word = toks[first]
                if word.folded in ("the", "a", "an") or re.search(r"[’']s$", word.word):
                    if word.folded not in ("the", "a", "an"):
                        # "the prime minister's spokesman": from the article on.
                        article = next(
                            (
                                i
                                for i in range(first - 1, max(limit_start, first - 4) - 1, -1)
                                if toks[i].folded in ("the", "a", "an") or toks[i].word in ",;:"
                            ),
                            None,
                        )
                        if article is not None and toks[article].word not in ",;:":
                            first = article
                    first = self._widen_title(toks, first, limit_start)
                    title = self.masked[toks[first].start : token.end]
                    return self._title(title, toks[first].start), first
        if at - 2 >= limit_start and toks[at - 1].word == "of":
            # "Senator Mitch McConnell of Kentucky": where the person is from.
            named = self.discourse.mention_at(toks[at - 2].start, toks[at - 2].end)
            if named is not None and named.entity.kind == "person":
                first = at - 2
                while first - 1 >= limit_start and toks[first - 1].start >= named.start:
                    first -= 1
                return Attribution(named.surface, "name", 0.95, named.entity), first
        if at - 1 >= limit_start and toks[at - 1].word in ("of", "from"):
            # "the Duke of Sussex said": the duke, not a person called Sussex; "the former
            # senator from Ohio said": the senator.
            role = self._role_of(toks, at, limit_start)
            if role is None:
                return None
            return self._title(self.masked[toks[role].start : token.end], toks[role].start), role
        if (
            token.folded in lexicon.UNNAMED_PEOPLE
            or _plural_role(token.folded)
            or (token.folded in _PEOPLE_UNNAMED_ALONE)
        ):
            # "Fans had sung", "Some analysts have described", "senior officials said";
            # "Alibaba leaders have denied", "White House officials said": people of a
            # body, in the plural, whom the text does not name.
            first = at
            while first - 1 >= limit_start and (
                toks[first - 1].folded in _DESCRIBING
                or (toks[first - 1].word[:1].isupper() and at - first < 4)
            ):
                first -= 1
            description = self.masked[toks[first].start : token.end]
            if first == at - 1 and toks[first].folded == "the":
                # "the doctors stated", the text having named "Doctors for Camp Closure".
                body = self.discourse.by_title(description, toks[first].start)
                if body is not None and body.kind == "organisation":
                    return Attribution(description, "title", 0.85, body), first
            return self._unnamed(description), first
        if bare_name(token) and token.folded not in lexicon.TITLE_WORDS:
            # A name the text has not introduced: the subject of a speech verb. Capitalised
            # words before it are part of it: "the White House said".
            body = self.discourse.by_acronym(token.word)
            if body is not None:
                # "the CDC said", the text having named the Center for Disease Control.
                first = at - 1 if at - 1 >= limit_start and toks[at - 1].folded == "the" else at
                return Attribution(token.word, "name", 0.85, body), first
            first = at
            while (
                first - 1 >= limit_start
                and toks[first - 1].word[:1].isupper()
                and toks[first - 1].folded not in lexicon.NOT_NAMES
                and at - first < 4
            ):
                first -= 1
            if first < at:
                name = self.masked[toks[first].start : token.end]
                words = {t.folded for t in toks[first : at + 1]}
                kind = "organisation" if words & lexicon.NON_PERSON_WORDS else "person"
                entity = self.discourse._entity(name, kind)
                return Attribution(name, "name", 0.85, entity), first
            if at - 1 >= limit_start and toks[at - 1].folded == "the":
                # "the Pentagon said": a name with an article is no person's.
                entity = self.discourse._entity(token.word.rstrip("."), "organisation")
                return Attribution(token.word, "name", 0.85, entity), at - 1
            entity = self.discourse._entity(token.word.rstrip("."), "person")
            return Attribution(token.word, "name", 0.85, entity), at
        return None

    @staticmethod
    def _role_of(
        toks: list[Token], first: int, limit_start: int, links=("for", "of", "at", "from")
    ) -> int | None:
        """Where "the leader of" / "a spokesman for (the)" begins, before toks[first]."""
        link = first - 1
        if (
            link - 1 >= limit_start
            and toks[link].folded == "the"
            and toks[link - 1].folded in links
        ):
            link -= 1  # "a spokesperson for the Universities and Colleges Employers’ Association"
        if link - 1 < limit_start or toks[link].folded not in links:
            return None
        if toks[link - 1].folded not in lexicon.PERSON_ROLE_NOUNS:
            return None
        for at in range(link - 1, max(limit_start, link - 5) - 1, -1):
            if toks[at].folded in ("the", "a", "an"):
                return at
        return None

    @classmethod
    def _widen_title(cls, toks: list[Token], first: int, limit_start: int) -> int:
        """ "the interior ministry" → "A spokesman for the interior ministry"."""
        start = cls._role_of(toks, first, limit_start, links=("for", "of", "at"))
        return first if start is None else start


# How many words back an appositive in commas is read for the name it follows.
_LONG_APPOSITIVE = 40

# Words that link a subject's head noun to what it is of: "the authors of the study".
_HEAD_LINKS = lexicon.words("of for at from behind")
_PEOPLE_NOUNS = lexicon.PERSON_ROLE_NOUNS | lexicon.DESCRIPTIVE_NOUNS | lexicon.UNNAMED_PEOPLE


def _head_of_subject(toks: list[Token], first: int, limit_start: int) -> int | None:
    """Where a subject opens whose head is a person's noun and whose name comes only in
    what it is of, some words on (`The authors of the research published in the journal
    X`, `the lawyer for the family of Y`): its article, or None. Only within the clause
    (no comma or speech verb between), at most twelve words back."""
    for at in range(first - 1, max(limit_start, first - 12) - 1, -1):
        word = toks[at]
        if word.word in ",;:" or is_speech_verb(toks, at):
            return None
        if (
            word.folded in ("the", "a", "an")
            and at + 2 < first - 1  # not `the lawyer for X`: _role_of's (organisations)
            and _is_people_noun(toks[at + 1].folded)
            and toks[at + 2].folded in _HEAD_LINKS
            and (at == limit_start or toks[at - 1].word in ",;:")
        ):
            return at
    return None


# Determiners that stand alone for people the text does not name: "Others reported".
_PEOPLE_UNNAMED_ALONE = lexicon.words("others many some several most few")


_TIME_UNITS = lexicon.words("year week month weekend morning afternoon evening night decade")
_DAYS = lexicon.words("monday tuesday wednesday thursday friday saturday sunday yesterday today")
_MONTHS = lexicon.words(
    "january february march april may june july august september october november december"
)


def _time_phrase_start(toks: list[Token], at: int, limit_start: int) -> int | None:
    """Where a phrase of time ending at toks[at] begins, between a subject and its verb
    (`last year`, `earlier this week`, `on Tuesday`, `in March`, `Tuesday`): else None."""
    if at < limit_start:
        return None
    word = toks[at].folded
    if word in _TIME_UNITS and at - 1 >= limit_start:
        if toks[at - 1].folded in ("last", "this", "next", "past", "previous"):
            first = at - 1
            if first - 1 >= limit_start and toks[first - 1].folded in ("earlier", "later"):
                first -= 1
            return first
        return None
    if word in _DAYS or (word in _MONTHS and toks[at].word[0].isupper()):
        if at - 1 >= limit_start and toks[at - 1].folded in ("on", "in", "since", "until"):
            return at - 1
        return at if word in _DAYS else None
    return None


def _plural_role(word: str) -> bool:
    """`leaders`, `executives`, `spokespeople`: a person's role noun in the plural."""
    return word.endswith("s") and word[:-1] in lexicon.PERSON_ROLE_NOUNS


def _is_people_noun(word: str) -> bool:
    return word in _PEOPLE_NOUNS or (word.endswith("s") and word[:-1] in _PEOPLE_NOUNS)
