"""What an article says about a speaker it quotes, gathered for the draft speaker the
import proposes: the other names it uses for them ("Ms Marsh", "President Obama"), the role
it states ("deputy mayor of Leeds") and the Wikidata id its HTML gives the name. The editor
then confirms a filled-in speaker instead of typing one.

Honorifics ("Mr", "Ms", "Dr") are how the article addresses someone, not who they are: they
make aliases ("Ms Marsh"), never a description or a role.
"""

import re
from dataclasses import dataclass, field

from apps.ingest.extraction.lexicon import words
from apps.ingest.extraction.mentions import fold

HONORIFICS = words("mr mrs ms miss mx dr sir dame lord lady prof professor rev fr mme herr frau")
# Words that make a phrase a pronoun or a role noun, not a name: never an alias.
_NOT_A_NAME = words(
    "he she they it him her them his hers their its i we you who this that the a an one someone"
)
_DETERMINERS = re.compile(r"^(?:the|a|an|his|her|their|its|our|my|your)\s+", re.IGNORECASE)
_ORGANISATION_AFTER = re.compile(r"^(?P<title>.+?)\s+(?:of|for|at|to)\s+(?P<organisation>.+)$")
_TRAILING = " ,.;:"
MAX_ALIASES = 10
MAX_LENGTH = 200


@dataclass
class SpeakerFacts:
    """Gathered over every quote of one new speaker in one article."""

    name: str
    aliases: list[str] = field(default_factory=list)
    roles: list[tuple[str, str]] = field(default_factory=list)  # (title, organisation)
    wikidata_id: str = ""

    def add_alias(self, alias: str) -> None:
        alias = " ".join(alias.split()).strip(_TRAILING)
        if not is_alias(alias, self.name) or len(self.aliases) >= MAX_ALIASES:
            return
        if alias.casefold() not in {known.casefold() for known in self.aliases}:
            self.aliases.append(alias[:MAX_LENGTH])

    def add_role(self, text: str) -> None:
        role = role_from(text)
        if role and role not in self.roles:
            self.roles.append(role)

    @property
    def description(self) -> str:
        """The first role the article states, as a description: "Deputy mayor of Leeds"."""
        if not self.roles:
            return ""
        title, organisation = self.roles[0]
        return f"{title} of {organisation}" if organisation else title


def is_alias(alias: str, name: str) -> bool:
    """Whether `alias` is another name for `name`'s speaker worth keeping: not the name
    itself, not a pronoun or a bare role noun ("the minister"), and capitalised somewhere."""
    words = alias.split()
    if not words or alias.casefold() == name.casefold() or len(alias) > MAX_LENGTH:
        return False
    if fold(words[0]) in _NOT_A_NAME or all(fold(w) in HONORIFICS for w in words):
        return False
    return any(word[:1].isupper() for word in words)


def is_honorific_name(name: str) -> bool:
    """Whether a name is an honorific and a surname ("Ms Marsh"): an alias for the speaker
    the article means, but too common to find a known speaker by."""
    words = name.split()
    return len(words) == 2 and fold(words[0]) in HONORIFICS


def role_from(text: str) -> tuple[str, str] | None:
    """(title, organisation) of a role as an article states it, or None for no role:
    "her deputy" → ("Deputy", ""); "the deputy mayor of Leeds" → ("Deputy mayor", "Leeds");
    "Russian President" → ("Russian President", ""); "Mr" → None."""
    text = " ".join(text.split()).strip(_TRAILING)
    while True:
        stripped = _DETERMINERS.sub("", text)
        if stripped == text:
            break
        text = stripped
    words = text.split()
    if not words or all(fold(word) in HONORIFICS for word in words):
        return None
    if fold(words[0]) in HONORIFICS:
        text = " ".join(words[1:])
    match = _ORGANISATION_AFTER.match(text)
    title, organisation = (
        (match.group("title"), _DETERMINERS.sub("", match.group("organisation")))
        if match
        else (text, "")
    )
    title = title[:1].upper() + title[1:]
    return title[:MAX_LENGTH], organisation.strip(_TRAILING)[:MAX_LENGTH]
