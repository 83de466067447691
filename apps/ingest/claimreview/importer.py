"""Importing ClaimReview: other fact-checkers' reviews as claims waiting for our review.

`ClaimReviewImporter` is what `manage.py import_claimreview` calls. Decisions:

- Each review becomes a claim **in review**, never published: Factbase publishes its own
  verdicts. The reviewer's verdict is mapped onto our scale (see mapping.py) and kept, in
  its own words and numbers, with the review's URL, date and reviewer, on the claim's
  `ClaimReviewOrigin`.
- Idempotent by review URL: a review whose URL was imported before is left as it is.
- Claimants become speakers: matched by Wikidata id, then by exact name or alias, then by
  the title of the Wikipedia article their `sameAs` links to; anyone else becomes a draft
  speaker. Names are never matched loosely: a bulk import cannot ask whether "Rich Perry"
  is Rick Perry. A name that differs from its Wikipedia article's title is reported.
- Appearances become sources (draft, matched by URL) cited as *stating* the claim. Their
  text is not in the markup, so a new source holds a note saying so until an editor
  archives the real text, which re-anchors the citations.
- One file is one transaction: a file that turns out to be unreadable or truncated leaves
  nothing behind. Inside it, items are written in batches (bulk inserts with their history
  rows); an item the markup does not allow is skipped and reported, and if the database
  refuses a batch, its items are written one by one so that only the bad one is skipped.
- One import at a time: each file's transaction first takes a lock that every ClaimReview
  import takes (apps/ingest/concurrency.py), so parallel imports queue. The batches look
  rows up before they write them, which holds only if no other import writes the same
  reviews, speakers and sources meanwhile: two at once found neither's rows, waited on each
  other's unique keys and refused each item one by one, as if the database had refused it.
  A queued import says that it waited, and for how long. Rows another kind of import makes
  meanwhile (a speaker an article import creates) make a batch clash at worst: it is
  written again, finding them.
- The input is streamed; the look-up caches are bounded, so memory stays flat.
"""

import sys
import time
from collections import OrderedDict
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.db import DatabaseError, IntegrityError, reset_queries, transaction
from django.db.models import Model
from django.db.models.functions import Lower
from django.utils.text import slugify
from tqdm import tqdm

from apps.claims.models import Citation, Claim, Rating
from apps.claims.services import claims_import
from apps.core.slugs import unique_slug
from apps.core.writes import service
from apps.ingest.claimreview.mapping import (
    Appearance,
    Claimant,
    Review,
    SkipItem,
    map_rating,
    read_review,
    synonym_labels,
)
from apps.ingest.claimreview.reader import Item, LimitedReader, iter_items
from apps.ingest.concurrency import database_problem, unique_clash, wait_for_locks
from apps.ingest.errors import IngestError
from apps.ingest.models import ClaimReviewOrigin
from apps.ops.response_cache import content_changed
from apps.sources.models import Publisher, Source
from apps.sources.services import publishers_create_many, sources_create_drafts
from apps.speakers.models import Speaker, SpeakerAlias
from apps.speakers.services import speakers_create_drafts

PLACEHOLDER_TEXT = (
    "Not archived yet. Factbase knows this source only from imported ClaimReview markup, "
    "which names it as where a claim was made. Replace this note with the source's text "
    "to anchor the claims that cite it."
)
CHANGE_REASON = "Imported from ClaimReview"
CACHE_SIZE = 20_000
NOTE_EXAMPLES = 5
# The lock every ClaimReview import takes, and how long one waits for another to end.
LOCK = "claimreview import"
WAIT_SECONDS = 3600


class BoundedCache(OrderedDict):
    """A dict that forgets its least recently used entries past `size`."""

    def __init__(self, size: int = CACHE_SIZE):
        super().__init__()
        self.size = size

    def get(self, key, default=None):
        if key in self:
            self.move_to_end(key)
            return self[key]
        return default

    def put(self, key, value) -> None:
        self[key] = value
        self.move_to_end(key)
        if len(self) > self.size:
            self.popitem(last=False)


@dataclass
class FileReport:
    """What became of one file."""

    name: str
    read: int = 0
    imported: int = 0
    unchanged: int = 0
    skipped: int = 0
    failed: str = ""
    seconds: float = 0.0
    waited: float = 0.0  # of `seconds`, waiting for another import to end
    notes: dict[str, list] = field(default_factory=dict)  # kind: [count, examples]

    def note(self, kind: str, example: str) -> None:
        entry = self.notes.setdefault(kind, [0, []])
        entry[0] += 1
        if len(entry[1]) < NOTE_EXAMPLES:
            entry[1].append(example)

    @property
    def ok(self) -> bool:
        return not self.failed

    def summary(self) -> str:
        if self.failed:
            return f"{self.name}: FAILED, nothing imported: {self.failed}"
        working = self.seconds - self.waited
        rate = self.read / working if working > 0 else 0
        waited = f"; waited {self.waited:.1f} s for another import" if self.waited >= 0.05 else ""
        return (
            f"{self.name}: {self.read:,} items read, {self.imported:,} imported, "
            f"{self.unchanged:,} already there, {self.skipped:,} skipped "
            f"({working:.1f} s, {rate:,.0f} items/s{waited})"
        )


class ClaimReviewImporter:
    def __init__(
        self,
        *,
        actor: Model | None = None,
        batch_size: int = 2000,
        progress: bool = False,
        on_skip=None,
    ):
        self.actor = actor
        self.batch_size = batch_size
        self.progress = progress
        self.on_skip = on_skip or (lambda line: None)
        self._speakers = BoundedCache()
        self._publishers = BoundedCache()

    # --- files -----------------------------------------------------------------------

    def import_path(self, path: str) -> FileReport:
        """Import one file ('-' for standard input); never raises for bad input."""
        if path == "-":
            return self.import_stream(sys.stdin.buffer, name="<stdin>")
        limit = settings.INGEST_MAX_FEED_BYTES
        try:
            size = Path(path).stat().st_size
            if size > limit:
                raise IngestError(
                    f"it is {size:,} bytes, over the limit of {limit:,} bytes "
                    "(INGEST_MAX_FEED_BYTES)",
                    name=path,
                )
            with open(path, "rb") as stream:
                return self.import_stream(stream, name=path, size=size)
        except OSError as error:
            return FileReport(path, failed=f"cannot read the file: {error.strerror or error}")
        except IngestError as error:
            return FileReport(path, failed=error.message)

    def import_stream(self, stream, *, name: str, size: int | None = None) -> FileReport:
        report = FileReport(name)
        started = time.monotonic()
        bar = tqdm(
            total=size,
            unit="B",
            unit_scale=True,
            desc=Path(name).name,
            file=sys.stderr,
            disable=not self.progress,
        )
        reader = LimitedReader(
            stream,
            limit=settings.INGEST_MAX_FEED_BYTES,
            name=name,
            setting="INGEST_MAX_FEED_BYTES",
            on_read=bar.update,
            item_limit=settings.INGEST_MAX_ITEM_BYTES,
            item_setting="INGEST_MAX_ITEM_BYTES",
        )
        try:
            with transaction.atomic():
                waiting = time.monotonic()
                wait_for_locks(
                    [LOCK],
                    seconds=WAIT_SECONDS,
                    waiting_for="another ClaimReview import",
                    on_wait=lambda: self.on_skip(
                        f"{name}: waiting for another ClaimReview import to end"
                    ),
                )
                report.waited = time.monotonic() - waiting
                self._read_scale()
                batch: list[tuple[Item, Review]] = []
                for item in iter_items(reader):
                    report.read += 1
                    review = self._review(item, report)
                    if review is not None:
                        batch.append((item, review))
                    if len(batch) >= self.batch_size:
                        self._write_batch(batch, report)
                        batch = []
                        bar.set_postfix(items=report.read, refresh=False)
                if batch:
                    self._write_batch(batch, report)
        except IngestError as error:
            report.failed = error.message
            report.imported = report.unchanged = 0
            # Rows written before the failure were rolled back; cached ids may be gone.
            self._speakers.clear()
            self._publishers.clear()
        finally:
            bar.close()
            report.seconds = time.monotonic() - started
        return report

    def _review(self, item: Item, report: FileReport) -> Review | None:
        if item.data is None:
            self._skip(report, item, item.problem)
            return None
        try:
            return read_review(item.data)
        except SkipItem as error:
            self._skip(report, item, str(error))
            return None

    def _skip(self, report: FileReport, item: Item, reason: str) -> None:
        report.skipped += 1
        self.on_skip(f"{report.name}, item {item.number} ({item.where}): skipped: {reason}")

    def _read_scale(self) -> None:
        ratings = list(Rating.objects.values_list("label", "slug", "score", "pk"))
        self._labels = synonym_labels([(label, slug) for label, slug, _score, _pk in ratings])
        self._scores = {score: slug for _label, slug, score, _pk in ratings if score}
        self._rating_ids = {slug: pk for _label, slug, _score, pk in ratings}
        self._names = {slug: label for label, slug, _score, _pk in ratings}

    # --- batches ---------------------------------------------------------------------

    def _write_batch(self, batch: list[tuple[Item, Review]], report: FileReport) -> None:
        # With DEBUG on, Django keeps the text of the last 9,000 queries; bulk inserts make
        # that hundreds of megabytes. Forgetting them per batch keeps memory flat.
        reset_queries()
        urls = [review.review_url for _item, review in batch]
        existing = set(
            ClaimReviewOrigin.objects.filter(review_url__in=urls).values_list(
                "review_url", flat=True
            )
        )
        fresh, seen = [], set()
        for item, review in batch:
            if review.review_url in existing:
                report.unchanged += 1
            elif review.review_url in seen:
                self._skip(report, item, "the same review URL as an earlier item of this file")
            else:
                seen.add(review.review_url)
                fresh.append((item, review))
        if not fresh:
            return
        try:
            self._write(fresh, report)
            return
        except IntegrityError as error:
            self._forget()
            if unique_clash(error) is not None:
                # Another kind of import made a row this batch was making (a speaker, a
                # source): write it again, finding that row.
                try:
                    self._write(fresh, report)
                    return
                except DatabaseError:
                    self._forget()
        except DatabaseError:
            self._forget()
        # Find the item the database refuses, writing the batch one item at a time.
        for item, review in fresh:
            try:
                self._write([(item, review)], report)
            except DatabaseError as error:
                self._forget()
                self._skip(report, item, database_problem(error))

    def _forget(self) -> None:
        """Forget the ids looked up: a refused write rolled back the rows they name."""
        self._speakers.clear()
        self._publishers.clear()

    @service  # one transaction; the apps' own services write their rows in it
    def _write(self, pairs: list[tuple[Item, Review]], report: FileReport) -> None:
        reviews = [review for _item, review in pairs]
        notes: list[tuple[str, str]] = []
        speaker_ids = self._speaker_ids([r.claimant for r in reviews if r.claimant], notes)
        sources = self._sources(reviews)
        claims, origins = [], []
        slugs = self._claim_slugs(reviews)
        for (item, review), slug in zip(pairs, slugs, strict=True):
            choice = map_rating(review, self._labels, self._scores, self._names)
            if choice.note:
                notes.append((_note_kind(choice), f"item {item.number}: {choice.note}"))
            notes.extend((kind, f"item {item.number}: {text}") for kind, text in review.notes)
            claim = Claim(
                statement=review.statement,
                slug=slug,
                claimant_id=speaker_ids.get(_claimant_key(review.claimant))
                if review.claimant
                else None,
                rating_id=self._rating_ids.get(choice.slug) if choice.slug else None,
                summary=review.summary,
                analysis=review.analysis,
                status=Claim.Status.IN_REVIEW,
            )
            claims.append(claim)
            origins.append((claim, review, choice.method))
        citations = [
            Citation(
                claim=claim,
                source=sources[_source_key(appearance)],
                relation=Citation.Relation.STATES,
                exact=claim.statement,
            )
            for claim, review, _method in origins
            for appearance in review.appearances
        ]
        claims_import(claims=claims, citations=citations, actor=self.actor, reason=CHANGE_REASON)
        ClaimReviewOrigin.objects.bulk_create(
            [
                ClaimReviewOrigin(
                    claim=claim,
                    review_url=review.review_url,
                    reviewer_name=review.reviewer_name,
                    reviewer_url=review.reviewer_url,
                    review_date=review.review_date,
                    language=review.language,
                    rating_label=review.rating_label,
                    rating_value=review.rating_value,
                    best_rating=review.best_rating,
                    worst_rating=review.worst_rating,
                    rating_method=method,
                )
                for claim, review, method in origins
            ]
        )
        content_changed()  # bulk inserts send no signal for the response cache
        report.imported += len(claims)
        for kind, example in notes:
            report.note(kind, example)

    def _claim_slugs(self, reviews: list[Review]) -> list[str]:
        wanted = [review.slug for review in reviews]
        taken = set(Claim.objects.filter(slug__in=wanted).values_list("slug", flat=True))
        slugs = []
        for slug in wanted:
            if slug in taken:
                slug = unique_slug(Claim, slug, max_length=220)
            taken.add(slug)
            slugs.append(slug)
        return slugs

    # --- speakers --------------------------------------------------------------------

    def _speaker_ids(self, claimants: list[Claimant], notes) -> dict[tuple, int]:
        found: dict[tuple, int] = {}
        missing: dict[tuple, Claimant] = {}
        for claimant in claimants:
            key = _claimant_key(claimant)
            cached = self._speakers.get(key)
            if cached is not None:
                found[key] = cached
            else:
                missing[key] = claimant
        if not missing:
            return found
        by_wikidata = dict(
            Speaker.objects.filter(
                wikidata_id__in={c.wikidata_id for c in missing.values() if c.wikidata_id}
            ).values_list("wikidata_id", "pk")
        )
        names = {c.name.casefold() for c in missing.values()}
        names |= {c.wikipedia_name.casefold() for c in missing.values() if c.wikipedia_name}
        by_name = dict(
            Speaker.objects.annotate(folded=Lower("name"))
            .filter(folded__in=names)
            .order_by("-pk")
            .values_list("folded", "pk")
        )
        by_alias = dict(
            SpeakerAlias.objects.annotate(folded=Lower("name"))
            .filter(folded__in=names)
            .order_by("-pk")
            .values_list("folded", "speaker_id")
        )
        new: dict[tuple, Speaker] = {}
        new_wikidata: dict[str, Speaker] = {}
        for key, claimant in missing.items():
            folded = claimant.name.casefold()
            wikipedia = claimant.wikipedia_name.casefold()
            pk = (
                by_wikidata.get(claimant.wikidata_id)
                or by_name.get(folded)
                or by_alias.get(folded)
                or by_name.get(wikipedia)
                or by_alias.get(wikipedia)
            )
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
            speakers, _fresh_slugs(Speaker, [s.name for s in speakers]), strict=True
        ):
            speaker.slug = slug
        speakers_create_drafts(speakers=speakers, actor=self.actor, reason=CHANGE_REASON)
        for key, speaker in new.items():
            found[key] = speaker.pk
        for key, pk in found.items():
            self._speakers.put(key, pk)
        return found

    # --- sources ---------------------------------------------------------------------

    def _sources(self, reviews: list[Review]) -> dict[tuple, Source]:
        wanted: dict[tuple, Appearance] = {}
        for review in reviews:
            for appearance in review.appearances:
                wanted.setdefault(_source_key(appearance), appearance)
        if not wanted:
            return {}
        urls = [a.url for a in wanted.values() if a.url]
        titles = [a.title for a in wanted.values() if not a.url]
        found: dict[tuple, Source] = {}
        for source in Source.objects.filter(url__in=urls).only("pk", "url", "text"):
            found[("url", source.url)] = source
        for source in Source.objects.filter(url="", title__in=titles).only("pk", "title", "text"):
            found.setdefault(("title", source.title), source)
        publisher_ids = self._publisher_ids(
            [a for key, a in wanted.items() if key not in found and a.publisher]
        )
        new = []
        for key, appearance in wanted.items():
            if key in found:
                continue
            source = Source(
                title=appearance.title,
                url=appearance.url,
                kind=appearance.kind,
                published_on=appearance.published_on,
                authors=appearance.authors,
                publisher_id=publisher_ids.get(appearance.publisher.casefold()),
                language=next((r.language for r in reviews if r.language), "") or "en",
                text=PLACEHOLDER_TEXT,
                status=Source.Status.DRAFT,
            )
            found[key] = source
            new.append(source)
        for source, slug in zip(new, _fresh_slugs(Source, [s.title for s in new]), strict=True):
            source.slug = slug
        sources_create_drafts(sources=new, actor=self.actor, reason=CHANGE_REASON)
        return found

    def _publisher_ids(self, appearances: list[Appearance]) -> dict[str, int]:
        found: dict[str, int] = {}
        missing: dict[str, Appearance] = {}
        for appearance in appearances:
            key = appearance.publisher.casefold()
            cached = self._publishers.get(key)
            if cached is not None:
                found[key] = cached
            else:
                missing.setdefault(key, appearance)
        if missing:
            rows = Publisher.objects.annotate(folded=Lower("name")).filter(folded__in=list(missing))
            found.update(dict(rows.values_list("folded", "pk")))
            new = [
                Publisher(name=a.publisher, home_page=a.publisher_url)
                for key, a in missing.items()
                if key not in found
            ]
            for publisher, slug in zip(
                new, _fresh_slugs(Publisher, [p.name for p in new]), strict=True
            ):
                publisher.slug = slug
            publishers_create_many(publishers=new, actor=self.actor, reason=CHANGE_REASON)
            found.update({p.name.casefold(): p.pk for p in new})
        for key, pk in found.items():
            self._publishers.put(key, pk)
        return found


def _claimant_key(claimant: Claimant) -> tuple:
    return (claimant.wikidata_id, claimant.name.casefold())


def _source_key(appearance: Appearance) -> tuple:
    return ("url", appearance.url) if appearance.url else ("title", appearance.title)


def _note_kind(choice) -> str:
    if choice.method == "label":
        return "verdict name and number disagree (the name wins)"
    if choice.method == "number":
        return "verdict mapped by its number"
    return "imported without a verdict"


def _fresh_slugs(model: type[Model], names: list[str]) -> list[str]:
    """Unused slugs for new rows of `model`: one query for the lot, one more per clash."""
    max_length = model._meta.get_field("slug").max_length
    bases = [
        slugify(name)[: max_length - 10].strip("-") or model._meta.model_name for name in names
    ]
    taken = set(model.objects.filter(slug__in=bases).values_list("slug", flat=True))
    slugs = []
    for base in bases:
        slug, number = base, 2
        if slug in taken:
            taken |= set(model.objects.filter(slug__startswith=base).values_list("slug", flat=True))
        while slug in taken:
            slug = f"{base}-{number}"
            number += 1
        taken.add(slug)
        slugs.append(slug)
    return slugs
