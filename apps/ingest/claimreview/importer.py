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

This module reads the files and batches their items; writer.py writes a batch (claims,
their origins, sources and publishers), claimants.py finds or makes the claimants'
speakers, report.py says what became of each file.
"""

import sys
import time
from pathlib import Path

from django.conf import settings
from django.db import DatabaseError, IntegrityError, reset_queries, transaction
from django.db.models import Model
from tqdm import tqdm

from apps.ingest.claimreview.mapping import Review, SkipItem, read_review
from apps.ingest.claimreview.reader import Item, LimitedReader, iter_items
from apps.ingest.claimreview.report import FileReport
from apps.ingest.claimreview.writer import BatchWriter
from apps.ingest.concurrency import database_problem, unique_clash, wait_for_locks
from apps.ingest.errors import IngestError
from apps.ingest.models import ClaimReviewOrigin

# The lock every ClaimReview import takes, and how long one waits for another to end.
LOCK = "claimreview import"
WAIT_SECONDS = 3600


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
        self.writer = BatchWriter(actor=actor)

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
                self.writer.read_scale()
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
            self.writer.forget()
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
            self.writer.write(fresh, report)
            return
        except IntegrityError as error:
            self.writer.forget()
            if unique_clash(error) is not None:
                # Another kind of import made a row this batch was making (a speaker, a
                # source): write it again, finding that row.
                try:
                    self.writer.write(fresh, report)
                    return
                except DatabaseError:
                    self.writer.forget()
        except DatabaseError:
            self.writer.forget()
        # Find the item the database refuses, writing the batch one item at a time.
        for item, review in fresh:
            try:
                self.writer.write([(item, review)], report)
            except DatabaseError as error:
                self.writer.forget()
                self._skip(report, item, database_problem(error))
