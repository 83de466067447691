"""Importing articles: archive the text as a source and propose the quotes in it.

`ArticleImporter` is what `manage.py import_source`, the admin's import form and the import
worker (`manage.py run_import_jobs`, apps/ingest/jobs.py) call. One document is one
transaction: it is archived with every proposed quote, or not at all. Re-importing a
document already archived (same URL, or same text) changes nothing.

The work grows with the text, not faster (bench/article_import.py measures it): the
extraction reads the text a bounded number of times, each known speaker and each existing
quote is looked up once, and the quotes are written in batches with their history rows,
each anchored where the extractor found it without searching the text again
(article_quotes.py writes them).

Imports may run at the same time (several commands, the import worker). Two of the same
document queue on a lock named by its text and URL (apps/ingest/concurrency.py), so the
second finds the first's source and changes nothing. A new source's slug is reserved before
it is written, so articles titled alike never clash; if two imports make the same new
speaker or publisher, the one the database refuses writes again, finding the other's.
"""

import hashlib
import random
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import DatabaseError, IntegrityError, reset_queries
from django.db.models import Model
from django.utils import timezone

from apps.core.writes import service
from apps.ingest import documents
from apps.ingest.article_quotes import ProposalWriter
from apps.ingest.concurrency import (
    database_problem,
    reserved_slug,
    unique_clash,
    wait_for_locks,
)
from apps.ingest.errors import IngestError
from apps.ingest.extraction import extract_quotes
from apps.ingest.speakers import SpeakerDirectory
from apps.sources.models import Source
from apps.sources.services import publisher_get_or_create, source_create

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
        writer = ProposalWriter(self.actor, source, directory, outcome, wikidata=document.wikidata)
        self.progress("looking up speakers", 0, len(speech))
        speakers = writer.speakers_of(speech)
        speakers = writer.join_speakers_made_meanwhile(speakers, wait_seconds=WAIT_SECONDS)
        for start in range(0, len(speech), BATCH):
            # With DEBUG on, Django keeps the text of the last 9,000 queries; a batch's
            # inserts are megabytes of it. Forgetting them per batch keeps memory flat.
            reset_queries()
            self.progress("writing quotes", start, len(speech))
            end = start + BATCH
            writer.write(speech[start:end], speakers[start:end])
        self.progress("writing quotes", len(speech), len(speech))
        # Nothing for the response cache: all of it is drafts, which readers do not see
        # (apps/ops/staleness.py).
        outcome.message = _summary(document, outcome)
        return outcome


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
