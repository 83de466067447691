"""Importing articles: archive the text as a source and propose the quotes in it.

`ArticleImporter` is what `manage.py import_source`, the admin's import form and the import
worker (`manage.py run_import_jobs`, apps/ingest/jobs.py) call. One document is one
transaction: it is archived with every proposed quote, or not at all. Re-importing a
document already archived (same URL, or same text) changes nothing.

The work grows with the text, not faster (bench/article_import.py measures it): the
extraction reads the text a bounded number of times, each known speaker and each existing
quote is looked up once, and the quotes are written in batches with their history rows,
each anchored where the extractor found it without searching the text again.

Imports may run at the same time (several commands, the import worker). Two of the same
document queue on a lock named by its text and URL (apps/ingest/concurrency.py), so the
second finds the first's source and changes nothing. A new source's slug is reserved before
it is written, so articles titled alike never clash; if two imports make the same new
speaker or publisher, the one the database refuses writes again, finding the other's.
"""

import hashlib
import random
import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import DatabaseError, IntegrityError, reset_queries
from django.db.models import Model
from django.utils import timezone
from django.utils.text import slugify

from apps.core.writes import service
from apps.ingest import documents
from apps.ingest.concurrency import (
    database_problem,
    reserved_slug,
    unique_clash,
    wait_for_locks,
)
from apps.ingest.errors import IngestError
from apps.ingest.extraction import Proposal, extract_quotes
from apps.ingest.models import QuoteProposal
from apps.ingest.speakers import NewSpeakers, SpeakerDirectory
from apps.ops.response_cache import content_changed
from apps.quotes.models import Appearance, Quote
from apps.quotes.services import quotes_import
from apps.sources.anchoring import CONTEXT_LENGTH
from apps.sources.models import Source
from apps.sources.services import publisher_get_or_create, source_create
from apps.speakers.models import Speaker
from apps.speakers.services import speakers_create_drafts

UNATTRIBUTED = "(not attributed)"
_SPACE = re.compile(r"\s")
CHANGE_REASON = "Proposed by the article import"
# Quotes written per batch: each batch is a few statements (each well inside the
# database's statement timeout), and what is held in memory at once.
BATCH = 2000

# Writes of a document that clash with a parallel import's rows before one goes through.
ATTEMPTS = 5
# How long an import waits for another import of the same document to end.
WAIT_SECONDS = 600

# How many new speakers an outcome names (a transcript may bring thousands).
NAMED_SPEAKERS = 20

# progress(stage, done, total): what an import reports as it goes (see jobs.py).
Progress = Callable[[str, int, int], None]


@dataclass
class ImportOutcome:
    """What became of one document."""

    name: str
    status: str  # "imported", "unchanged" or "failed"
    message: str
    source: Source | None = None
    proposed: int = 0
    speakers_created: list[str] = field(default_factory=list)
    not_speech: dict[str, int] = field(default_factory=dict)
    notes: tuple[str, ...] = ()  # what reading the document guessed or changed

    @property
    def ok(self) -> bool:
        return self.status != "failed"

    def __str__(self) -> str:
        return f"{self.name}: {self.message}"


class ArticleImporter:
    """Imports articles one document at a time, each in its own transaction.

    Source, quotes, appearances and draft speakers are written through the apps'
    services, so they are validated, anchored and recorded in history like any edit.
    Imported sources are drafts: nothing an import brings in is public until an editor
    has looked at it. `progress`, if given, is told how far each import has got.
    """

    def __init__(self, *, actor: Model | None = None, progress: Progress | None = None):
        self.actor = actor
        self.progress = progress or (lambda stage, done, total: None)

    def import_path(self, path: Path | str, *, url: str = "") -> ImportOutcome:
        path = Path(path)
        try:
            document = documents.read_path(path, url=url)
        except IngestError as error:
            return ImportOutcome(str(path), "failed", error.message)
        return self.import_document(document)

    def import_bytes(self, data: bytes, *, name: str, url: str = "") -> ImportOutcome:
        self.progress("reading", 0, 0)
        try:
            document = documents.read_bytes(data, name=name, url=url)
        except IngestError as error:
            return ImportOutcome(name, "failed", error.message)
        return self.import_document(document)

    def import_text(self, text: str, *, name: str, url: str = "", title: str = "") -> ImportOutcome:
        try:
            document = documents.read_text(text, name=name, url=url, title=title)
        except IngestError as error:
            return ImportOutcome(name, "failed", error.message)
        return self.import_document(document)

    def import_document(self, document: documents.Document) -> ImportOutcome:
        existing = find_existing(document)
        if existing is not None:
            return _unchanged(document, existing)
        for attempt in range(ATTEMPTS):
            try:
                return self._write(document)
            except IntegrityError as error:
                clash = unique_clash(error)
                if clash is None:
                    return ImportOutcome(
                        document.name, "failed", f"nothing imported: {database_problem(error)}"
                    )
                # A parallel import made a speaker or a publisher between our look-up and
                # our write: write again, finding its rows (the transaction left nothing).
                time.sleep(random.uniform(0.1, 0.5) * (attempt + 1))
            except (DatabaseError, IngestError, ValidationError) as error:
                if isinstance(error, ValidationError):
                    reason = "; ".join(error.messages)
                elif isinstance(error, DatabaseError):
                    reason = database_problem(error)
                else:
                    reason = error
                return ImportOutcome(document.name, "failed", f"nothing imported: {reason}")
        return ImportOutcome(
            document.name,
            "failed",
            f"nothing imported: {ATTEMPTS} attempts clashed with rows that other imports wrote "
            f"at the same time ({clash}); import it again",
        )

    @service  # one transaction; the apps' own services write their rows in it
    def _write(self, document: documents.Document) -> ImportOutcome:
        _lock(document)
        existing = find_existing(document)  # again: a parallel import may have just written it
        if existing is not None:
            return _unchanged(document, existing)
        self.progress("archiving the text", 0, 0)
        publisher = publisher_get_or_create(name=document.publisher) if document.publisher else None
        source = source_create(
            actor=self.actor,
            title=document.title or document.name,
            slug=reserved_slug(Source, document.title or Path(document.name).stem),
            url=document.url,
            publisher=publisher,
            authors=document.authors,
            published_on=document.published_on,
            language=document.language[:35],
            retrieved_at=timezone.now(),
            kind=Source.Kind.ARTICLE,
            text=document.text,
            status=Source.Status.DRAFT,
        )
        outcome = ImportOutcome(document.name, "imported", "", source=source, notes=document.notes)
        directory = SpeakerDirectory()
        proposals = extract_quotes(
            source.text,
            directory=directory,
            progress=lambda done, total: self.progress("finding quotations", done, total),
        )
        speech = []
        for proposal in proposals:
            if proposal.is_speech:
                speech.append(proposal)
            else:
                outcome.not_speech[proposal.label] = outcome.not_speech.get(proposal.label, 0) + 1
        del proposals
        writer = _ProposalWriter(self.actor, source, directory, outcome)
        self.progress("looking up speakers", 0, len(speech))
        speakers = writer.speakers_of(speech)
        for start in range(0, len(speech), BATCH):
            # With DEBUG on, Django keeps the text of the last 9,000 queries; a batch's
            # inserts are megabytes of it. Forgetting them per batch keeps memory flat.
            reset_queries()
            self.progress("writing quotes", start, len(speech))
            end = start + BATCH
            writer.write(speech[start:end], speakers[start:end])
        self.progress("writing quotes", len(speech), len(speech))
        content_changed()  # bulk inserts send no signal for the response cache
        outcome.message = _summary(document, outcome)
        return outcome


class _ProposalWriter:
    """Writes the speech proposals of one source, a batch at a time, as the import did one
    at a time: each proposal's speaker is a known one (by the extractor's key, or by name,
    looked up once per name), one this import created under the same name, or a new draft;
    the same words of the same speaker are one quote (an existing one if the speaker has
    said them before), with one appearance in the source, at the first place they stand.
    Unattributed words are a quote each time.
    """

    def __init__(self, actor, source: Source, directory: SpeakerDirectory, outcome):
        self.actor = actor
        self.source = source
        self.directory = directory
        self.outcome = outcome
        # Each name's speaker (by casefolded name): a known one, or one this import makes.
        self.speakers: dict[str, tuple[Speaker, bool]] = {}
        self.new_speakers = NewSpeakers()
        self.made: set[int] = set()  # ids of the speakers this import made
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

    def write(self, proposals: list[Proposal], speakers: list[tuple[Speaker | None, bool]]):
        new_speakers = [speaker for speaker, created in speakers if created]
        self._assign_slugs(new_speakers)
        speakers_create_drafts(speakers=new_speakers, actor=self.actor, reason=CHANGE_REASON)
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
        once: among the database's speakers (as they were before the import) and the ones
        this import makes, the most alike, the database's of equals."""
        if proposal.speaker_key is not None:
            return Speaker(pk=proposal.speaker_key), False
        if not proposal.speaker_name:
            return None, False
        key = proposal.speaker_name.casefold()
        if key not in self.speakers:
            known = self.directory.find(proposal.speaker_name)
            new = self.new_speakers.find(proposal.speaker_name)
            if new is not None and (known is None or new[1] > known.similarity):
                self.speakers[key] = (new[0], False)
            elif known is not None:
                self.speakers[key] = (Speaker(pk=known.key), False)
            else:
                speaker = self._new_speaker(proposal)
                self.speakers[key] = (speaker, False)
                return speaker, True
        return self.speakers[key]

    def _new_speaker(self, proposal: Proposal) -> Speaker:
        speaker = Speaker(
            name=proposal.speaker_name[:200],
            kind=Speaker.Kind.ORGANISATION
            if proposal.speaker_kind == "organisation"
            else Speaker.Kind.PERSON,
            description=_description(proposal.speaker_title),
            status=Speaker.Status.DRAFT,
        )
        self.new_speakers.add(proposal.speaker_name, speaker)
        self.outcome.speakers_created.append(speaker.name)
        return speaker

    def _assign_slugs(self, speakers: list[Speaker]) -> None:
        """The slugs `unique_slug` would give them one after the other: one query for the
        lot, and one more for each name whose slug is taken."""
        max_length = Speaker._meta.get_field("slug").max_length
        bases = [
            slugify(s.name, allow_unicode=False)[:max_length].strip("-") or "speaker"
            for s in speakers
        ]
        taken = set(Speaker.objects.filter(slug__in=bases).values_list("slug", flat=True))
        families: set[str] = set()  # bases whose every slug has been read
        for speaker, base in zip(speakers, bases, strict=True):
            if (base in taken or base in self.slugs) and base not in families:
                taken |= set(
                    Speaker.objects.filter(slug__startswith=base).values_list("slug", flat=True)
                )
                families.add(base)
            candidate, number = base, 2
            while candidate in taken or candidate in self.slugs:
                suffix = f"-{number}"
                candidate = f"{base[: max_length - len(suffix)]}{suffix}"
                number += 1
            speaker.slug = candidate
            self.slugs.add(candidate)

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


def _unchanged(document: documents.Document, existing: Source) -> ImportOutcome:
    return ImportOutcome(
        document.name,
        "unchanged",
        f"already imported as source “{existing.title}” "
        f"(same {'URL' if document.url and existing.url == document.url else 'text'}); "
        "nothing changed.",
        source=existing,
    )


def _lock(document: documents.Document) -> None:
    """Wait for any other import of this document (same text, or same URL) to end."""
    names = [f"article text {sha256(document.text)}"]
    if document.url:
        names.append(f"article url {document.url}")
    wait_for_locks(names, seconds=WAIT_SECONDS, waiting_for="another import of this document")


def find_existing(document: documents.Document) -> Source | None:
    """The source already archived from this document: same URL, or the same text."""
    if document.url:
        source = Source.objects.filter(url=document.url).first()
        if source is not None:
            return source
    return Source.objects.filter(text_sha256=sha256(document.text)).first()


def sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _description(title: str) -> str:
    title = title.strip(" ,")
    if title.casefold().startswith(("the ", "a ", "an ")):
        title = title.split(" ", 1)[1]
    return (title[:1].upper() + title[1:])[:300] if title else ""


def _summary(document: documents.Document, outcome: ImportOutcome) -> str:
    parts = [f"imported as source “{outcome.source.title}”"]
    parts.append(f"{outcome.proposed} quote{'s' if outcome.proposed != 1 else ''} proposed")
    if outcome.speakers_created:
        named = outcome.speakers_created[:NAMED_SPEAKERS]
        more = len(outcome.speakers_created) - len(named)
        parts.append(
            f"new draft speakers: {', '.join(named)}" + (f" and {more:,} more" if more else "")
        )
    if outcome.not_speech:
        left = ", ".join(f"{count} {label}" for label, count in sorted(outcome.not_speech.items()))
        parts.append(f"left out as not speech: {left}")
    parts.extend(f"note: {note}" for note in outcome.notes)
    return "; ".join(parts) + "."
