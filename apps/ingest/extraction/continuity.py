"""He or she who speaks is the person last said to speak, not the last person named (issue
19, round 19): `The key to Stadia's success, says Buser, is Google's built-in
infrastructure. "We have one of the largest private networks…," he says`, `Preston says he
supports surveillance tech… (Broward County says it's not installing facial recognition.)
But technology should be an "absolute last precaution," he tells Axios`. The rules take
the first person of the right gender in the last sentence naming one; a news writer who
goes on with he or she after a speech clause means that clause's speaker. Asked of the
speaker each speech proposal ends with, after the names that hang on a person
(affiliations.py) and before the short forms (forms.py). A function of the text and the
Discourse's `mentions` alone, so that bench/attribution_ranker.py can put it into the
rules of earlier rounds too."""

import re
from bisect import bisect_left

from .ordered import OrderedMentions
from .sentences import is_speech_verb, sentence_ends, tokens

# How far before its quotation a speech clause is read back for, and through how many
# mentions of people: a paragraph or two.
_REACH = 600
_MENTIONS = 12
_GENDER = {"he": "m", "she": "f"}
# Verbs after which the person named is spoken to, not speaking: `asked Montoya-Lewis`.
_TO_WHOM = {"asked", "asks", "told", "tells", "ask", "tell", "urged", "urges"}
# Words between a speaker and the verb: `Early still says`, `Gaga has continually insisted`
# (and any word in -ly).
_BETWEEN = {"also", "still", "later", "then", "has", "had", "have", "again", "once", "further"}
# What a verb of saying says when nothing is said: `Jim Ross said nothing`.
_NOTHING = {"nothing", "little", "no"}
# After a speaker named after the verb: the end of the clause (`says Buser, is`).
_CLAUSE_ENDS = re.compile(r"[ \t]*(?:[,.;:!?\n]|$)")


class SpeechClauses:
    """The speaker of the last speech clause before a quotation that he or she is said to
    speak. The Discourse's mentions are indexed once, on the first question; each question
    reads a bounded stretch of text and of mentions, so the extraction stays linear."""

    # Without the guards that keep the rules' person (named after the clause's sentence,
    # sharing a word of the name) and that a name after the verb ends its clause: the
    # round's first version, measured (G19_CONTINUITY=plain in bench/attribution_ranker.py).
    plain = False

    def __init__(self, text: str, discourse) -> None:
        self.text = text
        self.discourse = discourse
        self.ordered = OrderedMentions(discourse)

    def speaker(self, span, attribution):
        """The person (a Mention) who spoke last before `span`, when the rules read its
        speaker from he or she and gave someone else; or None."""
        if attribution is None or attribution.method != "pronoun":
            return None
        gender = _GENDER.get(attribution.mention.casefold())
        if gender is None:
            return None
        at = bisect_left(self.ordered.starts, span.open_at)
        seen = 0
        for index in range(at - 1, -1, -1):
            mention = self.ordered.mentions[index]
            if span.open_at - mention.end > _REACH:
                return None
            if mention.end > span.open_at or mention.entity.kind != "person":
                continue
            seen += 1
            if seen > _MENTIONS:
                return None
            if getattr(mention.entity, "gender", None) not in (None, gender):
                continue
            if self._speaks(mention):
                return self._instead(mention, span, attribution.entity, at)
        return None

    def _instead(self, mention, span, entity, at: int):
        """The speech clause's speaker instead of the rules' person, unless the rules' person
        is that speaker, shares a word of its name (a short form: forms.py's), or is named
        after the clause's sentence ends (`“…,” Boudreau said. “…” … Suter … he said`:
        whom the sentences since are about)."""
        if entity is None or mention.entity is entity:
            return None
        if self.plain:
            return mention
        if _words(entity.name) & _words(mention.entity.name):
            return None
        for index in range(at - 1, -1, -1):
            later = self.ordered.mentions[index]
            if later.start <= mention.start:
                break
            if later.entity is entity and later.end <= span.open_at:
                between = self.text[mention.end : later.start]
                ends = sentence_ends(self.text, mention.end, later.start, first=True)
                if "\n" in between or ends:
                    return None
        return mention

    def _speaks(self, mention) -> bool:
        """Whether the mention is the subject of a speech verb (`Buser says`, `Gaga has
        continually insisted`; not `said nothing`) or stands after one at the end of its
        clause (`says Buser,`, `said Tom Forte,`), not whom one is spoken to (`asked
        Montoya-Lewis`)."""
        after = tokens(self.text, mention.end, min(len(self.text), mention.end + 60))[:4]
        for at, token in enumerate(after):
            if is_speech_verb(after, at):
                if at + 1 < len(after) and after[at + 1].folded in _NOTHING:
                    return False  # `Jim Ross said nothing`: no speech clause
                return token.folded not in _TO_WHOM or at == 0
            if token.folded not in _BETWEEN and not token.folded.endswith("ly"):
                break
        before = self.text[max(0, mention.start - 30) : mention.start]
        verb = re.search(r"([A-Za-z]+)[ \t]+$", before)
        if verb is None or not (self.plain or _CLAUSE_ENDS.match(self.text, mention.end)):
            return False  # `said Tyvak would…`, `called Buckley’s performance`: an object
        words = tokens(before, verb.start(1), verb.end(1))
        return is_speech_verb(words, 0) and words[0].folded not in _TO_WHOM


def _words(name: str) -> set[str]:
    return {word.casefold() for word in re.findall(r"[\w’'-]+", name)}
