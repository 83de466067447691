"""Speakers as a dependency parse reads them (issue 19, round 14): for a speech span the
rules give no one, the sentence introducing it is parsed by spaCy's small English
pipeline (the same model as ner.py, its token-to-vector layer and parser only), and the
speaker is the nominal subject of the verb that governs the quotation (`"…," Trump
simpered`, `Levi Pay, …, says: "…"`, `"…," says study co-author Boris Kingma`), or of
the reporting clause attached to it. The subject's words are then read by the rules, as
they read the words after a speech verb (a name, a pronoun, a title), so the parse only
says where the speaker's words are, never who they mean.

Since round 15 the parse is also asked about the speakers the rules only guess (whom the
sentence is about, the speaker of the quotation before): its subject replaces such a
guess when it names someone else (`asks`, `chosen`, `Follower`).

Only the few sentences around those spans are parsed, each cut to a bounded length: the
cost grows with the number of spans the rules leave to no one or guess, not with the text.
"""

from dataclasses import dataclass, replace
from functools import cache

from django.conf import settings

from .sentences import sentence_ends, tokens

# The pipeline's components the parse does not need (the parser listens to the shared
# token-to-vector layer, so that one stays).
_NOT_NEEDED = ("tagger", "senter", "attribute_ruler", "lemmatizer", "ner")
# How much of the sentence is read before and after the quotation, and of a long
# quotation's words at each end (characters): a piece is at most about 1,000.
AROUND = 300
QUOTE_END = 200
_QUOTE_MARKS = frozenset("\"“”‘’'«»„‹›")
_RELATIVE = frozenset(("who", "that", "which"))
# Relations by which a verb without a subject of its own takes its head's: `he said,
# adding "…"`, `she stood up and shouted "…"`.
_SHARED_SUBJECT = frozenset(("conj", "xcomp", "advcl"))
# The rules' guesses, which the parse is asked about too (round 15): whom the sentence is
# about (`sentence`, 0.6 of the mention's confidence or less; a subject the rules' clause
# reading found gets 0.85) and the speaker of the quotation before (`continuation`, 0.7).
GUESSES = frozenset(("sentence", "continuation"))
GUESS_CONFIDENCE = 0.6
# Round 18: a subject that is a description with a name beside it (`her mother, Fiona,
# said`, `the trust's new chairman, Robert Wolfarth, said`) is read by that name.
APPOSITIVE_NAMES = True
# Round 18 too: speech left to no one after a quotation the parse gave a speaker goes on
# from it (`Continuations`).
CONTINUATIONS = True


@dataclass(frozen=True)
class Subject:
    """Where the words naming a quotation's speaker begin in the text, and where the
    words the rules may read them from end."""

    start: int
    end: int


@cache
def _pipeline():
    """The parser, loaded once per process, on first use (about a second)."""
    import spacy

    from .ner import MODEL

    return spacy.load(MODEL, exclude=list(_NOT_NEEDED))


def _piece(text: str, masked: str, open_at: int, close_at: int):
    """The sentence around a quotation, as (the words to parse, their segments: (offset in
    the words, offset in the text, length), or offset None for the `…` standing for the
    middle of a long quotation)."""
    line_start = masked.rfind("\n", max(0, open_at - AROUND), open_at) + 1
    low = max(line_start, open_at - AROUND)
    ends = sentence_ends(masked, low, open_at)
    if ends:
        low = ends[-1]
    elif low > line_start:
        space = masked.find(" ", low, open_at)
        low = space + 1 if space >= 0 else open_at
    line_end = masked.find("\n", close_at + 1, close_at + 1 + AROUND)
    high = line_end if line_end >= 0 else min(len(masked), close_at + 1 + AROUND)
    ends = sentence_ends(masked, close_at + 1, high, first=True)
    if ends:
        high = ends[0]
    elif line_end < 0 and high < len(masked):
        space = masked.rfind(" ", close_at + 1, high)
        high = space if space > close_at else high
    if close_at - open_at - 1 <= 2 * QUOTE_END:
        parts = [(low, high)]
    else:
        head = text.rfind(" ", open_at + 1, open_at + 1 + QUOTE_END)
        tail = text.find(" ", close_at - QUOTE_END, close_at)
        head = head if head > open_at else open_at + 1 + QUOTE_END
        tail = tail if tail >= 0 else close_at - QUOTE_END
        parts = [(low, head), None, (tail, high)]
    words, segments = [], []
    at = 0
    for part in parts:
        if part is None:
            segments.append((at, None, 5))
            words.append(" ... ")
            at += 5
            continue
        segments.append((at, part[0], part[1] - part[0]))
        words.append(text[part[0] : part[1]])
        at += part[1] - part[0]
    return "".join(words), segments


def _in_text(segments, offset: int) -> int | None:
    for at, start, length in reversed(segments):
        if offset >= at:
            return None if start is None else start + min(offset - at, length)
    return None


def _subject(doc, position, open_at: int, close_at: int) -> Subject | None:
    """The subject of the verb that governs the quotation (or of the reporting clause
    attached to it), in text offsets: `position(token)` is a token's offset in the text."""

    def inside(token) -> bool:
        at = position(token)
        return at is None or open_at < at < close_at

    def outside(token) -> bool:
        return not inside(token) and token.text not in _QUOTE_MARKS

    verbs = []
    for token in doc:
        if not inside(token):
            continue
        if token.head is not token and outside(token.head):
            verbs.append(token.head)
        verbs.extend(
            child
            for child in token.children
            if outside(child) and any(c.dep_ == "nsubj" for c in child.children)
        )
    if not verbs:
        return None
    quote_tokens = [t.i for t in doc if inside(t)]
    first, last = min(quote_tokens), max(quote_tokens)
    verb = min(verbs, key=lambda v: first - v.i if v.i < first else v.i - last)
    subject = _nominal_subject(verb, outside)
    if subject is None and verb.dep_ in _SHARED_SUBJECT and outside(verb.head):
        verb = verb.head
        subject = _nominal_subject(verb, outside)
    if subject is None:
        return None
    if subject.lower_ in _RELATIVE and verb.dep_ == "relcl" and outside(verb.head):
        subject = verb.head  # `Smith, who said "…"`: Smith
    if APPOSITIVE_NAMES:
        subject = _named_appositive(subject, outside) or subject
    return _subject_words(doc, subject, position, inside, outside)


def _named_appositive(subject, outside):
    """The name set beside a subject that is a description (`her mother, Fiona,`: Fiona),
    or None: a description's noun is lower-case, the name's words are capitalised."""
    if not subject.text[:1].islower():
        return None
    for child in subject.children:
        if child.dep_ == "appos" and outside(child) and child.text[:1].isupper():
            words = [t for t in child.subtree if t.i <= child.i]
            if all(t.text[:1].isupper() for t in words):
                return child
    return None


def _subject_words(doc, subject, position, inside, outside) -> Subject | None:
    """A subject token's words (its subtree up to it, and what follows it outside the
    quotation), in text offsets; None when the quotation is among them."""
    words = [t for t in subject.subtree if t.i <= subject.i or outside(t)]
    start = words[0].i
    end = subject.i
    while end + 1 <= subject.right_edge.i and outside(doc[end + 1]):
        end += 1
    if any(inside(doc[i]) for i in range(start, subject.i + 1)):
        return None
    begin, finish = position(doc[start]), position(doc[end])
    if begin is None or finish is None:
        return None
    return Subject(begin, finish + len(doc[end].text))


def _nominal_subject(verb, outside):
    subjects = [c for c in verb.children if c.dep_ == "nsubj" and outside(c)]
    if not subjects:
        return None
    return min(subjects, key=lambda c: abs(c.i - verb.i))


def subjects(text: str, masked: str, quotations: list[tuple[int, int]]) -> list[Subject | None]:
    """For each quotation (the offsets of its opening and closing marks), the words of
    its speaker as the parse of its sentence reads them, or None. `masked` is the text
    with the quotations' words blanked (where its sentences end is read)."""
    if not quotations:
        return []
    pieces = [_piece(text, masked, open_at, close_at) for open_at, close_at in quotations]
    nlp = _pipeline()
    found = []
    with nlp.memory_zone():
        docs = nlp.pipe(words for words, _ in pieces)
        for (open_at, close_at), (_, segments), doc in zip(quotations, pieces, docs, strict=True):
            found.append(_subject(doc, lambda t, s=segments: _in_text(s, t.idx), open_at, close_at))
    return found


def read_subject(attributor, subject: Subject, tokens=tokens):
    """The rules' reading of a subject's words (`attributor._mention_from`, as after a
    speech verb): an Attribution, or None. `tokens` is the rules' tokeniser (another for
    bench/attribution_ranker.py's older rules)."""
    start = subject.start
    while start > 0 and not attributor.masked[start - 1].isspace():
        start -= 1  # the rules' word the parse's token is part of (`co-author`)
    toks = tokens(attributor.masked, start, subject.end)
    if not toks:
        return None
    return attributor._mention_from(toks, 0, start)


def asks(attribution) -> bool:
    """Whether the parse is asked for a span's speaker: the rules found no one, or only
    guessed someone (round 15) — whom the sentence is about, or the speaker of the
    quotation before (GUESSES), with a confidence below GUESS_CONFIDENCE. A guess of an
    unnamed speaker is not asked: the rules read a description (`the man`), which a
    parse's pronoun would only resolve to someone named."""
    return attribution is None or (
        attribution.method in GUESSES
        and attribution.confidence < GUESS_CONFIDENCE
        and attribution.entity is not None
    )


def chosen(attribution, found):
    """A span's speaker given the rules' attribution and the parse's reading of the
    subject (`found`, or None): for a span the rules gave no one, what `taken` gives; for
    a guess, the parse's reading when it names someone else (the subject of the verb
    governing the quotation says more than whom the sentence is about), with less
    confidence; else the rules' — itself when the parse says nothing, a copy when it
    names the same person (so a Follower keeps it theirs)."""
    if attribution is None:
        return taken(found)
    if found is None or found.entity is None:
        return attribution
    if found.entity is attribution.entity:
        return replace(attribution)
    return found.shared(0.7)


class Follower:
    """Speech the rules gave to the speaker of the quotation before (`continuation`)
    follows that quotation's speaker when the parse changed it (round 15): after `Live
    Nation is producing the tour.`, `“…,” Tom Johnston beamed. “…”` is Johnston's twice,
    not the promoter's. Fed the spans in order, quotations inside others left out."""

    def __init__(self):
        self.moved = None  # (whom the rules had, what the parse made of it)

    def step(self, before, after):
        """The speaker of the next span, given the rules' attribution (`before`) and
        what the parse made of it (`after`: `before` itself when the parse said nothing;
        when it named the rules' speaker too, a copy, which ends what a changed guess
        before it passes on)."""
        if (
            after is before
            and before is not None
            and before.method == "continuation"
            and self.moved is not None
            and before.entity is self.moved[0]
        ):
            return self.moved[1].shared(0.7, "continuation")
        if before is not None and after is not before:
            self.moved = (before.entity, after)
        elif after is not None and after.method != "continuation":
            self.moved = None
        return after


class Continuations:
    """Speech the rules gave no one only because the quotation before had no one either
    goes on from the speaker the parse gave that quotation (round 18): the rules' own
    continuation step asked again with the parse's speakers in (`“…,” her mother, Fiona,
    said in a statement. ¶ “As Eloise deteriorated, …”`: Fiona's too). A span in the
    same sentence as the one before shares its speaker; one opening a sentence of its own
    right after the last quotation with a speaker, no one else named between
    (`attributor._continues`), continues it. Where the rules gave the quotation before a
    speaker and still none to this one, they chose not to continue it: left so. Fed the
    spans in order, by their index among the attributor's spans."""

    def __init__(self, attributor):
        self.attributor = attributor
        self.changed = {}  # index -> the speaker the parse (or a continuation) gave it

    def _result(self, index: int):
        return self.changed.get(index, self.attributor.results[index])

    def step(self, index: int, attribution):
        """The speaker of span `index` given what the parse made of it (`attribution`)."""
        rules = self.attributor.results[index]
        if attribution is None and rules is None:
            attribution = self._continued(index)
        if attribution is not rules:
            self.changed[index] = attribution
        return attribution

    def _continued(self, index: int):
        attributor = self.attributor
        if not index:
            return None
        _, _, same_sentence = attributor.before_clause(index)
        if same_sentence:
            given = self.changed.get(index - 1)
            return None if given is None else given.shared(0.95)
        if self.verb_right_before(index):
            return None  # the sentence gives the words a speaker of its own, unnamed
        last = index - 1
        while last >= max(0, index - 3) and self._result(last) is None:
            last -= 1
        if last < 0 or self.changed.get(last) is None or attributor.results[last] is not None:
            return None
        rules = attributor.results[last]
        attributor.results[last] = self.changed[last]  # whom `_continues` would go on from
        try:
            continues = self.continues(index, last)
        finally:
            attributor.results[last] = rules
        return self.changed[last].shared(0.7, "continuation") if continues else None

    # The rules' steps asked (bench/attribution_ranker.py gives older rules' their way).
    def verb_right_before(self, index: int) -> bool:
        return self.attributor._verb_right_before(index)

    def continues(self, index: int, last: int) -> bool:
        return self.attributor._continues(index, last)


def taken(found):
    """What the parse's reading gives a span the rules gave no one: the rules' reading of
    the subject, with less confidence; None for a pronoun the rules find no one for."""
    if found is None or (found.entity is None and found.method == "pronoun"):
        return None
    return found.shared(0.7)


def speakers(text: str, attributor, spans, attributions, tokens=tokens) -> list:
    """For each span (QuotedSpan) and the rules' attribution of it (both lists of spans
    `asks` is true of), its speaker once the parse of its sentence is read (`chosen`);
    the rules' own, the model never loaded, with `INGEST_NAME_MODEL` off. Side effects:
    the rules' reading may teach the Discourse a person's title, as it does after a
    speech verb."""
    if not spans or not settings.INGEST_NAME_MODEL:
        return list(attributions)
    found = subjects(text, attributor.masked, [(span.open_at, span.close_at) for span in spans])
    return [
        chosen(attribution, None if subject is None else read_subject(attributor, subject, tokens))
        for subject, attribution in zip(found, attributions, strict=True)
    ]
