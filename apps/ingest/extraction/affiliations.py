"""An organisation named as where a person works is not the speaker (issue 19, round 17):
`Omar Lamrani, a senior military analyst at Stratfor, the Texas-based organisation, told
Business Insider that…`, `Joost van Hoof of the Netherlands' Fontys University writes`,
`Trump on Fox News Sunday says`, `Sen. Ben Sasse, R-Neb., called his death…`. The rules
take the last name before the speech verb; when that name is an organisation standing in
a phrase that hangs on a person named just before it, the person is the verb's subject.
Asked of the speaker each speech proposal ends with, before the short forms (forms.py). A
function of the text and the Discourse's `mentions` alone, so that
bench/attribution_ranker.py can put it into the rules of earlier rounds too."""

import re
from bisect import bisect_left

# How far from its quotation the organisation the rules named may stand, and how far
# before it the person: a speech clause and its subject's appositive.
_NEAR = 300
_GAP = 160
# Between the person and the organisation: an appositive that ends in a preposition
# (`, a spokesperson for`, `, director of the Centre for Policy Impact at`), a preposition
# alone (` of the`, ` on`), or a comma alone when the organisation is itself an appositive
# (`Sasse, R-Neb., called`). No quotation, no clause of its own (`who sued`, `which`), no
# sentence end, no second subject (`and`).
_HANGS_ON = re.compile(
    r"(?:,[ \t]+(?:[^\s,;:\"“”()]+[ \t]+){0,14}?|[ \t]+)"
    r"(?:at|of|for|from|with|on|in)[ \t]+(?:the[ \t]+)?"
)
_APPOSITIVE = re.compile(r",[ \t]*")
_CLAUSE = re.compile(r"\b(?:who|whom|whose|which|that|and|but|or|said|says)\b", re.IGNORECASE)
_ENDS_APPOSITIVE = re.compile(r"\.?,")


class Affiliations:
    """The person a speech proposal's organisation hangs on. The Discourse's mentions are
    indexed once, on the first question; each question reads a bounded stretch of text
    and of mentions around the quotation, so the extraction stays linear."""

    def __init__(self, text: str, discourse) -> None:
        self.text = text
        self.discourse = discourse
        self._mentions: list | None = None
        self._starts: list[int] = []

    def speaker(self, span, attribution):
        """The person `attribution`'s speaker hangs on (a Mention), or None: only for a
        speaker the rules read from a name next to the quotation (method `name`)."""
        entity = attribution.entity if attribution is not None else None
        if entity is None or attribution.method != "name":
            return None
        if self._mentions is None:
            self._mentions = sorted(getattr(self.discourse, "mentions", ()), key=_start)
            self._starts = [mention.start for mention in self._mentions]
        where = self._nearest(span, entity, attribution.mention)
        if where is None:
            return None
        return self._person_before(*where, entity.kind != "person")

    def _nearest(self, span, entity, surface: str):
        """Where the speaker's name stands nearest the quotation, outside it: a mention of
        its entity or, when the Discourse kept none there (a name read by a rule of its
        own, `an analyst at Stratfor`), the words the rules read."""
        low = bisect_left(self._starts, span.open_at - _NEAR)
        high = bisect_left(self._starts, span.close_at + _NEAR)
        places = [(m.start, m.end) for m in self._mentions[low:high] if m.entity is entity]
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
        at = bisect_left(self._starts, start)
        for before in range(at - 1, max(-1, at - 8), -1):
            mention = self._mentions[before]
            if mention.end > start:
                continue
            if start - mention.end > _GAP:
                return None
            if mention.entity.kind != "person":
                continue  # `the Centre for Policy Impact` between the person and `at Duke`
            gap = self.text[mention.end : start]
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


def _start(mention) -> int:
    return mention.start
