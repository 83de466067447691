"""Importing articles: archive the text as a source and propose the quotes in it.

`ArticleImporter` is what `manage.py import_source` and the admin's import form call. One
document is one transaction: it is archived with every proposed quote, or not at all.
Re-importing a document already archived (same URL, or same text) changes nothing.
"""

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import DatabaseError
from django.db.models import Model
from django.utils import timezone

from apps.core.slugs import unique_slug
from apps.core.writes import service
from apps.ingest import documents
from apps.ingest.errors import IngestError
from apps.ingest.extraction import Proposal, extract_quotes
from apps.ingest.models import QuoteProposal
from apps.ingest.speakers import SpeakerDirectory
from apps.quotes.models import Quote
from apps.quotes.services import appearance_add, quote_create
from apps.sources.models import Source
from apps.sources.services import publisher_get_or_create, source_create
from apps.speakers.models import Speaker
from apps.speakers.services import speaker_create

UNATTRIBUTED = "(not attributed)"
_CONTEXT = 32


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
    has looked at it.
    """

    def __init__(self, *, actor: Model | None = None):
        self.actor = actor

    def import_path(self, path: Path | str, *, url: str = "") -> ImportOutcome:
        path = Path(path)
        try:
            document = documents.read_path(path, url=url)
        except IngestError as error:
            return ImportOutcome(str(path), "failed", error.message)
        return self.import_document(document)

    def import_bytes(self, data: bytes, *, name: str, url: str = "") -> ImportOutcome:
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
            return ImportOutcome(
                document.name,
                "unchanged",
                f"already imported as source “{existing.title}” "
                f"(same {'URL' if document.url and existing.url == document.url else 'text'}); "
                "nothing changed.",
                source=existing,
            )
        try:
            return self._write(document)
        except (DatabaseError, IngestError, ValidationError) as error:
            reason = "; ".join(error.messages) if isinstance(error, ValidationError) else error
            return ImportOutcome(document.name, "failed", f"nothing imported: {reason}")

    @service  # one transaction; the apps' own services write their rows in it
    def _write(self, document: documents.Document) -> ImportOutcome:
        publisher = publisher_get_or_create(name=document.publisher) if document.publisher else None
        source = source_create(
            actor=self.actor,
            title=document.title or document.name,
            slug=unique_slug(Source, document.title or Path(document.name).stem),
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
        outcome = ImportOutcome(document.name, "imported", "", source=source)
        directory = SpeakerDirectory()
        for proposal in extract_quotes(source.text, directory=directory):
            if proposal.is_speech:
                self._propose(proposal, source, directory, outcome)
            else:
                outcome.not_speech[proposal.label] = outcome.not_speech.get(proposal.label, 0) + 1
        outcome.message = _summary(document, outcome)
        return outcome

    def _propose(self, proposal: Proposal, source: Source, directory, outcome) -> None:
        speaker, created = self._speaker(proposal, directory, outcome)
        quote = None
        if speaker is not None:
            quote = Quote.objects.filter(text=proposal.words, speaker=speaker).first()
        if quote is None:
            quote = quote_create(
                actor=self.actor,
                text=proposal.words,
                speaker=speaker,
                speaker_name="" if speaker else (proposal.mention or UNATTRIBUTED)[:200],
                language=source.language,
                status=Quote.Status.DRAFT,
            )
        elif quote.appearances.filter(source=source).exists():
            return  # the same words twice in one article: one appearance
        text = source.text
        span = proposal.span
        appearance_add(
            actor=self.actor,
            quote=quote,
            source=source,
            exact=span.raw(text) if span.continued else proposal.words,
            prefix=text[max(0, span.start - _CONTEXT) : span.start],
            suffix=text[span.end : span.end + _CONTEXT],
        )
        if quote.status == Quote.Status.DRAFT:
            row = QuoteProposal(
                quote=quote,
                source=source,
                position=span.start,
                confidence=min(1.0, max(0.0, proposal.confidence)),
                mention=proposal.mention[:300],
                method=proposal.method or QuoteProposal.Method.NONE,
                speaker_created=created,
            )
            row.full_clean()
            row.save()
        outcome.proposed += 1

    def _speaker(self, proposal: Proposal, directory: SpeakerDirectory, outcome):
        """The speaker of a proposal: known (by key or name), or a new draft. (speaker, created)"""
        if proposal.speaker_key is not None:
            return Speaker.objects.get(pk=proposal.speaker_key), False
        if not proposal.speaker_name:
            return None, False
        known = directory.find(proposal.speaker_name)
        if known is not None:
            return Speaker.objects.get(pk=known.key), False
        kind = (
            Speaker.Kind.ORGANISATION
            if proposal.speaker_kind == "organisation"
            else Speaker.Kind.PERSON
        )
        speaker = speaker_create(
            actor=self.actor,
            name=proposal.speaker_name[:200],
            kind=kind,
            description=_description(proposal.speaker_title),
            status=Speaker.Status.DRAFT,
        )
        directory.remember(proposal.speaker_name, speaker)
        outcome.speakers_created.append(speaker.name)
        return speaker, True


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
        parts.append(f"new draft speakers: {', '.join(outcome.speakers_created)}")
    if outcome.not_speech:
        left = ", ".join(f"{count} {label}" for label, count in sorted(outcome.not_speech.items()))
        parts.append(f"left out as not speech: {left}")
    return "; ".join(parts) + "."
