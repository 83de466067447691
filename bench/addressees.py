"""Whom a speech clause speaks to is not its speaker (issue 19, round 22, measured, not in
the product): `a reporter asked Montoya-Lewis, "…?" "…," she replied` (the reply is the
asked one's, not the last woman named before), `trust member Peggy Bell asked last week
"…?" Mr. Cueto responded that "…"` (the question is the asker's, not the replier's named
after it).

Two readings, each of the speaker a speech proposal ends with:
- `reply`: a quotation whose speaker the rules read from he or she beside a verb of
  replying (`she replied`, `he responded`) is the person asked right before the quotation
  before it (`asked Montoya-Lewis`), when that person's gender, if known, fits; and the
  quotations the rules took for that reply's continuation go on with that person.
- `asker`: a question (its words end with `?`) right after `<name> asked` (up to three
  words between, `asked last week`) is that person's, when the rules named someone else.

Measured by bench/attribution_ranker.py's `addressees` (docs/importing.md, round 22). A
function of the text and the Discourse's `mentions` alone, so that it can be put into the
rules of every round; each question reads a bounded stretch of text and of mentions."""

import re
from bisect import bisect_left

from apps.ingest.extraction.ordered import OrderedMentions

_GENDER = {"he": "m", "she": "f"}
# How far before a reply the quotation it answers, and the `asked` before that, are looked
# for (characters).
_REACH = 400
_REPLYING = r"(?:replied|replies|responded|responds|answered|answers|retorted|retorts)"
# `"…," she replied`, `"…" he responded.`
_REPLY_AFTER = re.compile(r"[ \t]*,?[ \t]*(?:he|she)[ \t]+" + _REPLYING + r"\b", re.IGNORECASE)
# `She replied: "…"`, `he answered, "…"`.
_REPLY_BEFORE = re.compile(r"\b(?:he|she)[ \t]+" + _REPLYING + r"[ \t]*[:,]?[ \t]*$", re.IGNORECASE)
# `asked Montoya-Lewis, "…"` (the name's mention starts where the group does).
_ASKED = re.compile(r"\basked[ \t]+(?=[A-Z])")
# `Peggy Bell asked last week "…"`: at most three words between the verb and the mark.
_ASKED_BEFORE = re.compile(r"[ \t]+asked(?:[ \t]+[a-z]+){0,3}[ \t]*[:,]?[ \t]*$")


class Addressees:
    """The two readings over one article's text and mentions (indexed once)."""

    parts = ("reply", "asker")

    def __init__(self, text: str, discourse) -> None:
        self.text = text
        self.ordered = OrderedMentions(discourse)
        self.last = None  # (span, the rules' entity, the entity given instead) of the last reply

    def speaker(self, span, attribution, previous):
        """The entity the speech proposal of `span` goes to instead of the rules' (None:
        left as it is). `previous` is the speech span before it, or None."""
        if attribution is None:
            return None
        found = None
        if "reply" in self.parts:
            found = self._reply(span, attribution, previous) or self._goes_on(span, attribution)
        if found is None and "asker" in self.parts:
            found = self._asker(span, attribution)
        return found

    def _reply(self, span, attribution, previous):
        gender = _GENDER.get(attribution.mention.casefold())
        if attribution.method != "pronoun" or gender is None or previous is None:
            return None
        after = _REPLY_AFTER.match(self.text, span.close_at + 1)
        before = _REPLY_BEFORE.search(self.text, max(0, span.open_at - 40), span.open_at)
        if after is None and before is None:
            return None
        if span.open_at - previous.close_at > _REACH:
            return None
        low = max(0, previous.open_at - 120)
        asked = list(_ASKED.finditer(self.text, low, previous.open_at))
        if not asked:
            return None
        person = self._mention_at(asked[-1].end())
        if person is None or getattr(person.entity, "gender", None) not in (None, gender):
            return None
        if person.entity is attribution.entity:
            return None
        self.last = (span, attribution.entity, person.entity)
        return person.entity

    def _goes_on(self, span, attribution):
        """A continuation of the last reply given to the person asked goes on with them."""
        if self.last is None or attribution.method != "continuation":
            return None
        reply, rules, instead = self.last
        if attribution.entity is not rules or span.open_at - reply.close_at > _REACH:
            return None
        self.last = (span, rules, instead)
        return instead

    def _asker(self, span, attribution):
        words = self.text[span.open_at + 1 : span.close_at].rstrip(" ,.”\"’'")
        if not words.endswith("?"):
            return None
        asked = _ASKED_BEFORE.search(self.text, max(0, span.open_at - 60), span.open_at)
        if asked is None:
            return None
        at = bisect_left(self.ordered.starts, asked.start()) - 1
        if at < 0:
            return None
        person = self.ordered.mentions[at]
        if person.end != asked.start() or person.entity.kind != "person":
            return None
        if person.entity is attribution.entity:
            return None
        return person.entity

    def _mention_at(self, start: int):
        at = bisect_left(self.ordered.starts, start)
        if at < len(self.ordered.mentions):
            mention = self.ordered.mentions[at]
            if mention.start == start and mention.entity.kind == "person":
                return mention
        return None
