"""The words and sentences of a text, as attribution reads them: tokens with their
offsets, speech verbs, bare names, and where sentences end (not at "U.S." or "Mr.")."""

import re
from dataclasses import dataclass

from . import lexicon
from .mentions import fold, is_place

_WORD = re.compile(r"[A-Za-z][\w’'\-\.]*[\w]|[A-Za-z]|[,;:]")
# Not a mark that a closing bracket and a comma or a lower-case word follow: `Rep. Elijah
# Cummings (D-Md.), chair of the Platform Committee, said`, `Sen. Bernie Sanders (I-Vt.)
# called` go on.
_SENTENCE_END = re.compile(r"[.!?](?=[\s\"”’»)]|$)(?!\)(?:[,;]|[ \t]+[a-z]))")
_WORD_BEFORE = re.compile(r"([\w\.]+)$")


@dataclass(frozen=True)
class Token:
    word: str
    start: int
    end: int

    @property
    def folded(self) -> str:
        return fold(self.word)


def tokens(text: str, start: int, end: int) -> list[Token]:
    return [
        Token(m.group(), start + m.start(), start + m.end())
        for m in _WORD.finditer(text[start:end])
    ]


def is_speech_verb(toks: list[Token], index: int) -> bool:
    if not toks[index].word[0].islower():
        return False  # "United States", "Claims Tribunal": names, not verbs
    word = toks[index].folded
    if index and _noun_position(toks[index - 1]):
        return False  # "the ministry's claim", "his comments": a noun, not a verb
    if word in lexicon.SPEECH_VERBS:
        # "the company continued to sign up subscribers": going on doing, not saying.
        return not (word in _GOING_ON and index + 1 < len(toks) and toks[index + 1].folded == "to")
    if word in ("read", "reads") and index and toks[index - 1].folded in lexicon.DOCUMENT_NOUNS:
        return True  # "the statement read": the document's words, its issuer's
    if word == "written" and (index + 1 == len(toks) or toks[index + 1].word in ",;:"):
        return True  # "…," Jane Smith, a fellow at the institute, has written.
    if index and toks[index - 1].folded == "to" and _base_form(word):
        return True  # "allowed Mosseri to claim", "to describe his city as"
    follow = lexicon.SPEECH_PHRASES.get(word)
    return bool(follow) and index + 1 < len(toks) and toks[index + 1].folded == follow


_DETERMINERS = frozenset(("the", "a", "an", "his", "her", "its", "their", "our", "my", "your"))
# "he's said", "it's claimed": a contraction of "has" or "is", not a possessive.
_CONTRACTED = frozenset(("he", "she", "it", "who", "that", "there", "what", "where", "here"))


def _noun_position(token: Token) -> bool:
    """Whether a word after `token` stands where a noun does: after an article, a
    possessive pronoun or someone's possessive (`Smith's`)."""
    if token.word.casefold() in _DETERMINERS:
        return True
    return bool(re.search(r"[’']s$", token.word)) and token.folded not in _CONTRACTED


def _base_form(word: str) -> bool:
    """Whether `word` is the infinitive of a speech verb: "claim" (claims), "describe"
    (describes)."""
    return len(word) > 2 and f"{word}s" in lexicon.SPEECH_VERBS and word not in _NOT_VERBS


_GOING_ON = frozenset(("continued", "continues", "continue"))
_NOT_VERBS = frozenset(("post", "report", "remark", "note", "term", "brand", "object"))


def bare_name(token: Token) -> bool:
    """A capitalised word that may be a name: not a function word, not a place."""
    return (
        token.word[:1].isupper()
        and token.folded not in lexicon.NOT_NAMES
        and not lexicon.is_number_word(token.folded)  # "Fifty-one percent say"
        and not re.search(r"n[’']t$", token.word)  # "Don't", "Can't"
        and not is_place(token.word)
        and not _PARTY_AND_STATE.fullmatch(token.word)  # "Sen. Ben Sasse, R-Neb., said"
    )


_PARTY_AND_STATE = re.compile(r"[DRI]-[A-Z][A-Za-z\.]*")


def sentence_ends(text: str, start: int, end: int, *, first: bool = False) -> list[int]:
    """Positions just after each sentence-ending mark in text[start:end] (only the first,
    if `first`)."""
    found = []
    for match in _SENTENCE_END.finditer(text, start, end):
        at = match.start()
        if text[at] == "." and not ends_sentence(text, start, at):
            continue
        found.append(at + 1)
        if first:
            break
    return found


def ends_sentence(text: str, start: int, at: int) -> bool:
    """Whether the full stop at `at` ends a sentence: not after an abbreviation, an
    initial or inside "U.S."."""
    before = _word_before(text, start, at).casefold()
    if before in lexicon.ABBREVIATIONS or re.fullmatch(r"[a-z]", before):
        return False
    return not re.fullmatch(r"(?:[a-z]\.)+[a-z]", before)  # "U.S." inside a sentence


def _word_before(text: str, start: int, at: int) -> str:
    """The run of word characters and full stops that text[start:at] ends with. Read
    backwards from `at`, a window at a time: the cost is the word's, not the text's."""
    window = 32
    while True:
        low = max(start, at - window)
        word = _WORD_BEFORE.search(text, low, at)
        if word is None:
            return ""
        if word.start() > low or low == start:
            return word.group(1)
        window *= 4
