"""Who said a quoted span, and how sure we are: the attribution rules of wire copy.

Each span is read in its sentence, with the quotations masked out. In order:

1. after the span: `"…," he said` / `"…," said Putin` / `"…," according to the minister`;
2. before it: the last speech verb of the sentence and its subject (`Putin said, "…"`,
   `Trump called the strikes a "…"`), or the sentence's first-named speaker when the verb
   is a participle (`…, calling them "…"`);
3. a span in the same sentence as an attributed one shares its speaker (split quotes:
   `"…," he said, "…"`);
4. a span that opens a sentence of its own with no attribution continues the last
   attributed quotation of its paragraph or the one before (the way wire copy strings a
   speaker's sentences together), with less confidence; so does a fragment in the first
   person inside a sentence of the text's own;
5. otherwise a quoted sentence standing alone is said by whom the nearest sentence before
   it (in its paragraph, or the one before) is about, with less confidence still.

Speakers the text describes without naming ("one resident who asked not to be named", "a
source close to the talks", "officials") get an attribution of their own with no one
named: the describing words are its mention, and it is never matched to a named person.

A mention is a name (linked to the fullest form the text gives), a pronoun (the last named
person before it, passing over those of the other gender when known), or a title used
instead of a name ("the Russian President"), matched to a person the text titled so, and
otherwise left for the speaker directory.

Reading the words and sentences is in sentences.py; where a span stands in its text (its
paragraph, the clauses around it), in segments.py.
"""

import re
from dataclasses import dataclass

from . import lexicon
from .lexicon import words
from .mentions import Discourse, Entity, fold
from .segments import Segments
from .sentences import Token, bare_name, is_speech_verb, sentence_ends, tokens
from .spans import QuotedSpan, looks_like_sentence

PRONOUNS = {"he": "m", "she": "f", "they": None, "it": None}
_ADVERBS = words(
    """
    also later then has had have would will again previously once reportedly publicly
    separately earlier further however repeatedly quickly simply only just recently
    immediately bluntly flatly angrily firmly quietly calmly and subsequently
    """
)
ROLE_NOUNS = lexicon.PERSON_ROLE_NOUNS | lexicon.ORGANISATION_NOUNS | lexicon.DESCRIPTIVE_NOUNS
# "the 54-year-old said" (a token begins with a letter: "year-old" is what is read of it)
_AGE = re.compile(r"(?:\d+-)?year-old")
_BE = words("is are was were be been being")
_NOUN_DETERMINERS = words("the a an his her their its our")
_AUXILIARY = words("was were is are been be to quoted reported as having")
_DESCRIBING = lexicon.UNNAMED_DETERMINERS | lexicon.UNNAMED_ADJECTIVES | {"the"}
_FIRST_PERSON = re.compile(r"\b(?:I|I’m|I'm|I’ve|I've|I’d|I'd|I’ll|I'll|me|my|we|our|us)\b")


def _is_adverb(token: Token) -> bool:
    """A word between a speaker and the verb: "also", "later", "tearfully", "allegedly"
    (a lower-case word in -ly, but for the few nouns that could be the subject)."""
    word = token.folded
    return word in _ADVERBS or (
        word.endswith("ly") and token.word[0].islower() and word not in _NOUNS_IN_LY
    )


_NOUNS_IN_LY = words("family assembly supply rally ally anomaly monopoly reply fly")


def _skip_space(text: str, start: int, end: int) -> int:
    while start < end and text[start] in " \t\"“”’‘'":
        start += 1
    return start


def _comparable(words: str) -> str:
    return " ".join(re.findall(r"\w+", words.casefold()))


_REFERRING = words("this that these those the such")
# How many earlier quotations a phrase quoted again is looked for in.
_ECHOES = 20
_DESCRIPTION = re.compile(r"[Tt]he[ \t]+(?:\d+-)?([A-Za-z][\w\-]*)\b")
_HE = re.compile(r"\b[Hh]e\b")
_SHE = re.compile(r"\b[Ss]he\b")
# How many sentences back a chain of the same pronoun is followed.
_PRONOUN_CHAIN = 3
# How far back (in characters) the sentence before a lone quotation is read.
_CONTEXT = 600
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


class Attributor(Segments):
    """Attributes the spans of one text, in order (earlier attributions inform later ones)."""

    def __init__(
        self, text: str, masked: str, spans: list[QuotedSpan], discourse: Discourse, directory=None
    ):
        super().__init__(text, spans)
        self.masked = masked
        self.discourse = discourse
        self.directory = directory
        self.results: list[Attribution | None] = []
        self._comparable: dict[int, str] = {}  # quotations' words as _echo compares them

    # --- attributing -----------------------------------------------------------------

    def attribute(self, index: int) -> Attribution | None:
        _, _, same_sentence = self.before_clause(index)
        previous = self.results[index - 1] if index else None
        if self._verb_right_before(index):
            # `he said, "…," the prosecutor's office said`: the words are his; the office
            # only reports them. `he called Omar a "terrorist" and said, "…"`: his again.
            result = self._before(index)
            if result is None and same_sentence and previous is not None:
                result = previous.shared(0.95)
            result = result or self._after(index)
        else:
            result = self._after(index) or self._before(index)
        if result is None:
            if same_sentence and previous is not None:
                result = previous.shared(0.95)
            else:
                # The last attributed quotation, past terms in quotation marks that no one
                # is said to have said (`This "mathematical trick" was…`).
                last = index - 1
                while last >= max(0, index - 3) and self.results[last] is None:
                    last -= 1
                if last >= 0 and self.results[last] is not None and self._continues(index, last):
                    result = self.results[last].shared(0.7, "continuation")
            if result is None:
                result = self._from_context(index) or self._echo(index)
        self.results.append(result)
        return result

    def _echo(self, index: int) -> Attribution | None:
        """A phrase quoted again from an earlier quotation is its speaker's: `…the merger
        would allow "investing for growth that will drive revenues." It is not easy to
        reconcile dividends with "investing for growth."`. Looked for among the last few
        attributed quotations."""
        phrase = _comparable(self.spans[index].words(self.text))
        if len(phrase.split()) < 2:
            return None
        start, end, _ = self.before_clause(index)
        before = tokens(self.masked, max(start, end - 20), end)
        if before and before[-1].folded in _REFERRING:
            return None  # `This "mathematical trick" was…`: the words named, not said again
        looked = 0
        for earlier in range(index - 1, -1, -1):
            result = self.results[earlier]
            if result is None:
                continue
            if earlier not in self._comparable:
                self._comparable[earlier] = _comparable(self.spans[earlier].words(self.text))
            if phrase in self._comparable[earlier]:
                return result.shared(0.8, "echo")
            looked += 1
            if looked >= _ECHOES:
                break
        return None

    def _verb_right_before(self, index: int) -> bool:
        """Whether a speech verb stands right before the span (`and said, "…"`,
        `protesters chanted, "…"`): the span is what its subject said."""
        start, end, _ = self.before_clause(index)
        toks = tokens(self.masked, max(start, end - 40), end)
        while toks and toks[-1].word in ",:":
            toks.pop()
        return bool(toks) and is_speech_verb(toks, len(toks) - 1)

    def _from_context(self, index: int) -> Attribution | None:
        """A quoted sentence standing alone, with no quotation of the same speaker just
        before it: the person the sentence before it is about (`Charles Schultze … once
        summed up the danger with a metaphor. "It's not so much…"`): the subject of its
        speech verb, or else the first person it names. Looked for in the same paragraph,
        or in the paragraph before when the quotation opens its own."""
        span = self.spans[index]
        start, end, _ = self.before_clause(index)
        words, raw = span.words(self.text), span.raw(self.text)
        whole = raw[:1].isupper() and raw.endswith((".", "!", "?")) and " " in raw
        if tokens(self.masked, start, end) or not (whole or looks_like_sentence(words)):
            return None
        if self.is_short_line(span) and self.opens_its_line(span):
            return None  # a heading, or a line that could be one
        paragraph_start, _ = self.paragraph_bounds(span)
        if self.masked[paragraph_start:start].strip():
            high = start
        else:
            high = paragraph_start - 1  # the end of the paragraph before, if any
            while high > 0 and self.masked[high - 1].isspace():
                high -= 1
        if high <= 0:
            return None
        line_start = self.masked.rfind("\n", max(0, high - _CONTEXT), high) + 1
        low = max(line_start, high - _CONTEXT)
        ends = [at for at in sentence_ends(self.masked, low, high) if at < high - 1]
        # The last sentence of the paragraph (within reach) that names anyone.
        starts = [low, *ends]
        for number in range(len(starts) - 1, -1, -1):
            sentence_end = starts[number + 1] if number + 1 < len(starts) else high
            toks = tokens(self.masked, starts[number], sentence_end)
            found = self._sentence_speaker(toks)
            if found is not None:
                return found
        return None

    def _sentence_speaker(self, toks: list[Token]) -> Attribution | None:
        """Whom a sentence is about: the subject of its speech verb, or else the first
        person it names."""
        for verb_at in range(len(toks) - 1, -1, -1):
            if is_speech_verb(toks, verb_at):
                found = self._subject_before(toks, verb_at, limit_start=0)
                if found is not None and found[0].entity is not None:
                    return found[0].shared(0.65, "sentence")
                break
        first = self._first_mention(toks)
        return first.shared(0.6, "sentence") if first is not None else None

    def _continues(self, index: int, last: int) -> bool:
        """A span opening its own sentence, right after the previous quotation's paragraph,
        with no one else named in between; or, inside a sentence of the text's own, a
        fragment in the first person (`The price is "as low as I've ever seen."`)."""
        span, previous = self.spans[index], self.spans[last]
        if self.is_short_line(span) and self.opens_its_line(span):
            return False  # a heading, or a line that could be one
        start, end, _ = self.before_clause(index)
        if tokens(self.masked, start, end) and not _FIRST_PERSON.search(span.words(self.text)):
            return False  # inside a sentence of the text's own: `You don't need a "God view"`
        between = self.text[previous.close_at : span.open_at]
        if between.count("\n") > 2 or len(between) > 400:
            return False
        # Who is named in the previous quotation's own sentence ("…," says Stephen
        # Calderwood, president of the Infectious Diseases Society) is not someone else
        # speaking.
        ends = sentence_ends(self.masked, previous.close_at + 1, span.open_at, first=True)
        after = ends[0] if ends else previous.close_at
        if self.text[previous.start : previous.end].endswith((".", "!", "?")) or (
            "\n" in self.text[previous.close_at : after]
        ):
            after = previous.close_at  # its sentence ended with it: `"…clock." Ash is…`
        mentioned = [
            m
            for m in self.discourse.mentions_between(after, span.open_at)
            if m.entity.kind == "person"
        ]
        speaker = self.results[last].entity
        return all(m.entity is speaker for m in mentioned)

    def _after(self, index: int) -> Attribution | None:
        start, end = self.after_clause(index)
        toks = tokens(self.masked, start, end)
        commas = 0
        while commas < len(toks) and toks[commas].word == ",":
            commas += 1
        toks = toks[commas:]
        if not toks:
            return None
        span = self.spans[index]
        if self.text[span.start : span.end].endswith(".") and toks[0].word[0].isupper():
            return None  # the quoted sentence ended; the next one is not its attribution
        position = toks[0].start
        if toks[0].folded == "according" and len(toks) > 2 and toks[1].folded == "to":
            return self._mention_from(toks, 2, position)
        if is_speech_verb(toks, 0):  # "…," said Putin
            skip = 2 if lexicon.SPEECH_PHRASES.get(toks[0].folded) else 1
            return self._mention_from(toks, skip, position)
        # "…," Putin said / he said / the minister told reporters / her mother, Fiona, said
        # / "…" in that law, Azzouz said
        for verb_at in range(1, min(len(toks), 16)):
            if not is_speech_verb(toks, verb_at):
                continue
            if toks[verb_at - 1].folded in ("who", "which", "that", "whom"):
                continue  # "one resident, who asked not to be named, said"
            found = self._subject_before(toks, verb_at, limit_start=0)
            if found is not None and found[1] == 2 and toks[1].folded == "and":
                # "Smith and Roe said": the first named.
                first = self._mention_ending(toks, 0, 0)
                if first is not None and first[0].entity is not None:
                    return first[0]
            if found is not None and found[1] == 0:
                return found[0]
            # After words that are not its subject: "her mother, Fiona, said", "in that
            # law, Azzouz said", "as Reuters reported".
            introduced = found is not None and (
                self._described_before(toks, found[1])
                or toks[found[1] - 1].word == ","
                or (found[1] == 1 and toks[0].folded == "as")
                or (  # "…" contributing to this problem, the CDC says
                    found[1] >= 2
                    and toks[found[1] - 1].folded in ("the", "a", "an")
                    and toks[found[1] - 2].word == ","
                )
            )
            if introduced and found[0].method == "name":
                return found[0]
            unnamed = self._unnamed_before(toks, verb_at)
            if unnamed is not None:
                return unnamed
            if introduced:
                return found[0]
            break
        # has been described as "heartbreaking" by the conservation department
        if toks[0].folded == "by" and len(toks) > 1 and self._passive_before(index):
            found = self._mention_from(toks, 1, toks[0].start)
            if found is not None:
                return found
        # "…" are all thought to contribute, according to the Department of Conservation
        for at in range(1, len(toks) - 2):
            if toks[at].folded == "according" and toks[at + 1].folded == "to":
                return self._mention_from(toks, at + 2, toks[at].start)
        return None

    def _before(self, index: int) -> Attribution | None:
        start, end, _ = self.before_clause(index)
        toks = tokens(self.masked, start, end)
        for at in range(len(toks) - 1, -1, -1):
            if is_speech_verb(toks, at):
                break  # a speech verb nearer the quotation than "according to" says more
            if (
                toks[at].folded == "according"
                and at + 1 < len(toks)
                and toks[at + 1].folded == "to"
            ):
                found = self._mention_from(toks, at + 2, toks[at].start)
                if found:
                    return found
        for verb_at in range(len(toks) - 1, -1, -1):
            if not is_speech_verb(toks, verb_at):
                continue
            if self._passive(toks, verb_at):
                # "Bell was praised by Ross as "…"": who did the praising, not Bell.
                by = next(
                    (i for i in range(verb_at + 1, len(toks)) if toks[i].folded == "by"), None
                )
                if by is not None:
                    return self._mention_from(toks, by + 1, toks[by].start)
                # `Bell was called "…" by Ross`, read after the quotation; else no one named
                # (`a stranding that was described as "unprecedented"`).
                return self._after(index) or self._unnamed(toks[verb_at].word)
            found = self._subject_before(toks, verb_at, limit_start=0)
            participle = toks[verb_at].folded.endswith("ing")
            if found is not None and (not participle or found[1] == verb_at - 1):
                return found[0]
            if not participle:
                unnamed = self._unnamed_before(toks, verb_at)
                if unnamed is not None:  # "One resident, who did not want to be named, said"
                    return unnamed
                antecedent = self._antecedent(toks, verb_at)
                if antecedent is not None:
                    return antecedent
            first = self._first_mention(toks[:verb_at]) or self._bare_subject(toks, verb_at)
            if first is not None:
                return first.shared(0.85, "sentence")
            return self._unnamed_subject(toks, verb_at)
        return self._introduced(toks)

    @staticmethod
    def _passive(toks: list[Token], verb_at: int) -> bool:
        """Whether the speech verb is in the passive: `was praised`, `were called`."""
        at = verb_at - 1
        while at >= 0 and _is_adverb(toks[at]):
            at -= 1
        return at >= 0 and toks[at].folded in _BE and toks[verb_at].folded in lexicon.PASSIVE_SPEECH

    def _antecedent(self, toks: list[Token], verb_at: int) -> Attribution | None:
        """The subject of `who called it "…"`: whom "who" stands for, the words right
        before it (`Tom Ross met Ann Bell, who called the ruling "…"` is Ann Bell's; `a
        career Army officer who described the call as "…"` is an officer's, unnamed)."""
        at = verb_at - 1
        while at >= 0 and _is_adverb(toks[at]):
            at -= 1
        if at < 1 or toks[at].folded != "who":
            return None
        at -= 1
        if toks[at].word == "," and at >= 1:
            at -= 1
        found = self._mention_ending(toks, at, 0)
        return found[0] if found is not None else None

    def _introduced(self, toks: list[Token]) -> Attribution | None:
        """A quotation its sentence introduces without a speech verb: after a colon (`Her
        deputy, Colin Reeves, was more cautious: "…"`) or in someone's words (`In Dr.
        Shadlen's words, "…"`): the first person the clause names."""
        if not toks:
            return None
        # In someone's words / phrase / terms, in commas or in brackets: `(in economist
        # Tyler Cowen's phrase) "markets in everything"`.
        last = len(toks) - 1 if toks[-1].word == "," else len(toks)
        if last and toks[last - 1].folded in ("words", "phrase", "terms"):
            opening = next(
                (i for i in range(last - 2, max(-1, last - 9), -1) if toks[i].folded == "in"),
                None,
            )
            if opening is not None:
                first = self._first_mention(toks[opening + 1 : last - 1])
                if first is not None:
                    return first.shared(0.85, "sentence")
        if toks[-1].word != ":":
            return None
        first = self._first_mention(toks[:-1])
        return first.shared(0.85, "sentence") if first is not None else None

    def _bare_subject(self, toks: list[Token], verb_at: int) -> Attribution | None:
        """ "In the midst of the fear, Uber stepped in and tweeted": a capitalised word
        opening the clause, followed by a lower-case one, is the clause's subject."""
        start = max((i + 1 for i in range(verb_at) if toks[i].word in ",;:"), default=0)
        if start + 1 >= verb_at:
            return None
        token, following = toks[start], toks[start + 1]
        if not bare_name(token) or token.folded in lexicon.TITLE_WORDS:
            return None
        if not following.word[0].islower() or following.folded in lexicon.NOT_NAMES:
            return None
        entity = self.discourse._entity(token.word.rstrip("."), "person")
        return Attribution(token.word, "name", 0.85, entity)

    @staticmethod
    def _described_before(toks: list[Token], first: int) -> bool:
        """Whether toks[:first] are a description that stands before a name: "the
        union's leader" (Tom Smith said), "the company's chief executive"."""
        if not 0 < first <= 6:
            return False
        opener, last = toks[0], toks[first - 1]
        described = opener.folded in ("the", "a", "an") or re.search(r"[’']s$", opener.word)
        titled = last.word[0].islower() and (
            last.folded in lexicon.TITLE_WORDS or last.folded in lexicon.PERSON_ROLE_NOUNS
        )  # "Amazon spokeswoman Kate Lee said"
        if not (described and first > 1) and not titled:
            return False
        return all(
            t.word not in ",;:" and not is_speech_verb(toks, i) for i, t in enumerate(toks[:first])
        )

    def _passive_before(self, index: int) -> bool:
        """Whether the clause before the span ends with a speech verb in the passive
        (`described as`, `was called`, `were branded`)."""
        start, end, _ = self.before_clause(index)
        toks = tokens(self.masked, start, end)[-3:]
        words = [t.folded for t in toks]
        if words and words[-1] == "as":
            words = words[:-1]
        return bool(words) and words[-1] in lexicon.PASSIVE_SPEECH

    def _unnamed_before(self, toks: list[Token], verb_at: int) -> Attribution | None:
        """ "…," one resident, who asked not to be named, said / officials said: a speaker
        the text describes without naming, from the clause's first word to the verb."""
        start = 0
        if not self._describes_someone(toks, 0, verb_at):
            # "…" in his entourage, a senior political source told Reuters
            start = max((i + 1 for i in range(verb_at) if toks[i].word == ","), default=0)
            if start == 0 or not self._describes_someone(toks, start, verb_at):
                return None
        last = verb_at - 1
        while last > start and (toks[last].word in ",;:" or toks[last].folded in _ADVERBS):
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
        words = [t for t in toks[start:verb_at] if t.folded not in _ADVERBS]
        if not 1 <= len(words) <= 5 or not all(t.word[0].islower() or t is words[0] for t in words):
            return None
        if words[-1].folded in lexicon.NOT_NAMES or re.search(r"n[’']t$", words[0].word):
            return None
        title = self.masked[words[0].start : words[-1].end]
        return Attribution(title, "title", 0.5, None, title=title)

    # --- mentions --------------------------------------------------------------------

    def _subject_before(self, toks: list[Token], verb_at: int, limit_start: int):
        """The mention that is the subject of the verb at `verb_at`: (attribution, index of
        its first token), looking left past adverbs and an appositive in commas."""
        at = verb_at - 1
        while at >= limit_start and (_is_adverb(toks[at]) or toks[at].folded in _AUXILIARY):
            at -= 1  # "Smith was quoted as saying", "Smith allegedly told"
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
                return None
            inner = self._mention_ending(toks, at - 1, comma + 1)
            if inner is not None and inner[1] == comma + 1 and inner[0].method == "name":
                return inner[0], comma + 1
            appositive = self.masked[toks[comma + 1].start : toks[at - 1].end]
            at = comma - 1
            if at < limit_start:
                return None
        found = self._mention_ending(toks, at, limit_start)
        titled = appositive and (
            appositive.split()[0].casefold() in ("the", "a", "an") or "’s" in appositive
        )
        if found is not None and titled and found[0].entity is not None:
            self.discourse.learn_title(found[0].entity, appositive)
        return found

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
        if token.folded in lexicon.UNNAMED_PEOPLE:
            # "Fans had sung", "Some analysts have described", "senior officials said"
            first = at
            while first - 1 >= limit_start and toks[first - 1].folded in _DESCRIBING:
                first -= 1
            return self._unnamed(self.masked[toks[first].start : token.end]), first
        if bare_name(token) and token.folded not in lexicon.TITLE_WORDS:
            # A name the text has not introduced: the subject of a speech verb. Capitalised
            # words before it are part of it: "the White House said".
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
        """Where "the leader of" / "a spokesman for" begins, before toks[first]."""
        link = first - 1
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

    def _mention_from(self, toks: list[Token], at: int, position: int) -> Attribution | None:
        """The mention starting at toks[at] ("said the Russian President", "said Putin")."""
        if at >= len(toks):
            return None
        # Titles in lower case before the name: "said chief inspector Jennifer Mattinson",
        # "says veteran industry analyst Ken Doctor" (words that end in a role noun), "said
        # Springfield resident Jane Smith" (after where they are from).
        titled = at
        if (
            toks[at].word[0].isupper()
            and at + 2 < len(toks)
            and toks[at + 1].word[0].islower()
            and self.discourse.mention_at(toks[at].start, toks[at].end) is None
        ):
            titled = at + 1
        while (
            titled < min(len(toks) - 1, at + 4)
            and toks[titled].word[0].islower()
            and toks[titled].folded not in lexicon.NOT_NAMES
            and not is_speech_verb(toks, titled)
        ):
            titled += 1
        last = toks[titled - 1].folded if titled > at and toks[titled - 1].word[0].islower() else ""
        if last in lexicon.TITLE_WORDS or last in ROLE_NOUNS:
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
        if self._describes_someone(toks, at, len(toks)):
            # "said one resident who asked not to be named": to the end of the clause.
            last = at
            while last + 1 < len(toks) and toks[last + 1].word not in ",;:" and last < at + 14:
                last += 1
            return self._unnamed(self.masked[token.start : toks[last].end])
        mention = self.discourse.mention_at(token.start, token.end)
        if mention is not None and self._possessor_of_someone(mention):
            mention = None  # "said Smith's lawyer, John Doe": the lawyer
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
                    title = self.masked[token.start : toks[tail].end]
                    return self._title(title, token.start)
            return None
        if bare_name(token):
            entity = self.discourse._entity(token.word.rstrip("."), "person")
            return Attribution(token.word, "name", 0.85, entity)
        return None

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
        leader, Tom Smith" / "the union's leader Tom Smith"."""
        if at < len(toks) and toks[at].word == ",":
            at += 1
        if at >= len(toks):
            return None
        mention = self.discourse.mention_at(toks[at].start, toks[at].end)
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
        confidence = 0.85 if word in ("he", "she") else 0.6
        if entity is None:
            return Attribution(token.word, "pronoun", 0.3)
        return Attribution(token.word, "pronoun", confidence, entity)

    def _pronoun_before(self, position: int, gender: str) -> int | None:
        """Where he (or she) stands if it opens the sentence of `position`."""
        low = max(0, position - _CONTEXT)
        low = max(low, self.masked.rfind("\n", low, position) + 1)
        ends = sentence_ends(self.masked, low, position)
        start = ends[-1] if ends else low
        pronoun = _HE if gender == "m" else _SHE
        match = pronoun.match(self.masked, _skip_space(self.masked, start, position))
        return match.start() if match else None

    def _description_opening(self, position: int) -> int | None:
        """Where "the singer" or "the 54-year-old" stands if it opens the sentence of
        `position` as its subject (a role noun that names no office)."""
        low = max(0, position - _CONTEXT)
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
        Edison, which maintains the cables. "…," he added.`)."""
        found, later, seen = None, None, []
        for mention in self.discourse.people_before(position):
            if len(seen) >= _SENTENCE_MENTIONS:
                break
            if later is not None and self._sentence_between(mention.end, later.start):
                break
            seen.append(mention.entity)
            possessive = self._possessor_of_someone(mention)
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
        if gender and all(entity is found.entity for entity in seen):
            # Nobody else it could mean: what the pronoun says of them holds from now on.
            self.discourse.learn_gender(found.entity, "he" if gender == "m" else "she")
        return found.entity

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
        if end - start > _CONTEXT or "\n" in self.masked[start:end]:
            return True
        return bool(sentence_ends(self.masked, start, end, first=True))

    def _title(self, title: str, position: int) -> Attribution:
        if title.split()[0].casefold() in lexicon.UNNAMED_DETERMINERS:
            return self._unnamed(title)  # "a spokesman for the council": someone new
        entity = self.discourse.by_title(title, position)
        if entity is not None:
            return Attribution(title, "title", 0.85, entity)
        words = title.split()
        if len(words) == 2 and words[0].casefold() == "the":
            noun = fold(words[1])
            if noun in lexicon.DESCRIPTIVE_NOUNS or _AGE.fullmatch(noun):
                # "the actress", "the 54-year-old": no office a directory knows, but what
                # the article calls the person it is about.
                gender = "f" if noun in lexicon.FEMALE_WORDS else None
                gender = "m" if noun in lexicon.MALE_WORDS else gender
                entity = self._sentence_subject(position, gender)
                if entity is not None:
                    return Attribution(title, "title", 0.6, entity)
        return Attribution(title, "title", 0.6, None, title=title)
