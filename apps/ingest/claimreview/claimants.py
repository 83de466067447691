"""The ClaimReview import's claimants as speakers.

Matched by Wikidata id, then by exact name or alias, then by the title of the Wikipedia
article their `sameAs` links to (apps/ingest/speakers.py `ExactSpeakers`); anyone else
becomes a draft speaker. A name that differs from its Wikipedia article's title is noted.
"""

from django.db.models import Model

from apps.core.slugs import unique_slugs
from apps.ingest.claimreview.cache import BoundedCache
from apps.ingest.claimreview.mapping import Claimant
from apps.ingest.speakers import ExactSpeakers
from apps.speakers.models import Speaker
from apps.speakers.services import speakers_create_drafts


def claimant_key(claimant: Claimant) -> tuple:
    return (claimant.wikidata_id, claimant.name.casefold())


class ClaimantSpeakers:
    """Each claimant's speaker id, found or made as a draft; the ids found are cached
    (`forget` them when a write that made them is rolled back)."""

    def __init__(self, *, actor: Model | None, reason: str):
        self.actor = actor
        self.reason = reason
        self._speakers = BoundedCache()

    def forget(self) -> None:
        self._speakers.clear()

    def ids(self, claimants: list[Claimant], notes) -> dict[tuple, int]:
        """{claimant_key: speaker id} for `claimants`; appends (kind, text) to `notes`."""
        found: dict[tuple, int] = {}
        missing: dict[tuple, Claimant] = {}
        for claimant in claimants:
            key = claimant_key(claimant)
            cached = self._speakers.get(key)
            if cached is not None:
                found[key] = cached
            else:
                missing[key] = claimant
        if not missing:
            return found
        names = {c.name.casefold() for c in missing.values()}
        names |= {c.wikipedia_name.casefold() for c in missing.values() if c.wikipedia_name}
        known = ExactSpeakers(
            wikidata_ids={c.wikidata_id for c in missing.values() if c.wikidata_id}, names=names
        )
        new: dict[tuple, Speaker] = {}
        new_wikidata: dict[str, Speaker] = {}
        for key, claimant in missing.items():
            folded = claimant.name.casefold()
            wikipedia = claimant.wikipedia_name.casefold()
            pk = known.find(claimant.wikidata_id, folded, wikipedia)
            if pk is not None:
                found[key] = pk
                continue
            if claimant.wikidata_id and claimant.wikidata_id in new_wikidata:
                new[key] = new_wikidata[claimant.wikidata_id]
                continue
            speaker = Speaker(
                name=claimant.name,
                kind=Speaker.Kind.ORGANISATION
                if claimant.kind == "organisation"
                else Speaker.Kind.PERSON,
                description=claimant.description,
                wikidata_id=claimant.wikidata_id,
                status=Speaker.Status.DRAFT,
            )
            new[key] = speaker
            if claimant.wikidata_id:
                new_wikidata[claimant.wikidata_id] = speaker
            if wikipedia and wikipedia != folded:
                notes.append(
                    (
                        "claimant named unlike the Wikipedia article it links to",
                        f"draft speaker “{claimant.name}” created; its sameAs is Wikipedia's "
                        f"“{claimant.wikipedia_name}”: correct the name if that is who it is",
                    )
                )
        speakers = list({id(s): s for s in new.values()}.values())
        for speaker, slug in zip(
            speakers, unique_slugs(Speaker, [s.name for s in speakers]), strict=True
        ):
            speaker.slug = slug
        speakers_create_drafts(speakers=speakers, actor=self.actor, reason=self.reason)
        for key, speaker in new.items():
            found[key] = speaker.pk
        for key, pk in found.items():
            self._speakers.put(key, pk)
        return found
