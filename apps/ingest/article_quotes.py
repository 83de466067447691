"""Writing the speech an article import found: draft speakers, quotes, their appearances
in the source, and a proposal row for each quote an editor is to decide on.

Called by `ArticleImporter` (apps/ingest/articles.py) inside the document's transaction,
a batch at a time; the rows go through the apps' services (bulk inserts with their history
rows).
"""

import re

from django.db.models.functions import Lower

from apps.core.slugs import unique_slugs
from apps.ingest.concurrency import wait_for_locks
from apps.ingest.extraction import Proposal
from apps.ingest.models import QuoteProposal
from apps.ingest.speaker_facts import SpeakerFacts, is_alias, is_honorific_name
from apps.ingest.speakers import NewSpeakers, SpeakerDirectory
from apps.quotes.models import Appearance, Quote
from apps.quotes.services import quotes_import
from apps.sources.anchoring import CONTEXT_LENGTH
from apps.sources.models import Source
from apps.speakers.models import Speaker, SpeakerAlias, SpeakerRole
from apps.speakers.services import speakers_create_drafts

UNATTRIBUTED = "(not attributed)"
_SPACE = re.compile(r"\s")
CHANGE_REASON = "Proposed by the article import"


class ProposalWriter:
    """Writes the speech proposals of one source, a batch at a time, as the import did one
    at a time: each proposal's speaker is a known one (by the extractor's key, or by name,
    looked up once per name), one this import created under the same name, or a new draft;
    the same words of the same speaker are one quote (an existing one if the speaker has
    said them before), with one appearance in the source, at the first place they stand.
    Unattributed words are a quote each time.
    """

    def __init__(
        self,
        actor,
        source: Source,
        directory: SpeakerDirectory,
        outcome,
        *,
        wikidata: tuple[tuple[str, str], ...] = (),
    ):
        self.actor = actor
        self.source = source
        self.directory = directory
        self.outcome = outcome
        # Each name's speaker (by casefolded name): a known one, or one this import makes.
        self.speakers: dict[str, tuple[Speaker, bool]] = {}
        self.new_speakers = NewSpeakers()
        self.made: set[int] = set()  # ids of the speakers this import made
        # What the article says about each speaker this import makes, by id() of the row.
        self.facts: dict[int, SpeakerFacts] = {}
        # The Wikidata id the page gives a name (casefolded).
        self.wikidata = {name.casefold(): qid for name, qid in wikidata}
        self.slugs: set[str] = set()  # given to those speakers
        # (speaker id, words): (quote id, its status) of the quote those words are, once
        # looked up (None: the speaker has not said them before).
        self.quotes: dict[tuple[int, str], tuple[int, str] | None] = {}
        self.appeared: set[int] = set()  # quotes with their appearance in this source

    def speakers_of(self, proposals: list[Proposal]) -> list[tuple[Speaker | None, bool]]:
        """Each proposal's speaker, and whether the proposal makes it (the first to name a
        new one). Decided for the whole text before anything is written, so the speakers
        this import makes are matched by their names alone, not by when they were saved."""
        return [self._speaker(proposal) for proposal in proposals]

    def join_speakers_made_meanwhile(
        self, speakers: list[tuple[Speaker | None, bool]], *, wait_seconds: float
    ) -> list[tuple[Speaker | None, bool]]:
        """`speakers` (from `speakers_of`), with each new one that another import has made
        under the same name (case aside) since this one looked taken as that speaker.

        Imports running at once each decide from the speakers the database held when they
        looked, so two of them could each make their own "Tomas Reyes". Each import locks
        the names of the speakers it is about to make, all at once and in one order (no
        deadlock), until it commits; the one that waited then finds the other's speaker."""
        new = {speaker.name.lower(): speaker for speaker, created in speakers if created}
        if not new:
            return speakers
        wait_for_locks(
            [f"speaker name {name}" for name in new],
            seconds=wait_seconds,
            waiting_for="another import making the same speakers",
        )
        made_meanwhile = dict(
            Speaker.objects.annotate(folded=Lower("name"))
            .filter(folded__in=new)
            .order_by("-pk")  # the dict keeps the last: the first made of namesakes
            .values_list("folded", "pk")
        )
        joined = set()
        for name, pk in made_meanwhile.items():
            if name in new:
                new[name].pk = pk
                joined.add(id(new[name]))
                self.outcome.speakers_created.remove(new[name].name)
        return [(speaker, created and id(speaker) not in joined) for speaker, created in speakers]

    def write(self, proposals: list[Proposal], speakers: list[tuple[Speaker | None, bool]]):
        new_speakers = [speaker for speaker, created in speakers if created]
        self._assign_slugs(new_speakers)
        aliases, roles = [], []
        for speaker in new_speakers:
            facts = self.facts[id(speaker)]
            speaker.description = facts.description[:300]
            aliases += [SpeakerAlias(speaker=speaker, name=alias) for alias in facts.aliases]
            roles += [SpeakerRole(speaker=speaker, title=t, organisation=o) for t, o in facts.roles]
        speakers_create_drafts(
            speakers=new_speakers,
            aliases=aliases,
            roles=roles,
            actor=self.actor,
            reason=CHANGE_REASON,
        )
        self.made.update(speaker.pk for speaker in new_speakers)
        self._look_up_quotes(
            {
                (speaker.pk, proposal.words)
                for proposal, (speaker, _) in zip(proposals, speakers, strict=True)
                if speaker is not None and speaker.pk not in self.made
            }
        )
        quotes: dict[tuple[int, str], Quote] = {}  # new in this batch, by speaker and words
        new_quotes, appearances, rows = [], [], []
        for proposal, (speaker, created) in zip(proposals, speakers, strict=True):
            key = (speaker.pk, proposal.words) if speaker is not None else None
            known = self.quotes.get(key) if key else None
            if known is not None:
                quote, status = known
                if quote in self.appeared:
                    continue  # the same words twice in one article: one appearance
                self.appeared.add(quote)
            elif key in quotes:
                continue  # said twice in this batch: one quote, one appearance
            else:
                quote = Quote(
                    text=proposal.words,
                    speaker_id=speaker.pk if speaker is not None else None,
                    speaker_name="" if speaker else (proposal.mention or UNATTRIBUTED)[:200],
                    language=self.source.language,
                    # The article's date, until an editor knows better.
                    said_on=self.source.published_on,
                    status=Quote.Status.DRAFT,
                )
                status = quote.status
                new_quotes.append(quote)
                if key:
                    quotes[key] = quote
            appearances.append(self._appearance(proposal, quote))
            if status == Quote.Status.DRAFT:
                rows.append(self._proposal_row(proposal, quote, created))
            self.outcome.proposed += 1
        quotes_import(
            quotes=new_quotes, appearances=appearances, actor=self.actor, reason=CHANGE_REASON
        )
        for key, quote in quotes.items():
            self.quotes[key] = (quote.pk, quote.status)
        self.appeared.update(quote.pk for quote in new_quotes)
        QuoteProposal.objects.bulk_create(rows)

    # --- speakers ----------------------------------------------------------------------

    def _speaker(self, proposal: Proposal) -> tuple[Speaker | None, bool]:
        """(the proposal's speaker, whether it makes it). A known speaker comes as an
        unsaved stand-in with its id: the id is all that is written. A name is looked up
        once: by the Wikidata id the page gives it or any other name the article uses for
        the same person, then among the database's speakers (as they were before the
        import) and the ones this import makes, the most alike, the database's of equals;
        then by those other names. What the article says about a speaker this import makes
        is gathered from every quote of theirs."""
        if proposal.speaker_key is not None:
            return Speaker(pk=proposal.speaker_key), False
        if not proposal.speaker_name:
            return None, False
        key = proposal.speaker_name.casefold()
        created = False
        if key not in self.speakers:
            found = self._find(proposal)
            if found is None:
                found, created = self._new_speaker(proposal), True
            self.speakers[key] = (found, False)
        speaker = self.speakers[key][0]
        if speaker.pk is None:
            self._note(speaker, proposal)
        return speaker, created

    def _find(self, proposal: Proposal) -> Speaker | None:
        names = [proposal.speaker_name, *_aliases(proposal)]
        for name in names:
            qid = self.wikidata.get(name.casefold())
            known = self.directory.find_wikidata(qid) if qid else None
            if known is not None:
                return Speaker(pk=known.key)
        known = self.directory.find(proposal.speaker_name)
        new = self.new_speakers.find(proposal.speaker_name)
        if new is not None and (known is None or new[1] > known.similarity):
            return new[0]
        if known is not None:
            return Speaker(pk=known.key)
        for alias in names[1:]:
            if len(alias.split()) > 1 and not is_honorific_name(alias):
                known = self.directory.find(alias)
                if known is not None:
                    return Speaker(pk=known.key)
        return None

    def _new_speaker(self, proposal: Proposal) -> Speaker:
        speaker = Speaker(
            name=proposal.speaker_name[:200],
            kind=Speaker.Kind.ORGANISATION
            if proposal.speaker_kind == "organisation"
            else Speaker.Kind.PERSON,
            status=Speaker.Status.DRAFT,
        )
        self.facts[id(speaker)] = SpeakerFacts(speaker.name)
        self.new_speakers.add(proposal.speaker_name, speaker)
        self.outcome.speakers_created.append(speaker.name)
        return speaker

    def _note(self, speaker: Speaker, proposal: Proposal) -> None:
        facts = self.facts[id(speaker)]
        for alias in _aliases(proposal):
            facts.add_alias(alias)
        for role in (proposal.speaker_role, proposal.speaker_title):
            if role:
                facts.add_role(role)
        if not speaker.wikidata_id:
            for name in (proposal.speaker_name, *facts.aliases):
                if name.casefold() in self.wikidata:
                    speaker.wikidata_id = self.wikidata[name.casefold()]
                    break

    def _assign_slugs(self, speakers: list[Speaker]) -> None:
        """The slugs `unique_slug` would give them one after the other (apps/core/slugs.py
        `unique_slugs`), avoiding those given to this import's earlier batches."""
        for speaker, slug in zip(
            speakers,
            unique_slugs(Speaker, [s.name for s in speakers], given=self.slugs),
            strict=True,
        ):
            speaker.slug = slug

    # --- quotes ------------------------------------------------------------------------

    def _look_up_quotes(self, keys: set[tuple[int, str]]) -> None:
        """Find the quotes these speakers already have with these words: the one a look-up
        by speaker and text finds first (the newest), as the import takes it."""
        wanted = [key for key in keys if key not in self.quotes]
        for start in range(0, len(wanted), 500):
            chunk = wanted[start : start + 500]
            for key in chunk:
                self.quotes[key] = None
            found = Quote.objects.filter(
                speaker_id__in={speaker for speaker, _ in chunk},
                text__in={words for _, words in chunk},
            ).values_list("pk", "speaker_id", "text", "status")
            for pk, speaker_id, text, status in found:  # in the model's order: newest first
                if self.quotes.get((speaker_id, text), "") is None:
                    self.quotes[(speaker_id, text)] = (pk, status)

    def _appearance(self, proposal: Proposal, quote: Quote | int) -> Appearance:
        """The appearance of the proposal's words in the source, anchored where they were
        found: its start, with the text just around the words as prefix and suffix, which
        the anchoring accepts without searching the text (apps/sources/anchoring.py)."""
        text, span = self.source.text, proposal.span
        exact = span.raw(text) if span.continued else proposal.words
        end = _words_end(text, span.start, span.end, exact)
        appearance = Appearance(
            source=self.source,
            exact=exact,
            start=span.start,
            prefix=text[max(0, span.start - CONTEXT_LENGTH) : span.start],
            suffix=text[end : end + CONTEXT_LENGTH],
        )
        if isinstance(quote, int):
            appearance.quote_id = quote
        else:
            appearance.quote = quote
        return appearance

    def _proposal_row(self, proposal: Proposal, quote: Quote | int, created: bool):
        row = QuoteProposal(
            source=self.source,
            position=proposal.span.start,
            confidence=min(1.0, max(0.0, proposal.confidence)),
            mention=proposal.mention[:300],
            method=proposal.method or QuoteProposal.Method.NONE,
            speaker_created=created,
        )
        if isinstance(quote, int):
            row.quote_id = quote
        else:
            row.quote = quote
        return row


def _words_end(text: str, start: int, end: int, exact: str) -> int:
    """Where the words `exact` end in text[start:end], the span they were taken from.

    They are the span's words with white space folded and trailing punctuation dropped
    (QuotedSpan.words), or the span itself: the same characters but white space, up to a
    point. So: drop as many of the span's last characters as it has more than the words,
    white space aside.
    """
    extra = (end - start - len(_SPACE.findall(text, start, end))) - (
        len(exact) - len(_SPACE.findall(exact))
    )
    while end > start and (extra > 0 or text[end - 1].isspace()):
        extra -= not text[end - 1].isspace()
        end -= 1
    return end


def _aliases(proposal: Proposal) -> list[str]:
    """The other names the article uses for the proposal's speaker, and the words that
    named them here when those are a name ("Ms Marsh", not "she")."""
    aliases = list(proposal.speaker_aliases)
    if proposal.mention and is_alias(proposal.mention, proposal.speaker_name):
        aliases.append(proposal.mention)
    return aliases
