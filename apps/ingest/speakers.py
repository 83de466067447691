"""Looking up the speakers an import finds, among those the database already has.

Names go through the search service's typo-tolerant `find_speakers` (names and aliases,
drafts included), but a match is only taken when the whole name is alike (not merely one
word of it inside a longer alias), so "the foreign minister" never becomes whichever
foreign minister has an alias. Titles used instead of a name ("the Russian President",
"Iran's foreign minister") are matched against aliases, then against each speaker's
description ("President of Russia") and roles (President, Russia).

A bulk import that cannot ask anyone (ClaimReview) matches names exactly instead:
`ExactSpeakers`.
"""

import re
from dataclasses import dataclass

from django.db.models import Q
from django.db.models.functions import Lower
from rapidfuzz import fuzz, process, utils

from apps.ingest.extraction.mentions import fold, same_place
from apps.search.selectors import find_speakers
from apps.speakers.models import Speaker, SpeakerAlias

# How alike (0..1, rapidfuzz ratio of the normalised strings) a name must be to a known
# speaker's name or alias to be taken as that speaker: "Rich Perry" and "Rick Perry" are
# 0.90; "Jane Doe" and "John Doe" are 0.75.
NAME_MATCH = 0.85
_FILLER = {"the", "a", "an", "of", "for", "s"}


@dataclass(frozen=True)
class KnownSpeaker:
    key: int
    name: str
    kind: str
    similarity: float = 1.0


class SpeakerDirectory:
    """The database's speakers, as one import looks them up (answers are cached)."""

    def __init__(self):
        self._names: dict[str, KnownSpeaker | None] = {}
        self._titles: dict[str, KnownSpeaker | None] = {}
        self._wikidata: dict[str, KnownSpeaker | None] = {}
        self._words: dict[str, bool] = {}

    def remember(self, name: str, speaker: Speaker) -> None:
        """A speaker the import has just created, so later look-ups find it at once."""
        self._names[name.casefold()] = KnownSpeaker(speaker.pk, speaker.name, speaker.kind)

    def knows(self, word: str) -> bool:
        """Whether a bare capitalised word is a known speaker's name, alias or surname."""
        word = fold(word)
        if len(word) < 3:
            return False
        if word not in self._words:
            self._words[word] = self._knows(word)
        return self._words[word]

    def _knows(self, word: str) -> bool:
        for match in find_speakers(word, public=False, limit=3):
            names = {fold(part) for part in match.matched_name.split()}
            if word in names or word == fold(match.matched_name):
                return True
        return False

    def find(self, name: str) -> KnownSpeaker | None:
        key = name.casefold()
        if key not in self._names:
            self._names[key] = self._find(name)
        return self._names[key]

    def _find(self, name: str) -> KnownSpeaker | None:
        wanted = utils.default_process(name)
        best: KnownSpeaker | None = None
        for match in find_speakers(name, public=False, limit=5):
            similarity = name_similarity(wanted, utils.default_process(match.matched_name))
            if similarity >= NAME_MATCH and (best is None or similarity > best.similarity):
                speaker = match.speaker
                best = KnownSpeaker(speaker.pk, speaker.name, speaker.kind, round(similarity, 3))
        return best

    def find_wikidata(self, wikidata_id: str) -> KnownSpeaker | None:
        """The speaker with this Wikidata id (drafts included), if there is one."""
        if wikidata_id not in self._wikidata:
            speaker = Speaker.objects.filter(wikidata_id=wikidata_id).only("name", "kind").first()
            self._wikidata[wikidata_id] = (
                KnownSpeaker(speaker.pk, speaker.name, speaker.kind) if speaker else None
            )
        return self._wikidata[wikidata_id]

    def find_title(self, title: str) -> KnownSpeaker | None:
        key = title.casefold()
        if key not in self._titles:
            self._titles[key] = self._find_title(title)
        return self._titles[key]

    def _find_title(self, title: str) -> KnownSpeaker | None:
        words = [fold(w) for w in re.findall(r"[\w’'.\-]+", title)]
        words = [w for w in words if w and w not in _FILLER]
        if not words:
            return None
        by_alias = self._find(title)
        if by_alias is not None:
            return by_alias
        head = words[-1]
        candidates = (
            Speaker.objects.filter(Q(description__icontains=head) | Q(roles__title__icontains=head))
            .prefetch_related("roles")
            .distinct()[:50]
        )
        matches = [s for s in candidates if any(_fits(words, d) for d in _descriptions(s))]
        if len(matches) != 1:
            return None  # none, or several: a title that does not single anyone out
        speaker = matches[0]
        return KnownSpeaker(speaker.pk, speaker.name, speaker.kind, 0.9)


def name_similarity(wanted: str, candidate: str) -> float:
    """How alike two names are (0..1), both as rapidfuzz's `default_process` gives them: the
    ratio of the two, or 0.95 for a surname alone ("putin" and "vladimir putin")."""
    similarity = fuzz.ratio(wanted, candidate) / 100
    if len(wanted.split()) == 1 and wanted in candidate.split():
        similarity = max(similarity, 0.95)
    return similarity


class NewSpeakers:
    """The speakers an import is creating, not in the database yet, found by name as
    `SpeakerDirectory.find` finds those that are: "Ana Varsa" after "Anna Varsa" is the
    same draft speaker. Only names sharing a word are compared (in C, by rapidfuzz), so a
    look-up costs what the names sharing its words cost, not every name of the import."""

    def __init__(self):
        self._names: list[str] = []  # as default_process gives them
        self._speakers: list[Speaker] = []
        self._by_word: dict[str, list[int]] = {}

    def add(self, name: str, speaker: Speaker) -> None:
        processed = utils.default_process(name)
        for word in set(processed.split()):
            self._by_word.setdefault(word, []).append(len(self._names))
        self._names.append(processed)
        self._speakers.append(speaker)

    def find(self, name: str) -> tuple[Speaker, float] | None:
        """The most alike (from NAME_MATCH) of the new speakers, with how alike; the first
        made of equals."""
        wanted = utils.default_process(name)
        words = wanted.split()
        indexes = sorted({i for word in set(words) for i in self._by_word.get(word, ())})
        scores = {}
        if len(words) == 1:
            scores = dict.fromkeys(self._by_word.get(wanted, ()), 0.95)  # a surname alone
        for _, ratio, at in process.extract(
            wanted,
            [self._names[i] for i in indexes],
            scorer=fuzz.ratio,
            processor=None,
            score_cutoff=NAME_MATCH * 100 - 1,  # saves work; the rule is below
            limit=None,
        ):
            similarity = max(ratio / 100, scores.get(indexes[at], 0.0))
            if similarity >= NAME_MATCH:
                scores[indexes[at]] = similarity
        best = None
        for index in sorted(scores):
            if best is None or scores[index] > best[1]:
                best = (self._speakers[index], scores[index])
        return best


class ExactSpeakers:
    """The database's speakers with a Wikidata id, or a name or alias equal (case aside) to
    one given, looked up in three queries for a whole batch. Names are never matched
    loosely: a bulk import cannot ask whether "Rich Perry" is Rick Perry."""

    def __init__(self, *, wikidata_ids: set[str], names: set[str]):
        """`names` casefolded; `wikidata_ids` without the empty one."""
        self._by_wikidata = dict(
            Speaker.objects.filter(wikidata_id__in=wikidata_ids).values_list("wikidata_id", "pk")
        )
        self._by_name = dict(
            Speaker.objects.annotate(folded=Lower("name"))
            .filter(folded__in=names)
            .order_by("-pk")
            .values_list("folded", "pk")
        )
        self._by_alias = dict(
            SpeakerAlias.objects.annotate(folded=Lower("name"))
            .filter(folded__in=names)
            .order_by("-pk")
            .values_list("folded", "speaker_id")
        )

    def find(self, wikidata_id: str, *names: str) -> int | None:
        """The id of the speaker with `wikidata_id`, else of the one named (then aliased)
        the first of `names` (casefolded), else the next; None if there is none."""
        pk = self._by_wikidata.get(wikidata_id)
        for name in names:
            pk = pk or self._by_name.get(name) or self._by_alias.get(name)
        return pk


def _descriptions(speaker: Speaker) -> list[str]:
    found = [speaker.description] if speaker.description else []
    for role in speaker.roles.all():
        found.append(f"{role.title} {role.organisation}")
    return found


def _fits(words: list[str], description: str) -> bool:
    """Every word of the title is in the description, places matched to their demonyms:
    "russian president" fits "President of Russia"."""
    known = [fold(w) for w in re.findall(r"[\w’'.\-]+", description)]
    known = [w for w in known if w not in _FILLER]
    return all(w in known or any(same_place(w, k) for k in known) for w in words)
