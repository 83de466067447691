"""Search-box syntax, as people type it: words, "quoted phrases", -exclusions and OR.

PostgreSQL reads this syntax itself (websearch_to_tsquery); for SQLite it is translated
into an FTS5 query here, quoting every term so that no input can be an FTS5 syntax error.
"""

import re
from dataclasses import dataclass

_TOKEN = re.compile(r'(-?)"([^"]*)"?|(\S+)')
_WORD = re.compile(r"\w+", re.UNICODE)


@dataclass(frozen=True)
class Term:
    words: tuple[str, ...]  # one word, or the words of a phrase
    excluded: bool = False


def parse(text: str) -> list[Term | str]:
    """Terms in order, with the string "OR" where the user wrote OR between two terms."""
    parsed: list[Term | str] = []
    for match in _TOKEN.finditer(text.replace("“", '"').replace("”", '"')):
        negated_phrase, phrase, bare = match.groups()
        if phrase is not None:
            words = tuple(_WORD.findall(phrase))
            if words:
                parsed.append(Term(words, excluded=bool(negated_phrase)))
            continue
        if bare == "OR":
            if parsed and parsed[-1] != "OR":
                parsed.append("OR")
            continue
        excluded = bare.startswith("-") and len(bare) > 1
        parsed.extend(Term((word,), excluded=excluded) for word in _WORD.findall(bare.lstrip("-")))
    while parsed and parsed[-1] == "OR":
        parsed.pop()
    if parsed and parsed[0] == "OR":
        parsed.pop(0)
    return parsed


def to_fts5(text: str) -> str:
    """An FTS5 MATCH expression for `text`, or "" when nothing can be searched for.

    Excluded terms need something to exclude from, as in FTS5 (and websearch_to_tsquery,
    which then matches nothing): a query of exclusions alone finds nothing.
    """
    included: list[str] = []
    excluded: list[str] = []
    pending_or = False
    for item in parse(text):
        if item == "OR":
            pending_or = True
            continue
        quoted = '"' + " ".join(item.words).replace('"', "") + '"'
        if item.excluded:
            excluded.append(quoted)
        elif pending_or and included:
            included[-1] = f"{included[-1]} OR {quoted}"
        else:
            included.append(quoted)
        pending_or = False
    if not included:
        return ""
    expression = " AND ".join(f"({group})" if " OR " in group else group for group in included)
    for term in excluded:
        expression = f"{expression} NOT {term}"
    return expression
