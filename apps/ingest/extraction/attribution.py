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
   speaker's sentences together), with less confidence.

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
from .mentions import Discourse, Entity
from .segments import Segments
from .sentences import Token, bare_name, is_speech_verb, tokens
from .spans import QuotedSpan

PRONOUNS = {"he": "m", "she": "f", "they": None, "it": None}
_ADVERBS = words(
    """
    also later then has had have would will again previously once reportedly publicly
    separately earlier further however repeatedly quickly simply only just recently
    immediately bluntly flatly angrily firmly quietly calmly and subsequently
    """
)
ROLE_NOUNS = lexicon.PERSON_ROLE_NOUNS | lexicon.ORGANISATION_NOUNS


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

    # --- attributing -----------------------------------------------------------------

    def attribute(self, index: int) -> Attribution | None:
        result = self._after(index) or self._before(index)
        if result is None:
            _, _, same_sentence = self.before_clause(index)
            previous = self.results[index - 1] if index else None
            if same_sentence and previous is not None:
                result = previous.shared(0.95)
            elif previous is not None and self._continues(index):
                result = previous.shared(0.7, "continuation")
        self.results.append(result)
        return result

    def _continues(self, index: int) -> bool:
        """A span opening its own sentence, right after the previous quotation's paragraph,
        with no one else named in between."""
        span, previous = self.spans[index], self.spans[index - 1]
        between = self.text[previous.close_at : span.open_at]
        if between.count("\n") > 2 or len(between) > 400:
            return False
        mentioned = [
            m
            for m in self.discourse.mentions_between(previous.close_at, span.open_at)
            if m.entity.kind == "person"
        ]
        speaker = self.results[index - 1].entity if self.results[index - 1] else None
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
        # "…," Putin said / he said / the minister told reporters
        for verb_at in range(1, min(len(toks), 9)):
            if is_speech_verb(toks, verb_at):
                found = self._subject_before(toks, verb_at, limit_start=0)
                if found is not None and found[1] == 0:
                    return found[0]
                return None
        return None

    def _before(self, index: int) -> Attribution | None:
        start, end, _ = self.before_clause(index)
        toks = tokens(self.masked, start, end)
        for at in range(len(toks) - 1, -1, -1):
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
            found = self._subject_before(toks, verb_at, limit_start=0)
            participle = toks[verb_at].folded.endswith("ing")
            if found is not None and (not participle or found[1] == verb_at - 1):
                return found[0]
            first = self._first_mention(toks[:verb_at])
            if first is not None:
                return first.shared(0.85, "sentence")
            return self._unnamed_subject(toks, verb_at)
        return None

    def _unnamed_subject(self, toks: list[Token], verb_at: int) -> Attribution | None:
        """ "Some analysts have described…": speakers the text does not name."""
        start = max((i + 1 for i in range(verb_at) if toks[i].word in ",;:"), default=0)
        words = [t for t in toks[start:verb_at] if t.folded not in _ADVERBS]
        if not 1 <= len(words) <= 5 or not all(t.word[0].islower() or t is words[0] for t in words):
            return None
        if words[-1].folded in lexicon.NOT_NAMES:
            return None
        title = self.masked[words[0].start : words[-1].end]
        return Attribution(title, "title", 0.5, None, title=title)

    # --- mentions --------------------------------------------------------------------

    def _subject_before(self, toks: list[Token], verb_at: int, limit_start: int):
        """The mention that is the subject of the verb at `verb_at`: (attribution, index of
        its first token), looking left past adverbs and an appositive in commas."""
        at = verb_at - 1
        while at >= limit_start and toks[at].folded in _ADVERBS:
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
            return Attribution(mention.surface, "name", 0.95, mention.entity), first
        if token.folded in ROLE_NOUNS:
            for first in range(at, max(limit_start, at - 6) - 1, -1):
                word = toks[first]
                if word.folded in ("the", "a", "an") or re.search(r"[’']s$", word.word):
                    first = self._widen_title(toks, first, limit_start)
                    title = self.masked[toks[first].start : token.end]
                    return self._title(title, toks[first].start), first
        if bare_name(token) and token.folded not in lexicon.TITLE_WORDS:
            # A name the text has not introduced: the subject of a speech verb.
            entity = self.discourse._entity(token.word.rstrip("."), "person")
            return Attribution(token.word, "name", 0.85, entity), at
        return None

    @staticmethod
    def _widen_title(toks: list[Token], first: int, limit_start: int) -> int:
        """ "the interior ministry" → "A spokesman for the interior ministry"."""
        link = first - 1
        if link - 1 < limit_start or toks[link].folded not in ("for", "of", "at"):
            return first
        if toks[link - 1].folded not in lexicon.PERSON_ROLE_NOUNS:
            return first
        for at in range(link - 1, max(limit_start, link - 5) - 1, -1):
            if toks[at].folded in ("the", "a", "an"):
                return at
        return first

    def _mention_from(self, toks: list[Token], at: int, position: int) -> Attribution | None:
        """The mention starting at toks[at] ("said the Russian President", "said Putin")."""
        if at >= len(toks):
            return None
        token = toks[at]
        if token.folded in PRONOUNS:
            return self._pronoun(token)
        mention = self.discourse.mention_at(token.start, token.end)
        if mention is not None:
            self._learn_appositive_after(mention.entity, mention.end)
            return Attribution(mention.surface, "name", 0.95, mention.entity)
        if token.folded in ("the", "a", "an") or re.search(r"[’']s$", token.word):
            for end in range(at + 1, min(len(toks), at + 7)):
                if toks[end].word in ",;:":
                    break
                if toks[end].folded in ROLE_NOUNS:
                    tail = end
                    if end + 2 < len(toks) and toks[end + 1].folded in ("for", "of", "at"):
                        tail = next(
                            (i - 1 for i in range(end + 1, len(toks)) if toks[i].word in ",;:"),
                            len(toks) - 1,
                        )
                    title = self.masked[token.start : toks[tail].end]
                    return self._title(title, token.start)
            return None
        if bare_name(token):
            entity = self.discourse._entity(token.word.rstrip("."), "person")
            return Attribution(token.word, "name", 0.85, entity)
        return None

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
            gender = PRONOUNS[word]
            entity = self.discourse.last_before(token.start, gender=gender)
        confidence = 0.85 if word in ("he", "she") else 0.6
        if entity is None:
            return Attribution(token.word, "pronoun", 0.3)
        return Attribution(token.word, "pronoun", confidence, entity)

    def _title(self, title: str, position: int) -> Attribution:
        entity = self.discourse.by_title(title, position)
        if entity is not None:
            return Attribution(title, "title", 0.85, entity)
        return Attribution(title, "title", 0.6, None, title=title)
