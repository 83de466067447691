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
paragraph, the clauses around it), in segments.py; the clauses' rules (steps 1 and 2, and
speakers described without a name), in clauses.py; the subject of a speech verb, in
subjects.py; whom a mention means, in resolution.py; what a document that speaks is, and
the `by` or `from` that names its issuer, in issuers.py.
"""

import re
from functools import lru_cache

from . import lexicon
from .clauses import SpeechClauses
from .issuers import DOCUMENTS, ISSUING_VERBS, DocumentIssuers
from .lexicon import words
from .mentions import Discourse
from .resolution import CONTEXT, Attribution, MentionResolver
from .segments import Segments
from .sentences import Token, is_speech_verb, sentence_ends, tokens
from .spans import QuotedSpan, looks_like_sentence
from .subjects import SubjectReader

_FIRST_PERSON = re.compile(r"\b(?:I|I’m|I'm|I’ve|I've|I’d|I'd|I’ll|I'll|me|my|we|our|us)\b")


def _comparable(words: str) -> str:
    return " ".join(re.findall(r"\w+", words.casefold()))


_REFERRING = words("this that these those the such")
# How many earlier (or, for a phrase no one is said to say, later) quotations a phrase
# quoted again is looked for in.
_ECHOES = 20
# How many letters a single quoted word needs to be taken for a later quotation's word.
_LONG_WORD = 6

# A document's noun ending a mention: `the statement`, `As the report`, `issued a statement`.
_THE_DOCUMENT = re.compile(r"(?:^|[ \t])(?:[Tt]he|a|an)[ \t]+(\w+)$")


@lru_cache(maxsize=64)
def _introducing(noun: str) -> re.Pattern:
    """A document introduced as someone's: "in a statement", "a short letter", "its
    report"."""
    return re.compile(rf"\b(?:a|an|its|his|her|their)[ \t]+(?:[\w\-]+[ \t]+)?{noun}\b")


_PHRASE_END = re.compile(r"\s*[,;:()—–]|\s-\s")


class Attributor(SpeechClauses, SubjectReader, MentionResolver, Segments):
    """Attributes the spans of one text, in order (earlier attributions inform later ones)."""

    def __init__(
        self, text: str, masked: str, spans: list[QuotedSpan], discourse: Discourse, directory=None
    ):
        super().__init__(text, spans)
        self.masked = masked
        self.discourse = discourse
        self.directory = directory
        self.results: list[Attribution | None] = []
        self.issuers = DocumentIssuers(masked, discourse)
        self._comparable: dict[int, str] = {}  # quotations' words as _echo compares them

    # --- attributing -----------------------------------------------------------------

    def attribute(self, index: int) -> Attribution | None:
        _, _, same_sentence = self.before_clause(index)
        previous = self.results[index - 1] if index else None
        verb_before = self._verb_right_before(index)
        signed = self._signed(index)
        if signed is not None:
            result = signed
        elif verb_before:
            # `he said, "…," the prosecutor's office said`: the words are his; the office
            # only reports them. `he called Omar a "terrorist" and said, "…"`: his again.
            result = self._before(index)
            if result is None and same_sentence and previous is not None:
                result = previous.shared(0.95)
            result = result or self._after(index)
        else:
            result = self._after(index) or self._before(index)
        if result is None and not verb_before:
            result = self._later_clause(index)
        if result is None:
            if same_sentence and previous is not None:
                result = previous.shared(0.95)
            else:
                # The last attributed quotation, past terms in quotation marks that no one
                # is said to have said (`This "mathematical trick" was…`).
                last = index - 1
                while last >= max(0, index - 3) and self.results[last] is None:
                    last -= 1
                if verb_before:
                    # `a series of residents — young and old — declaring, "…"`: the
                    # sentence gives the words a speaker of their own, whom it does not
                    # name; not the previous quotation's speaker going on.
                    result = self._unnamed_before_verb(index)
                elif last >= 0 and self.results[last] is not None and self._continues(index, last):
                    result = self.results[last].shared(0.7, "continuation")
            if result is None:
                result = self._from_context(index) or self._echo(index)
        if result is not None and result.entity is None and result.method == "title":
            result = self._document_issuer(result, self.spans[index].open_at) or result
        self.results.append(result)
        return result

    def _document_issuer(self, result: Attribution, position: int) -> Attribution | None:
        """Who issued the document that "the statement" (the report, the letter…) stands
        for: the speaker of the sentence before that introduced it (`…, the Royal Navy
        said in a statement. "…," the statement said` is the Royal Navy's), or, where no
        one in that sentence speaks or issues, whom `by` or `from` names right after its
        noun (`a new report released on Monday by Stanford University's Center…`, then `As
        the report states: "…"`). What a document is and how it is issued are issuers.py's."""
        match = _THE_DOCUMENT.search(result.mention)
        if match is None or match.group(1).casefold() not in DOCUMENTS:
            return None
        low = max(0, position - CONTEXT)
        introduced = None
        for found in _introducing(match.group(1).casefold()).finditer(self.masked, low, position):
            introduced = found
        if introduced is None:
            return None
        sentence_start = max([low, *sentence_ends(self.masked, low, introduced.start())])
        toks = tokens(self.masked, sentence_start, introduced.start())
        verbs = [at for at in range(len(toks)) if is_speech_verb(toks, at)]
        verbs += [at for at in range(len(toks)) if toks[at].folded in ISSUING_VERBS]
        if not verbs:
            ends = sentence_ends(self.masked, introduced.end(), position, first=True)
            issuer = self.issuers.issuer_by(introduced.end(), ends[0] if ends else position)
            return None if issuer is None else Attribution(result.mention, "title", 0.7, issuer)
        verb_at = max(verbs)
        found = self._subject_before(toks, verb_at, limit_start=0)
        if found is not None and found[0].entity is not None:
            return Attribution(result.mention, "title", 0.75, found[0].entity)
        # "the Royal Navy", "the Finance Ministry": a body the text names, not a role.
        first = next(
            (at for at in range(verb_at - 1, max(-1, verb_at - 5), -1) if toks[at].folded == "the"),
            None,
        )
        if first is None or first + 1 == verb_at or not toks[first + 1].word[:1].isupper():
            return None
        if any(t.word in ",;:" for t in toks[first:verb_at]):
            return None
        name = self.masked[toks[first + 1].start : toks[verb_at - 1].end]
        return Attribution(
            result.mention, "title", 0.7, self.discourse._entity(name, "organisation")
        )

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

    def echo_later(self, index: int) -> Attribution | None:
        """A phrase no one is said to say that a later quotation of a named speaker holds
        (a headline's `Super Value ‘stumped’ on when price hikes will end`, a lede's `A
        “booming” sex ring`, before the speaker's own `“…we are really kind of stumped…”`):
        that speaker's, as an echo of the words before them. Looked for among the next
        few attributed quotations, once every span is attributed; a single word only if
        it is long enough not to be any speaker's word by chance."""
        phrase = _comparable(self.spans[index].words(self.text))
        words = phrase.split()
        if not words or (len(words) == 1 and len(words[0]) < _LONG_WORD):
            return None
        start, end, _ = self.before_clause(index)
        before = tokens(self.masked, max(start, end - 20), end)
        if before and before[-1].folded in _REFERRING:
            return None  # `This "mathematical trick" was…`: the words named, not said
        pattern = re.compile(rf"(?:^| ){re.escape(phrase)}(?: |$)")
        for later in range(index + 1, min(len(self.spans), index + 1 + _ECHOES)):
            result = self.results[later]
            if result is None or result.entity is None or result.method == "echo":
                continue
            if later not in self._comparable:
                self._comparable[later] = _comparable(self.spans[later].words(self.text))
            if pattern.search(self._comparable[later]):
                return result.shared(0.7, "echo")
        return None

    def _verb_right_before(self, index: int) -> bool:
        """Whether a speech verb stands right before the span (`and said, "…"`,
        `protesters chanted, "…"`): the span is what its subject said."""
        start, end, _ = self.before_clause(index)
        toks = tokens(self.masked, max(start, end - 40), end)
        while toks and toks[-1].word in ",:":
            toks.pop()
        return bool(toks) and is_speech_verb(toks, len(toks) - 1)

    def _unnamed_before_verb(self, index: int) -> Attribution:
        """The speaker of a speech verb right before the span whose subject the sentence
        does not name: described by the last phrase opening with "a", "one", "some"…
        before the verb (`a crowd of local people`), else by the verb alone."""
        start, end, _ = self.before_clause(index)
        toks = tokens(self.masked, max(start, end - 200), end)
        while toks and toks[-1].word in ",:":
            toks.pop()
        verb = toks[-1]
        for at in range(len(toks) - 2, -1, -1):
            if toks[at].folded in lexicon.UNNAMED_DETERMINERS:
                phrase = _PHRASE_END.split(self.masked[toks[at].start : verb.start])[0]
                return self._unnamed(phrase.strip())
        return self._unnamed(verb.word)

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
        line_start = self.masked.rfind("\n", max(0, high - CONTEXT), high) + 1
        low = max(line_start, high - CONTEXT)
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
                if found is not None and found[0].method == "title":
                    # "Swift's rep told Fox News that …": someone the sentence describes
                    # without naming, not the first person it names.
                    return found[0].shared(0.55, "sentence")
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
        before = tokens(self.masked, start, end)
        if (
            before
            and not _FIRST_PERSON.search(span.words(self.text))
            and not (
                # `That process led to a realization: "…"`: a quoted sentence its clause
                # introduces without naming anyone goes on from the last speaker.
                before[-1].word == ":"
                and looks_like_sentence(span.words(self.text))
                and not self.discourse.mentions_between(start - 1, end)
            )
        ):
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
