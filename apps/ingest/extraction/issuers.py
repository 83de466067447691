"""A document that speaks is its issuer's, or no one's (issue 19, round 21): `“…,” the report
concludes`, `the DOJ release states`, `“enticed” …, the affidavit said` after `a criminal
complaint affidavit from Homeland Security`. The rules read `the statement` as a speaker
(attribution.py's `_document_issuer` finds who issued it, with this module's DOCUMENTS,
ISSUING_VERBS and `issuer_by`), but not `the report`, `the letter` or `the affidavit`: for
those they fall back on whom the sentence before is about, a person the document only
mentions.

A speech proposal whose quotation stands next to a document's speech clause (`“…,” the
report states`, `The report states: “…”`, `…, says a report highlighting the “…”`) and that
the rules gave no one, or only guessed a speaker for, is said by the document's issuer
where the text states one — a name in the document's own words (`the DOJ release`, `the
Home Office statement`), `by` or `from` after its noun (`a report by the University and
College Union`, here or in the next sentence, or where it was brought in: `an affidavit
from Homeland Security`), or the speaker of the sentence that brought it in (`the US
military said in a statement`) — and by no one otherwise: the labels name no one for a
report whose author the article does not give. The quotations the rules took for its
continuation follow it.

Asked after the parse (syntax.py) and before the names that hang on a person
(affiliations.py). A function of the text and the Discourse's `mentions` alone, so that
bench/attribution_ranker.py can put it into the rules of every round."""

import re
from bisect import bisect_left
from dataclasses import replace

from . import lexicon
from .ordered import OrderedMentions
from .resolution import Attribution
from .sentences import is_speech_verb, sentence_ends, tokens

# Documents whose words a text quotes as said: DOCUMENT_NOUNS and a court's papers.
DOCUMENTS = lexicon.DOCUMENT_NOUNS | lexicon.words("affidavit indictment lawsuit petition")
# Verbs by which a document says: the speech verbs, and those said of a text alone.
_VERBS = lexicon.SPEECH_VERBS | lexicon.words("read reads began begins")
# Verbs by which a speaker issues a document: "the ministry released a statement".
ISSUING_VERBS = lexicon.words(
    "issued issues released releases published publishes sent sends filed files wrote writes"
)
# How the rules read a speaker without reading a speech clause: a guess, which a document's
# clause outranks.
_GUESSES = ("sentence", "continuation", "echo", "none")
# How far back a document is looked for where it was brought in (`an affidavit from …`):
# a few paragraphs; how far a sentence is read, forward for `The report by …` after the
# clause and back for the sentence before a quotation; how far after a quotation its
# clause is looked for, and before it in its sentence.
_REACH = 1500
_SENTENCE = 400
_AFTER_QUOTATION = 120
_BEFORE_QUOTATION = 200
# How many words open a sentence whose speech verb makes its subject the speaker before.
_OPENING = 6
# Before a passive, whose subject is spoken of: `L.A. Unified has been praised`.
_PASSIVE = lexicon.words("be been being is are was were")
# How many words after a document's noun its issuer may be named by `by` or `from`.
_BY_WORDS = 8

_WORD = r"[\w.&’'\-]+"
_CAPITALISED = r"[A-Z][\w.&’'\-]*"
# A name: capitalised words, `of`, `for`, `and` or `the` between them (`University and
# College Union`, `Office of the Inspector General`).
_NAME = rf"{_CAPITALISED}(?:[ \t]+(?:(?:of|for|and|the)[ \t]+)*{_CAPITALISED})*"
# Capitalised words that are not a name of their own here: pronouns, articles, days.
_NOT_NAMES = lexicon.words(
    """
    it he she they we i you the a an this that these those its his her their our in on at
    monday tuesday wednesday thursday friday saturday sunday january february march april
    may june july august september october november december new final full
    """
)
# Words that end a document's words before its noun: a clause, not a modifier.
_NOT_MODIFIERS = lexicon.words("of in on at by from to for with and or that which who")
# A document named: its determiner (or an owner's name), up to four words, its noun.
_NOUN = "|".join(sorted(DOCUMENTS, key=len, reverse=True))
_DOCUMENT = (
    rf"(?P<np>(?:(?:[Tt]he|[Aa]n?|[Tt]his|[Tt]hat|[Ii]ts|[Tt]heir|[Hh]is|[Hh]er)[ \t]+"
    rf"|(?P<owner>{_NAME})[’']s[ \t]+)"
    rf"(?P<words>(?:{_WORD}[ \t]+){{0,4}}?)(?P<noun>{_NOUN})\b)"
)
# How a document is brought in: `a criminal complaint affidavit`, `its report`.
_INTRODUCING = r"(?:[Aa]n?|[Tt]he|[Ii]ts|[Hh]is|[Hh]er|[Tt]heir)"
_ADVERBS = r"(?:(?:also|then|later|further|\w+ly)[ \t]+)*"
# The clause after a quotation: `, the report states`, `, says a report`, `, according to
# the report`.
_AFTER = re.compile(
    rf"[ \t]*,?[ \t]*(?:(?P<verb>according[ \t]+to|[a-z]+)[ \t]+{_DOCUMENT}"
    rf"|{_DOCUMENT.replace('?P<', '?P<n_')}[ \t]+{_ADVERBS}(?P<n_verb>[a-z]+)\b)"
)
# The clause that ends the quotation's sentence, further on: `“enticed” with travel and
# lodging, the affidavit said.`
_LATER = re.compile(
    rf",[ \t]*(?:(?P<verb>according[ \t]+to|[a-z]+)[ \t]+{_DOCUMENT}"
    rf"|{_DOCUMENT.replace('?P<', '?P<n_')}[ \t]+{_ADVERBS}(?P<n_verb>[a-z]+))[ \t]*[.;!?]"
)
# Quotation marks: a clause past another quotation is that quotation's.
_MARKS = re.compile('["“”‘’«»]')
# The clause before a quotation, in its sentence: `The report states: “`, `According to the
# report, “`, or `…, says a report highlighting the “` (after a comma, so that `Bell said
# the report “…”` is hers).
_BEFORE = re.compile(
    rf"(?:{_DOCUMENT.replace('?P<', '?P<n_')}[ \t]+{_ADVERBS}(?P<n_verb>[a-z]+)[ \t]*[:,]?"
    rf"|(?:,[ \t]*(?P<verb>[a-z]+)|(?<![\w’'\-])(?P<according>[Aa]ccording[ \t]+to))[ \t]+"
    rf"{_DOCUMENT}(?:[ \t]+[\w\-]+){{0,3}}[ \t]*,?)[ \t]*$"
)
_BY = re.compile(rf"[ \t]+(?:by|from)[ \t]+(?:the[ \t]+)?(?P<name>{_NAME})")
# The speaker of the sentence that brought a document in: `The Home Office released a
# statement`, `Tom Reed wrote a letter`, `the US military said in a statement` (after `the`,
# a name may end in lower-case words, as `the Finance Ministry` and `the US military` do).
_ISSUER_VERB = "|".join(sorted(ISSUING_VERBS | lexicon.SPEECH_VERBS, key=len, reverse=True))
_ISSUER = re.compile(
    rf"(?:(?<![\w’'\-])[Tt]he[ \t]+(?P<named>{_NAME}(?:[ \t]+[a-z]+){{0,2}}?)"
    rf"|(?<![\w’'\-])(?P<name>{_NAME}))[ \t]+"
    rf"(?:(?:has|have|had|also|\w+ly)[ \t]+)*(?:{_ISSUER_VERB})\b"
)


class DocumentIssuers:
    """The issuer of the document a quotation's speech clause names, or no one. Each
    question reads a bounded stretch of text and of mentions (indexed once, on first use),
    so the extraction stays linear."""

    # Without the guard that keeps the rules' guess when the sentence before says it spoke:
    # the round's first version, measured (G21_ISSUERS=plain in bench/attribution_ranker.py).
    plain = False

    def __init__(self, text: str, discourse) -> None:
        self.text = text
        self.discourse = discourse
        self.ordered = OrderedMentions(discourse)
        # The last speech proposal this moved: the rules' speaker it had, and its new one
        # (the quotations the rules took for its continuation follow).
        self._moved: tuple | None = None

    def step(self, span, attribution):
        """The attribution `span` goes on with (None: as the rules left it). Asked of every
        speech proposal in order."""
        moved, self._moved = self._moved, None
        if attribution is not None and attribution.method in ("name", "pronoun"):
            return None
        if attribution is not None and attribution.entity is not None:
            if (
                moved is not None
                and attribution.method == "continuation"
                and attribution.entity is moved[0]
            ):
                self._moved = moved
                return replace(attribution, entity=moved[1].entity)
            if attribution.method not in _GUESSES:
                return None  # `the statement` whose issuer the rules found
        clause = self._clause(span)
        if clause is None:
            return None
        document, start, end = clause
        entity = self._issuer(document, start, end)
        if attribution is not None and attribution.method == "title" and entity is None:
            return None  # already no one
        if entity is None and not self.plain and self._spoke_before(span, attribution):
            return None
        said = _said(attribution, document, entity)
        self._moved = (attribution.entity if attribution is not None else None, said)
        return said

    def _clause(self, span):
        """The document's speech clause next to the quotation: (its match, where it
        starts, where its sentence ends), or None."""
        reach = min(len(self.text), span.close_at + _AFTER_QUOTATION)
        after = _AFTER.match(self.text, span.close_at + 1, reach)
        if after is not None and _verb(after):
            return after, after.start(), self._sentence_end(after.end())
        end = self._sentence_end(span.close_at + 1)
        later = _last(_LATER.finditer(self.text, span.close_at + 1, end))
        if (
            later is not None
            and _verb(later)
            and later.end() >= end - 1
            and not _MARKS.search(self.text, span.close_at + 1, later.start())
        ):
            return later, later.start(), end
        low = max(0, span.open_at - _BEFORE_QUOTATION)
        ends = sentence_ends(self.text, low, span.open_at)
        start = ends[-1] if ends else low
        start = max(start, self.text.rfind("\n", start, span.open_at) + 1)
        before = _BEFORE.search(self.text, start, span.open_at)
        if before is not None and _verb(before):
            return before, before.start(), self._sentence_end(span.close_at)
        return None

    def _spoke_before(self, span, attribution) -> bool:
        """Whether the rules' guess is whom the sentence before the quotation's says spoke
        (`The doctors said that… “…,” says the letter signed by seven physicians`): the
        document goes on with their words, whose issuer the text does not name."""
        if attribution is None or attribution.method != "sentence" or attribution.entity is None:
            return False
        low = max(0, span.open_at - _SENTENCE)
        ends = [low, *sentence_ends(self.text, low, span.open_at)]
        if len(ends) < 2:
            return False
        start = max(ends[-2], self.text.rfind("\n", low, ends[-1] - 1) + 1)
        toks = tokens(self.text, start, ends[-1])[:_OPENING]
        return any(
            is_speech_verb(toks, at) and not (at and toks[at - 1].folded in _PASSIVE)
            for at in range(len(toks))
        )

    def _sentence_end(self, at: int) -> int:
        ends = sentence_ends(self.text, at, min(len(self.text), at + _SENTENCE), first=True)
        return ends[0] if ends else min(len(self.text), at + _SENTENCE)

    def _issuer(self, document, start: int, end: int):
        """The entity the text states issued the document, or None."""
        owner, at = _part(document, "owner")
        if owner:
            return self._named(at, owner)
        words, at = _part(document, "words")
        for name in re.finditer(_NAME, words or ""):
            if _name(name.group()):
                return self._named(at + name.start(), name.group())
        noun, noun_at = _part(document, "noun")
        by = self.issuer_by(noun_at + len(noun), end)
        if by is not None:
            return by
        # The next sentence: `The report by the University and College Union claims`.
        forward = re.compile(rf"\b[Tt]he[ \t]+(?:{_WORD}[ \t]+){{0,2}}?{noun}\b")
        for found in forward.finditer(self.text, end, min(len(self.text), end + _SENTENCE)):
            by = self.issuer_by(found.end(), self._sentence_end(found.end()))
            if by is not None:
                return by
        return self._brought_in(noun, start)

    def _brought_in(self, noun: str, before: int):
        """The issuer stated where the document was brought in, the last time before
        `before` that the text names one: `by` or `from` after its noun, or the speaker of
        that sentence."""
        low = max(0, before - _REACH)
        pattern = re.compile(rf"\b{_INTRODUCING}[ \t]+(?:{_WORD}[ \t]+){{0,4}}?{noun}\b")
        found = _last(pattern.finditer(self.text, low, before))
        if found is None:
            return None
        by = self.issuer_by(found.end(), self._sentence_end(found.end()))
        if by is not None:
            return by
        ends = sentence_ends(self.text, low, found.start())
        start = max([low, *ends, self.text.rfind("\n", low, found.start()) + 1])
        issuer = _last(_ISSUER.finditer(self.text, start, found.start()))
        if issuer is None:
            return None
        name, at = _part(issuer, "named") if issuer.group("named") else _part(issuer, "name")
        return self._named(at, name) if _name(name) else None

    def issuer_by(self, start: int, end: int):
        """The issuer named by `by` or `from` within a few words after `start`."""
        stretch = self.text[start:end]
        words = stretch.split()[:_BY_WORDS]
        for at, word in enumerate(words):
            if word in ("by", "from"):
                found = _BY.match(stretch, stretch.find(f" {word} ") if at else 0)
                if found is not None and _name(found.group("name")):
                    return self._named(start + found.start("name"), found.group("name"))
                return None
        return None

    def _named(self, start: int, name: str):
        """The entity of the mention of `name` at `start`, or an organisation of that
        name."""
        mentions = self.ordered.mentions
        at = bisect_left(self.ordered.starts, start)
        for mention in mentions[max(0, at - 1) : at + 1]:
            # A mention of the whole name (not `US` of `the US military`).
            if mention.start <= start + 1 and mention.end >= start + len(name.rstrip(".")) - 2:
                return mention.entity
        name = re.sub(r"[’']s$", "", name)
        return self.discourse._entity(name, "organisation")


def _last(found):
    """The last of some matches, or None."""
    last = None
    for last in found:  # noqa: B007 (the loop only runs to the last)
        pass
    return last


def _part(found, name: str) -> tuple[str | None, int]:
    """A named part of a clause's match, whichever way round the clause is, and where it
    starts."""
    for group in (name, f"n_{name}"):
        if found.group(group) is not None:
            return found.group(group), found.start(group)
    return None, -1


def _verb(found) -> bool:
    """Whether a clause's verb is one of saying, and the words before the document's noun
    are not a clause of their own (`the mayor said of the report, adding`)."""
    words = (_part(found, "words")[0] or "").split()
    verb = " ".join((_part(found, "verb")[0] or "according to").split()).casefold()
    return (verb in _VERBS or verb == "according to") and not any(
        word in _VERBS or word in _NOT_MODIFIERS for word in words
    )


def _name(name: str) -> bool:
    return name.split()[0].casefold() not in _NOT_NAMES


def _said(attribution, document, entity):
    """The attribution of a document's words: its issuer, or no one."""
    words = _part(document, "np")[0]
    confidence = 0.6 if entity is not None else 0.5
    if attribution is None:
        return Attribution(words, "title", confidence, entity)
    return replace(attribution, mention=words, method="title", confidence=confidence, entity=entity)
