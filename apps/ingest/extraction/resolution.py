"""Whom the words of a sentence mean: a pronoun's or a title's person, the mention after
a speech verb (`said the minister`), the issuer of a document (the subject of a speech
verb is read in subjects.py). Part of the Attributor (see attribution.py), which reads
the clauses around each span (clauses.py) with these.

Shared here too: the `Attribution` an attributing rule returns, and the word lists and
helpers the attribution modules read sentences with.
"""

import re
from dataclasses import dataclass

from . import lexicon
from .lexicon import words
from .mentions import Entity, fold
from .roles import person_named_as
from .sentences import Token, bare_name, is_speech_verb, sentence_ends, tokens

PRONOUNS = {"he": "m", "she": "f", "they": None, "it": None}
ADVERBS = words(
    """
    also later then has had have would will again previously once reportedly publicly
    separately earlier further however repeatedly quickly simply only just recently
    immediately bluntly flatly angrily firmly quietly calmly and subsequently still now
    even himself herself themselves itself
    """
)
ROLE_NOUNS = lexicon.PERSON_ROLE_NOUNS | lexicon.ORGANISATION_NOUNS | lexicon.DESCRIPTIVE_NOUNS
# "the 54-year-old said" (a token begins with a letter: "year-old" is what is read of it)
_AGE = re.compile(r"(?:\d+-)?year-old")
# A noun of one who does something (`geologist`, `co-author`, `historian`): between a
# speech verb and a name it can only describe the person named, whether or not the role
# lists hold it.
AGENT_NOUN = re.compile(r"[a-z\-]{2,}(?:ist|er|or|ian)")
BE = words("is are was were be been being")
_NOUN_DETERMINERS = words("the a an his her their its our")
# How many adjectives may stand between an article and a name (`a visibly skeptical Robert
# Wolfarth`), and the words that are none.
_ADJECTIVES = 3
_NOT_ADJECTIVES = (
    words("of for from at in on with by to who that which and or but")
    | ROLE_NOUNS
    | lexicon.UNNAMED_PEOPLE
)
_AUXILIARY = words("was were is are been be to quoted reported as having")
_DESCRIBING = lexicon.UNNAMED_DETERMINERS | lexicon.UNNAMED_ADJECTIVES | {"the"}


def is_adverb(token: Token) -> bool:
    """A word between a speaker and the verb: "also", "later", "tearfully", "allegedly"
    (a lower-case word in -ly, but for the few nouns that could be the subject)."""
    word = token.folded
    return word in ADVERBS or (
        word.endswith("ly") and token.word[0].islower() and word not in _NOUNS_IN_LY
    )


_NOUNS_IN_LY = words("family assembly supply rally ally anomaly monopoly reply fly")


def _skip_space(text: str, start: int, end: int) -> int:
    while start < end and text[start] in " \t\"“”’‘'":
        start += 1
    return start


_POSSESSIVE_END = re.compile(r"[’']s$")
_DESCRIPTION = re.compile(r"[Tt]he[ \t]+(?:\d+-)?([A-Za-z][\w\-]*)\b")
_HE = re.compile(r"\b[Hh]e\b")
_SHE = re.compile(r"\b[Ss]he\b")
_AFTER_COMMA = {"m": re.compile(r"(?<=,[ \t])he\b"), "f": re.compile(r"(?<=,[ \t])she\b")}
_OTHER_GENDER = {
    "m": re.compile(r"\b(?:[Ss]he|[Hh]er|[Hh]ers|[Hh]erself)\b"),
    "f": re.compile(r"\b(?:[Hh]e|[Hh]im|[Hh]is|[Hh]imself)\b"),
}
# Words that open a sentence before its subject: "But a spokesperson for the union said".
_OPENING_WORDS = words("but and however meanwhile yet so still")
# Words that open a phrase before a sentence's subject: `In an interview with Oprah
# Winfrey, Michelle Obama said…`, `Referring to Modi's visit…, Geng said:`.
_OPENING_PHRASE = words(
    """
    in at during after before with without despite following since while when on from for
    as about regarding referring speaking responding asked unlike like
    """
)
# How many sentences back a chain of the same pronoun is followed.
_PRONOUN_CHAIN = 3
# How far back (in characters) the sentence before a lone quotation is read.
CONTEXT = 600
# How many mentions of people one sentence is read back for, to find its subject.
_SENTENCE_MENTIONS = 12


@dataclass(frozen=True)
class Attribution:
    mention: str  # as written: "he", "Putin", "the Russian President"
    method: str  # name, pronoun, title, sentence, continuation
    confidence: float
    entity: Entity | None = None  # who, when the text names them
    title: str = ""  # the title used, when the text does not name them

    def shared(self, factor: float, method: str | None = None) -> "Attribution":
        return Attribution(
            self.mention,
            method or self.method,
            round(self.confidence * factor, 3),
            self.entity,
            self.title,
        )


class MentionResolver:
    """The Attributor's reading of mentions (a mixin: it uses the Attributor's `masked`
    text, its `discourse` and its `spans`)."""

    def _mention_from(self, toks: list[Token], at: int, position: int) -> Attribution | None:
        """The mention starting at toks[at] ("said the Russian President", "said Putin")."""
        if at >= len(toks):
            return None
        # Titles in lower case before the name: "said chief inspector Jennifer Mattinson",
        # "says veteran industry analyst Ken Doctor" (words that end in a role noun), "said
        # Springfield resident Jane Smith" (after where they are from).
        titled = at
        first = self.discourse.mention_at(toks[at].start, toks[at].end)
        if (
            toks[at].word[0].isupper()
            and at + 2 < len(toks)
            and toks[at + 1].word[0].islower()
            and first is None
        ):
            titled = at + 1
        elif first is not None and first.entity.kind == "organisation":
            # "said Ohio State University professor Paul Beck": where the person works,
            # then their role; the person is read below, as after a title in lower case.
            after = next((i for i in range(at, len(toks)) if toks[i].start >= first.end), None)
            if after is not None and after + 1 < len(toks) and toks[after].word[0].islower():
                titled = after
        while (
            titled < min(len(toks) - 1, at + 4)
            and toks[titled].word[0].islower()
            and toks[titled].folded not in lexicon.NOT_NAMES
            and not is_speech_verb(toks, titled)
        ):
            titled += 1
        last = toks[titled - 1].folded if titled > at and toks[titled - 1].word[0].islower() else ""
        if (
            last in lexicon.TITLE_WORDS
            or last in ROLE_NOUNS
            or _AGE.fullmatch(last)
            or (  # "said planetary geologist Rosaly Lopes", in one phrase
                AGENT_NOUN.fullmatch(last)
                and not re.search(r"[^\w\s\-’']", self.masked[toks[at].start : toks[titled].start])
            )
        ):
            # … or an age: "wrote 43-year-old Jane Smith".
            mention = self.discourse.mention_at(toks[titled].start, toks[titled].end)
            if mention is not None and mention.entity.kind == "person":
                title = self.masked[toks[at].start : toks[titled - 1].end]
                self.discourse.learn_title(mention.entity, title)
                return Attribution(mention.surface, "name", 0.95, mention.entity)
        token = toks[at]
        if token.folded in PRONOUNS:
            return self._pronoun(token)
        issued = self._issuer_at(toks, at)
        if issued is not None:  # according to a statement from the ministry
            return self._mention_from(toks, issued, position)
        described = self._named_after_adjectives(toks, at)
        if described is not None:
            return described
        if self._describes_someone(toks, at, len(toks)):
            # "said one resident who asked not to be named": to the end of the clause.
            last = at
            while last + 1 < len(toks) and toks[last + 1].word not in ",;:" and last < at + 14:
                last += 1
            return self._unnamed(self.masked[token.start : toks[last].end])
        opening = token
        mention = self.discourse.mention_at(token.start, token.end)
        if mention is not None and self._possessor_of_someone(mention):
            # "said Smith's lawyer, John Doe", "said Ann Bell's husband, Tom": the lawyer,
            # the husband, read from the possessive on.
            while at + 1 < len(toks) and toks[at + 1].start < mention.end:
                at += 1
            token, mention = toks[at], None
        if mention is None and token.folded == "the" and at + 1 < len(toks):
            # "according to the Department of Conservation"
            named = self.discourse.mention_at(toks[at + 1].start, toks[at + 1].end)
            if named is not None and named.entity.kind == "organisation":
                mention = named
        if mention is not None:
            self._learn_appositive_after(mention.entity, mention.end)
            return Attribution(mention.surface, "name", 0.95, mention.entity)
        if token.folded in _NOUN_DETERMINERS or re.search(r"[’']s$", token.word):
            # "said the union's leader, Tom Smith", "said her lawyer, Tom Ross"
            for end in range(at + 1, min(len(toks), at + 7)):
                if toks[end].word in ",;:":
                    break
                if re.search(r"[’']s$", toks[end].word) and end + 1 < len(toks):
                    continue  # "the union's leader": the union is not who spoke
                if toks[end].folded in ROLE_NOUNS or _AGE.fullmatch(toks[end].folded):
                    tail = end
                    if end + 2 < len(toks) and toks[end + 1].folded in ("for", "of", "at"):
                        tail = next(
                            (i - 1 for i in range(end + 1, len(toks)) if toks[i].word in ",;:"),
                            len(toks) - 1,
                        )
                    named = self._named_after(toks, tail + 1)
                    if named is not None:  # "said the union's leader, Tom Smith"
                        return named
                    title = self.masked[opening.start : toks[tail].end]
                    return self._title(title, opening.start)
            return None
        if bare_name(token):
            entity = self.discourse._entity(token.word.rstrip("."), "person")
            return Attribution(token.word, "name", 0.85, entity)
        return None

    def _named_after_adjectives(self, toks: list[Token], at: int) -> Attribution | None:
        """A person named after an article and a few adjectives: `said a skeptical Robert
        Wolfarth`, `an emotional Ann Bell told` (not `a Smith spokesman`, nor `a source`)."""
        if toks[at].folded not in ("a", "an"):
            return None
        named = at + 1
        while (
            named < min(len(toks), at + 1 + _ADJECTIVES)
            and toks[named].word[:1].islower()
            and toks[named].folded not in _NOT_ADJECTIVES
        ):
            named += 1
        if named == at + 1 or named >= len(toks):
            return None
        mention = self.discourse.mention_at(toks[named].start, toks[named].end)
        if mention is None or mention.entity.kind != "person":
            return None
        following = next((t for t in toks[named + 1 :] if t.start >= mention.end), None)
        if following is not None and following.folded in ROLE_NOUNS:
            return None  # `a skeptical Smith spokesman`: the spokesman
        return Attribution(mention.surface, "name", 0.9, mention.entity)

    @staticmethod
    def _issuer_at(toks: list[Token], at: int) -> int | None:
        """Where the issuer begins in "a statement from the ministry", "the report by
        Reuters": a document and who issued it, the issuer being the speaker."""
        if at + 3 >= len(toks) or toks[at].folded not in ("a", "an", "the"):
            return None
        for head in range(at + 1, min(at + 4, len(toks) - 2)):
            if toks[head].word in ",;:":
                return None
            if toks[head].folded in lexicon.DOCUMENT_NOUNS:
                link = head + 1
                if toks[link].folded == "issued" and toks[link + 1].folded == "by":
                    link += 1
                return link + 1 if toks[link].folded in ("from", "by", "of") else None
        return None

    def _named_after(self, toks: list[Token], at: int) -> Attribution | None:
        """The person named right after a description, in commas or not: "the union's
        leader, Tom Smith" / "the union's leader Tom Smith"; in commas, also by a first
        name alone ("Ann Bell's husband, Tom")."""
        comma = at < len(toks) and toks[at].word == ","
        if comma:
            at += 1
        if at >= len(toks):
            return None
        mention = self.discourse.mention_at(toks[at].start, toks[at].end)
        alone = at + 1 == len(toks) or toks[at + 1].word in ",;:"
        if mention is None and comma and alone and bare_name(toks[at]):
            entity = self.discourse._entity(toks[at].word, "person")
            return Attribution(toks[at].word, "name", 0.85, entity)
        if mention is None or mention.entity.kind != "person":
            return None
        return Attribution(mention.surface, "name", 0.95, mention.entity)

    def _learn_appositive_after(self, entity: Entity, end: int) -> None:
        match = re.match(r"\s*,\s*((?:the|a|an)\s[^,.;:]{2,80})[,.;]", self.masked[end : end + 120])
        if match:
            self.discourse.learn_title(entity, match.group(1))

    def _first_mention(self, toks: list[Token]) -> Attribution | None:
        for token in toks:
            if token.folded in ("he", "she"):
                return self._pronoun(token)
            mention = self.discourse.mention_at(token.start, token.end)
            if mention is not None and mention.entity.kind == "person":
                if self._possessor_of_someone(mention):
                    continue  # `Bolger's lawyer, Jeremy Robinson, had a statement`: the lawyer
                return Attribution(mention.surface, "name", 0.95, mention.entity)
        return None

    def _pronoun(self, token: Token) -> Attribution:
        word = token.folded
        if word == "it":
            entity = self.discourse.last_before(token.start, kinds=("organisation",))
        elif word == "they":
            entity = self.discourse.last_before(token.start, kinds=("organisation", "person"))
        else:
            entity = self._sentence_subject(token.start, PRONOUNS[word])
            described = self._described_since(entity, token.start)
            if described is not None:
                # Described, never looked up by title (as unnamed.py's speakers).
                return Attribution(described.mention, "pronoun", 0.6, None)
        confidence = 0.85 if word in ("he", "she") else 0.6
        if entity is None:
            return Attribution(token.word, "pronoun", 0.3)
        return Attribution(token.word, "pronoun", confidence, entity)

    def _described_since(self, entity: Entity | None, position: int) -> Attribution | None:
        """Someone the text describes without a name (`But a spokesperson for the UCEA said
        its members…`) as the subject of the last sentence with a speech verb before the
        pronoun's, when that sentence comes after the last mention of the person the
        pronoun would otherwise mean: he or she is that unnamed speaker, not Jo Grady named
        a paragraph before."""
        since = max(0, position - CONTEXT)
        if entity is not None:
            since = next(
                (m.end for m in self.discourse.people_before(position) if m.entity is entity),
                since,
            )
        starts = [since, *sentence_ends(self.masked, since, position)]
        for number in range(len(starts) - 2, -1, -1):
            toks = tokens(self.masked, starts[number], starts[number + 1])
            verb_at = next((at for at in range(len(toks)) if is_speech_verb(toks, at)), None)
            if verb_at is None:
                continue
            first = 0
            while first < verb_at and toks[first].folded in _OPENING_WORDS:
                first += 1  # "But a spokesperson…"
            described = (
                first < verb_at
                and toks[first].folded in ("a", "an", "one", "another")
                and any(t.folded in lexicon.PERSON_ROLE_NOUNS for t in toks[first + 1 : first + 4])
            )
            if not described:
                return None
            description = self.masked[toks[first].start : toks[verb_at - 1].end]
            return Attribution(re.sub(r"\s+", " ", description), "title", 0.6, None)
        return None

    def _pronoun_before(self, position: int, gender: str) -> int | None:
        """Where he (or she) stands if it opens the sentence of `position`."""
        low = max(0, position - CONTEXT)
        low = max(low, self.masked.rfind("\n", low, position) + 1)
        ends = sentence_ends(self.masked, low, position)
        start = ends[-1] if ends else low
        pronoun = _HE if gender == "m" else _SHE
        match = pronoun.match(self.masked, _skip_space(self.masked, start, position))
        if match is None:
            # "And despite the advantages her fame gave her, she was more nervous than
            # Rose-Lynn": the subject after an opening clause, before the name.
            match = _AFTER_COMMA[gender].search(self.masked, start, position)
        return match.start() if match else None

    def _description_opening(self, position: int) -> int | None:
        """Where "the singer" or "the 54-year-old" stands if it opens the sentence of
        `position` as its subject (a role noun that names no office)."""
        low = max(0, position - CONTEXT)
        low = max(low, self.masked.rfind("\n", low, position) + 1)
        ends = sentence_ends(self.masked, low, position)
        start = _skip_space(self.masked, ends[-1] if ends else low, position)
        match = _DESCRIPTION.match(self.masked, start, position)
        if match is None:
            return None
        noun = fold(match.group(1))
        return start if noun in lexicon.DESCRIPTIVE_NOUNS or _AGE.fullmatch(noun) else None

    def _sentence_subject(self, position: int, gender: str | None, depth: int = 0) -> Entity | None:
        """Whom he or she at `position` means: the last sentence before it that names a
        person of that gender (or of unknown gender), and of those it names, the first, its
        subject more often than not (`"…," said Patrick McHugh, vice president for Con
        Edison, which maintains the cables. "…," he added.`), unless the first stands in a
        phrase that opens the sentence before its subject (`In an interview with Oprah
        Winfrey, Michelle Obama said…`: Michelle Obama)."""
        entity = self._first_of_last_sentence(position, gender, depth)
        return subject_past_opening_phrase(self, entity, position, gender)

    def _first_of_last_sentence(
        self, position: int, gender: str | None, depth: int = 0
    ) -> Entity | None:
        found, later, seen = None, None, []
        for mention in self.discourse.people_before(position):
            if len(seen) >= _SENTENCE_MENTIONS:
                break
            if later is not None and self._sentence_between(mention.end, later.start):
                break
            possessive = self._possessor_of_someone(mention)
            # "Steenburgen's son, filmmaker Charlie McDowell": the possessive is no one the
            # pronoun could mean, so it does not stop learning his gender.
            seen.append(None if possessive else mention.entity)
            if mention.entity.gender in (None, gender or mention.entity.gender) and not (
                possessive and found
            ):
                found = mention  # not "Reed's" in "Reed's deputy, Olav Strand, met…"
            if found is not None:
                later = mention
        if found is None:
            return None
        if gender and depth < _PRONOUN_CHAIN:
            # "He was arrested for the call to the offices of Omar. During the call, he
            # asked…": the same pronoun as that sentence's subject means whom it means.
            earlier = self._pronoun_before(found.start, gender)
            if earlier is not None:
                entity = self._sentence_subject(earlier, gender, depth + 1)
                if entity is not None:
                    return entity
            # "The singer, 29, said Scooter Braun had told her…": that sentence is about
            # whom "the singer" means, as its opening says.
            described = self._description_opening(found.start)
            if described is not None:
                entity = self._sentence_subject(described, gender, depth + 1)
                if entity is not None and entity.gender in (None, gender):
                    return entity
        if (
            gender
            and all(entity in (None, found.entity) for entity in seen)
            and not _OTHER_GENDER[gender].search(
                self.masked, found.end, self._sentence_end(position)
            )
        ):
            # Nobody else it could mean: what the pronoun says of them holds from now on
            # (but not `… Raquel Montoya-Lewis is historic, but he called on her`, where the
            # other gender's pronoun says someone unnamed is meant).
            self.discourse.learn_gender(found.entity, "he" if gender == "m" else "she")
        return found.entity

    def _sentence_end(self, position: int) -> int:
        """Where the sentence (or the line) of `position` ends, within CONTEXT."""
        high = min(len(self.masked), position + CONTEXT)
        line = self.masked.find("\n", position, high)
        high = line if line != -1 else high
        ends = sentence_ends(self.masked, position, high, first=True)
        return ends[0] if ends else high

    def _possessor_of_someone(self, mention) -> bool:
        """Whether the mention is a possessive that stands before a person: "Reed's
        deputy", "Reed's new spokesman" (but not "Taylor Swift's first six albums", where
        Swift is who the sentence is about)."""
        after = self.masked[mention.end : mention.end + 60]
        if not re.search(r"[’']s$", mention.surface):
            if not re.match(r"[’']s\b", after):
                return False
            after = after[2:]
        following = re.findall(r"[A-Za-z][\w\-]*", after)[:3]
        return any(
            fold(word) in ROLE_NOUNS or fold(word) in lexicon.UNNAMED_PEOPLE for word in following
        )

    def _sentence_between(self, start: int, end: int) -> bool:
        """Whether a sentence or a paragraph ends between two mentions."""
        if end - start > CONTEXT or "\n" in self.masked[start:end]:
            return True
        return bool(sentence_ends(self.masked, start, end, first=True))

    def _title(self, title: str, position: int) -> Attribution:
        if title.split()[0].casefold() in lexicon.UNNAMED_DETERMINERS:
            return self._unnamed(title)  # "a spokesman for the council": someone new
        named = person_named_as(self, title, position)
        if named is not None:
            # "Morton County sheriff Kyle Kirchmeier … the sheriff said": the one person
            # the text gave that role.
            return Attribution(title, "title", 0.8, named)
        entity = self.discourse.by_title(title, position)
        if entity is not None:
            return Attribution(title, "title", 0.85, entity)
        words = title.split()
        if (
            len(words) == 4
            and words[0].casefold() == "the"
            and words[2] == "and"
            and fold(words[1]) in lexicon.DESCRIPTIVE_NOUNS
        ):
            words = [words[0], words[3]]  # "the singer and guitarist": one person, twice
        if len(words) == 2 and words[0].casefold() == "the":
            noun = fold(words[1])
            if noun in _ANYONE:
                # "the man wrote", "the woman said": anyone at all, unless the text gave
                # a named person that noun (by_title, above); not the last man named.
                return Attribution(title, "title", 0.6, None, title=title)
            if noun in lexicon.DESCRIPTIVE_NOUNS or _AGE.fullmatch(noun):
                # "the actress", "the 54-year-old": no office a directory knows, but what
                # the article calls the person it is about.
                gender = "f" if noun in lexicon.FEMALE_WORDS else None
                gender = "m" if noun in lexicon.MALE_WORDS else gender
                entity = self._sentence_subject(position, gender)
                if entity is not None:
                    return Attribution(title, "title", 0.6, entity)
        held = self._office_of_the_subject(words, title, position)
        if held is not None:
            return held
        return Attribution(title, "title", 0.6, None, title=title)

    def _office_of_the_subject(
        self, words: list[str], title: str, position: int
    ) -> Attribution | None:
        """An office of rank that no one in the text is given and the speaker directory
        does not know (`Chris Grayling warned … Speaking in the Commons, the Conservative
        MP said`, `the future President said`): the news writer's other name for whom the
        sentences before are about, the subject of the last one naming someone. Asks the
        directory (a query, cached per title)."""
        if len(words) > 4 or words[0].casefold() != "the" or fold(words[-1]) not in _OFFICES:
            return None
        if any(fold(word) in ("of", "for", "at", "from") for word in words):
            return None  # `the mayor of Leeds`: an office the directory may know by name
        if self.directory is None or self.directory.find_title(title) is not None:
            return None  # without a directory to ask, the office is left for it (_proposal)
        entity = self._sentence_subject(position, None)
        if entity is None or entity.kind != "person":
            return None
        return Attribution(title, "title", 0.55, entity)


# Offices of rank a named person holds, which news writers use instead of the name the
# sentence before gave (`the Conservative MP`); not roles of the unnamed (`the spokesman`,
# `the officer`, `the source`).
_OFFICES = lexicon.words(
    """
    president minister secretary chancellor senator governor mayor premier mp mep msp
    congressman congresswoman representative councillor councilor councilman
    councilwoman ambassador commissioner chairman chairwoman ceo king queen prince
    princess
    """
)

# Nouns that say only that someone is a person: "the man", "the woman" is whoever the text
# called so, not whoever it named last.
_ANYONE = lexicon.words("man woman boy girl")


def subject_past_opening_phrase(resolver, entity: Entity | None, position: int, gender):
    """`entity`, or the subject of a speech verb later in its sentence when `entity` is
    named only in a phrase that opens the sentence and a comma closes (`In an interview
    with Oprah Winfrey, Michelle Obama said`, `Referring to Modi's visit…, Geng said:`).
    A function of the resolver's `masked` text and `discourse` alone, so that
    bench/attribution_ranker.py can measure it on the rules of earlier rounds too."""
    if entity is None:
        return None
    masked, discourse = resolver.masked, resolver.discourse
    later, found = [], None
    for mention in discourse.people_before(position):  # the latest first
        if mention.entity is entity:
            found = mention
            break
        if len(later) >= _SENTENCE_MENTIONS:
            return entity
        later.append(mention)
    if found is None:
        return entity
    low = max(0, found.start - CONTEXT)  # read within CONTEXT, so the work stays linear
    line_start = max(low, masked.rfind("\n", low, found.start) + 1)
    ends = sentence_ends(masked, line_start, found.start)
    opening = re.match(r"\s*([A-Za-z]+)", masked[ends[-1] if ends else line_start : found.start])
    if opening is None or fold(opening.group(1)) not in _OPENING_PHRASE:
        return entity
    for mention in reversed(later):  # the earliest first
        between = masked[found.end : mention.start]
        if len(between) > CONTEXT or "\n" in between:
            break
        if sentence_ends(masked, found.end, mention.start, first=True):
            break
        if "," not in between or mention.entity is entity:
            continue
        if gender and mention.entity.gender not in (None, gender):
            continue
        after = tokens(masked, mention.end, min(len(masked), mention.end + 40))[:3]
        if any(is_speech_verb(after, at) for at in range(len(after))):
            return mention.entity
    return entity
