"""Lines in Title Case, where capitals do not tell a name from the words around it
(issue 19, round 26): `Glenn Beck Blasts Drudge For Backing Trump` is one run of capitalised
words, which the rules would read as a person called "Glenn Beck Blasts Drudge"; every
"Beck" of the article then meant him. A headline names no one the article does not name
again, so a run in such a line is read only for the names the rest of the text gives
(mentions.py).
"""

import re
from bisect import bisect_right

from .entities import fold
from .lexicon import words

# Words that Title Case capitalises and a sentence does not: a line that capitalises one of
# them after its first word is not a sentence.
_FUNCTION_WORDS = words(
    """
    a an the and or nor but of to in on at by for with from as than into onto over after
    before about against amid via vs is are was were be been will would can could should
    may might must has have had not no his her their its who what why how when where
    """
)
_WORD = re.compile(r"[^\W\d_][\w’'\-\.]*")
_LINE = re.compile(r"[^\n]+")
# The words of a quotation blanked out (extraction.mask_quotations), longer than a headline
# quotes: `“…” — Michael P. McDonald, University of Florida` is a quotation and its speaker.
_LONG_QUOTATION = re.compile(r" {40,}")


def is_headline(line: str) -> bool:
    """Whether a line is in Title Case: four words or more besides function words, all of
    them capitalised, and a function word capitalised after the first word (`Jury Finds
    Dylann Roof Guilty In S.C. Church Shooting`) or left in lower case between capitalised
    words (`Chris Christie’s Exit Marks the End of the Fight`); never a line holding a
    quotation longer than a headline's (`line` is read with its quotations blanked)."""
    line = line.strip()
    if not line or _LONG_QUOTATION.search(line):
        return False
    found = _WORD.findall(line)
    content = [word for word in found if fold(word) not in _FUNCTION_WORDS]
    if len(content) < 4 or not all(word[0].isupper() for word in content):
        return False
    return any(fold(word) in _FUNCTION_WORDS for word in found[1:])


class Headlines:
    """The headline lines of a text, looked up by position."""

    def __init__(self, masked: str):
        self._spans = [
            (match.start(), match.end())
            for match in _LINE.finditer(masked)
            if is_headline(match.group())
        ]
        self._starts = [start for start, _ in self._spans]

    def holds(self, position: int) -> bool:
        at = bisect_right(self._starts, position) - 1
        return at >= 0 and self._spans[at][0] <= position < self._spans[at][1]
