"""A name in a phrase that hangs on a person — where they work, a programme they spoke on —
is not the speaker; the person is (issue 19, round 17):
`Omar Lamrani, a senior military analyst at Stratfor, the Texas-based organisation, told
Business Insider that…`, `Joost van Hoof of the Netherlands' Fontys University writes`,
`Trump on Fox News Sunday says`, `Sen. Ben Sasse, R-Neb., called his death…`. The rules
take the last name before the speech verb; when that name stands in a phrase that hangs
on a person named just before it (an appositive ending in a preposition, a preposition
alone), the person is the verb's subject; and so for whom he or she means (`said Patrick
McHugh, vice president for Con Edison, which maintains the cables. "…," he added.`).
Asked of the speaker each speech proposal ends with, after the parse's choice and before
the short forms (forms.py). A function of the text and the Discourse's `mentions` alone,
so that bench/attribution_ranker.py can put it into the rules of earlier rounds too."""

import re
from bisect import bisect_left

from .ordered import OrderedMentions

# How far from its quotation the name the rules read may stand, and how far before it the
# person: a speech clause and its subject's appositive.
_NEAR = 300
_GAP = 160
# Between the person and the organisation: an appositive that ends in a preposition
# (`, a spokesperson for`, `, director of the Centre for Policy Impact at`), a preposition
# alone (` of the`, ` on`), or a comma alone when the organisation is itself an appositive
# (`Sasse, R-Neb., called`). No quotation, no clause of its own (`who sued`, `which`,
# `said`), no sentence end.
_HANGS_ON = re.compile(
    r"(?:,[ \t]+(?:[^\s,;:\"“”()]+[ \t]+){0,14}?|[ \t]+)"
    r"(?:at|of|for|from|with|on|in)[ \t]+(?:the[ \t]+)?"
)
_APPOSITIVE = re.compile(r",[ \t]*")
_CLAUSE = re.compile(r"\b(?:who|whom|whose|which|that|said|says)\b", re.IGNORECASE)
_ENDS_APPOSITIVE = re.compile(r"\.?,")
_GENDER = {"he": "m", "she": "f"}
# Where the person said it (`David Emery posted to Twitter asking if…`): measured, not in
# the product (Affiliations.media; docs/importing.md, round 17).
_MEDIUM = re.compile(
    r"[ \t]+(?:posted|wrote|tweeted|said|says|spoke|appeared|told)[ \t]+(?:to|on|in)[ \t]+"
    r"(?:the[ \t]+)?"
)


class Affiliations:
    """The person a speech proposal's speaker hangs on. The Discourse's mentions are
    indexed once, on the first question; each question reads a bounded stretch of text
    and of mentions around the quotation, so the extraction stays linear."""

    # The rules' ways of finding a speaker that are asked: a name next to the quotation,
    # and he or she (`said Patrick McHugh, vice president for Con Edison, which maintains
    # the cables. "…," he added.`), never `it` or `they`, which may well mean the body.
    # Measured with names alone too (G17_AFFILIATIONS=name in bench/attribution_ranker.py).
    methods = ("name", "pronoun")
    # Whether a verb of saying may stand between the person and where they said it.
    media = False

    def __init__(self, text: str, discourse) -> None:
        self.text = text
        self.discourse = discourse
        self.ordered = OrderedMentions(discourse)

    def speaker(self, span, attribution):
        """The person `attribution`'s speaker hangs on (a Mention), or None."""
        entity = attribution.entity if attribution is not None else None
        if entity is None or attribution.method not in self.methods:
            return None
        gender = _GENDER.get(attribution.mention.casefold())
        if attribution.method == "pronoun" and gender is None:
            return None
        surface = attribution.mention if attribution.method == "name" else entity.name
        where = self._nearest(span, entity, surface)
        if where is None:
            return None
        person = self._person_before(*where, entity.kind != "person")
        known = getattr(person.entity, "gender", None) if person is not None else None
        if gender and known not in (None, gender):
            return None  # `she` is not the man the body hangs on
        return person

    def _nearest(self, span, entity, surface: str):
        """Where the speaker's name stands nearest the quotation, outside it: a mention of
        its entity or, when the Discourse kept none there (a name read by a rule of its
        own, `an analyst at Stratfor`), the words the rules read."""
        low = bisect_left(self.ordered.starts, span.open_at - _NEAR)
        high = bisect_left(self.ordered.starts, span.close_at + _NEAR)
        places = [(m.start, m.end) for m in self.ordered.mentions[low:high] if m.entity is entity]
        if not places and surface:
            lo = max(0, span.open_at - _NEAR)
            places = [
                (m.start(), m.end())
                for m in re.finditer(re.escape(surface), self.text[lo : span.close_at + _NEAR])
            ]
            places = [(start + lo, end + lo) for start, end in places]
        outside = [
            (start, end) for start, end in places if end <= span.open_at or start >= span.close_at
        ]
        if not outside:
            return None
        return min(
            outside,
            key=lambda at: span.open_at - at[1] if at[1] <= span.open_at else at[0] - span.close_at,
        )

    def _person_before(self, start: int, end: int, body: bool):
        at = bisect_left(self.ordered.starts, start)
        for before in range(at - 1, max(-1, at - 8), -1):
            mention = self.ordered.mentions[before]
            if mention.end > start:
                continue
            if start - mention.end > _GAP:
                return None
            if mention.entity.kind != "person":
                continue  # `the Centre for Policy Impact` between the person and `at Duke`
            gap = self.text[mention.end : start]
            if self.media and _MEDIUM.fullmatch(gap):
                return mention
            if "\n" in gap or _CLAUSE.search(gap) or re.search(r"[.!?][ \t]+[A-Z]", gap):
                return None
            if _HANGS_ON.fullmatch(gap):
                return mention
            # `Sasse, R-Neb., called`: a body's name as an appositive alone; not a person's
            # (`the wife of Smith, Jane, said`: Jane is the wife).
            after = self.text[end : end + 2]
            if body and _APPOSITIVE.fullmatch(gap) and _ENDS_APPOSITIVE.match(after):
                return mention
            return None
        return None
