"""Quotations inside a quotation: what a speaker reports that someone said (`“They sent
somebody, and they said, ‘Oh, we got a report of someone.’ …,” Hasib said`; `“…Elizabeth
Warren says it herself, ‘This is the fight of our lives,’” Dossaji said`).

The outer quotation is one speaker's words, so its marks are blanked before the text around
it is read (attribution.py), and find_spans returns only the outermost span. A quotation
inside a speech quotation is proposed only where a speech verb inside it introduces it
(`they said, ‘…’`): a phrase quoted without one is a term or a scare quote of the speaker's
(`all these ‘firsts,’`), which is left inside the outer words. Its speaker is the verb's
subject: a name the text gives, the outer speaker for `I`, and for anyone else (`they`,
`somebody from the sheriff's office`) someone the quotation does not name.
"""

from dataclasses import replace

from . import lexicon
from .mentions import Discourse, fold
from .resolution import ADVERBS, Attribution
from .sentences import Token, is_speech_verb, sentence_ends, tokens
from .spans import QuotedSpan, find_spans

# Words between a speech verb and the quotation it introduces: `says it herself, ‘…’`.
_AFTER_THE_VERB = lexicon.words("it this that herself himself themselves me us him her them again")
_NOT_NAMED = lexicon.words("he she they it we you someone somebody everyone everybody people")
# How far back (in characters) the clause introducing an inner quotation is read: a bound,
# so that a quotation holding many others costs no more than its length.
_CLAUSE = 300


def inner_quotations(
    text: str, outer: QuotedSpan, outer_attribution: Attribution | None, discourse: Discourse
) -> list[tuple[QuotedSpan, Attribution]]:
    """The quotations inside `outer` (a speech quotation on one paragraph) that a speech
    verb inside it introduces, each with its speaker. Reads only the outer words."""
    if outer.continued:
        return []  # each paragraph reopens with a mark that is no quotation of its own
    found = []
    for inner in find_spans(text[outer.start : outer.end]):
        inner = replace(
            inner,
            open_at=inner.open_at + outer.start,
            close_at=inner.close_at + outer.start,
            start=inner.start + outer.start,
            end=inner.end + outer.start,
            paragraph=outer.paragraph,
            inside=True,
        )
        if not inner.words(text):
            continue
        attribution = _introduced(text, outer, inner, outer_attribution, discourse)
        if attribution is not None:
            found.append((inner, attribution))
    return found


def _introduced(
    text: str,
    outer: QuotedSpan,
    inner: QuotedSpan,
    outer_attribution: Attribution | None,
    discourse: Discourse,
) -> Attribution | None:
    """The speaker of the speech verb that introduces `inner` inside the outer words, or
    None when no speech verb does."""
    low = max(outer.start, inner.open_at - _CLAUSE)
    ends = [at for at in sentence_ends(text, low, inner.open_at) if at < inner.open_at]
    clause_start = ends[-1] if ends else low
    toks = tokens(text, clause_start, inner.open_at)
    if not toks or toks[-1].word not in ",:":
        return None
    while toks and toks[-1].word in ",:":
        toks.pop()
    verb_at = len(toks) - 1
    while verb_at > 0 and toks[verb_at].folded in _AFTER_THE_VERB and len(toks) - verb_at <= 2:
        verb_at -= 1
    if verb_at < 0 or not is_speech_verb(toks, verb_at):
        return None
    return _subject(toks, verb_at, outer_attribution, discourse)


def _subject(
    toks: list[Token], verb_at: int, outer_attribution: Attribution | None, discourse: Discourse
) -> Attribution:
    at = verb_at - 1
    while at >= 0 and toks[at].folded in ADVERBS and toks[at].folded != "and":
        at -= 1
    if at >= 0 and toks[at].folded == "and":
        # `Congress got involved — local officials, as well — and said, ‘…’`, `Coach
        # (Frank) Vogel came in here and said, ‘…’`: the name that opens the clause.
        at = -1
        while at + 1 < len(toks) and toks[at + 1].word[:1].isupper():
            at += 1
    if at < 0:
        return Attribution("", "title", 0.4, None)
    word = toks[at]
    if word.word == "I" and outer_attribution is not None:
        return outer_attribution.shared(0.8)  # `I said, ‘…’`: the outer speaker
    if (
        word.word[0].isupper()
        and word.folded not in _NOT_NAMED
        and word.folded not in lexicon.NOT_NAMES
    ):
        first = at
        while (
            first > 0
            and toks[first - 1].word[:1].isupper()
            and toks[first - 1].folded not in lexicon.NOT_NAMES
        ):
            first -= 1
        while first < at and toks[first].folded in lexicon.TITLE_WORDS:
            first += 1  # `Coach Frank Vogel`: the name after the title
        name = " ".join(t.word for t in toks[first : at + 1])
        entity = discourse.entities.get(name.casefold())
        if entity is None and first == at:
            entity = discourse.by_surname(name)
        if entity is None:
            words = {fold(t.word) for t in toks[first : at + 1]}
            kind = "organisation" if words & lexicon.NON_PERSON_WORDS else "person"
            entity = discourse._entity(name, kind)
        return Attribution(name, "name", 0.7, entity)
    # `they said`, `somebody from the sheriff's office said`: no one the words name.
    start = at
    while start > 0 and toks[start - 1].word not in ",;:" and at - start < 6:
        if toks[start - 1].folded in ("and", "but", "then"):
            break
        start -= 1
    description = " ".join(t.word for t in toks[start : at + 1])
    method = "pronoun" if word.folded in _NOT_NAMED else "title"
    return Attribution(description, method, 0.5, None)
