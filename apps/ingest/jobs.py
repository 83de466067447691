"""Article imports in the background: a queue in the database, drained by a worker.

The admin's import form imports a small article at once, in the request (a long feature is
a few dozen KB, imported in well under a second); a larger one (a transcript, a report) is
queued as an `ImportJob`, and the editor is taken to its page, which shows how it is going
and, once done, links to the proposed quotes. No request waits on a long import, and none
is refused for being long: a newsroom imports the 300-page report too.

`manage.py run_import_jobs` is the worker (docker compose runs it as the `worker`
service). Safe to stop and to run twice:

- a job is taken with a conditional update (queued → running), so two workers never take
  the same one;
- the import is one transaction, so a worker stopped half-way leaves nothing behind; its
  job stays "running" with a heartbeat that stops, and once the heartbeat is older than
  LEASE another worker (or the same one restarted) takes it up again, at most
  MAX_ATTEMPTS times in all;
- importing a document again changes nothing (same URL or text: "unchanged"), so a job
  whose import was committed just before its worker stopped ends "done" all the same.

While a job runs, a thread of the worker writes its progress and heartbeat every
REPORT_EVERY seconds through a connection of its own (the import's transaction is not
committed until the end). On SQLite, whose writers take turns, those writes wait for the
import's end and are skipped; run one worker there.
"""

import logging
import threading
import time
from collections.abc import Callable
from datetime import timedelta

from django.db import DatabaseError, close_old_connections, connection, connections
from django.db.models import Q
from django.utils import timezone

from apps.ingest.articles import ArticleImporter, ImportOutcome
from apps.ingest.models import ImportJob

logger = logging.getLogger(__name__)

# Documents up to this size are imported in the request (about a second at most, on
# PostgreSQL, measured by bench/article_import.py: 256 KB of quote-dense text, 2,500
# quotes, in 1.3 s); larger ones go to the worker.
INLINE_MAX_BYTES = 256 * 1024
# A running job whose worker has not reported for this long is taken up again.
LEASE = timedelta(minutes=2)
MAX_ATTEMPTS = 3
REPORT_EVERY = 1.0  # seconds


def enqueue(
    *, document: bytes, name: str, pasted: bool, url: str = "", title: str = "", user=None
) -> ImportJob:
    """Queue an article for the worker."""
    return ImportJob.objects.create(
        requested_by=user if getattr(user, "pk", None) else None,
        name=name[:300],
        url=url,
        title=title[:500],
        pasted=pasted,
        document=document,
        size=len(document),
    )


def waiting_before(job: ImportJob) -> int:
    """How many queued jobs will be taken up before this one."""
    return ImportJob.objects.filter(
        Q(created_at__lt=job.created_at) | Q(created_at=job.created_at, pk__lt=job.pk),
        status=ImportJob.Status.QUEUED,
    ).count()


def claim_next(*, now=None) -> ImportJob | None:
    """Take the oldest job waiting (or abandoned: running, with no heartbeat for LEASE),
    marking it running; None if there is none. Each candidate is taken with one
    conditional update, so that of two workers only one gets it."""
    now = now or timezone.now()
    stale = now - LEASE
    waiting = ImportJob.objects.filter(
        Q(status=ImportJob.Status.QUEUED)
        | Q(status=ImportJob.Status.RUNNING, heartbeat_at__lt=stale)
    ).order_by("created_at", "id")
    for job in waiting.only("pk", "status", "heartbeat_at", "attempts")[:10]:
        taken = ImportJob.objects.filter(
            pk=job.pk, status=job.status, heartbeat_at=job.heartbeat_at
        ).update(
            status=ImportJob.Status.RUNNING,
            attempts=job.attempts + 1,
            started_at=now,
            heartbeat_at=now,
            stage="starting",
            done=0,
            total=0,
        )
        if taken:
            return ImportJob.objects.select_related("requested_by").get(pk=job.pk)
    return None


def run(job: ImportJob, *, report_every: float | None = REPORT_EVERY) -> ImportJob:
    """Import the job's document (claimed by `claim_next`) and record the outcome. Its
    progress is written as it goes, every `report_every` seconds (None: only at the end)."""
    if job.attempts > MAX_ATTEMPTS:
        return _finish(
            job,
            ImportOutcome(
                job.name,
                "failed",
                f"nothing imported: the import was started {job.attempts - 1} times and "
                "stopped before it finished each time (a worker stopped, or ran out of "
                "memory or time). Ask whoever runs the site to look at the worker's log.",
            ),
        )
    reporter = _Reporter(job.pk, report_every)
    importer = ArticleImporter(actor=job.requested_by, progress=reporter.progress)
    document = bytes(job.document)
    with reporter:
        if job.pasted:
            outcome = importer.import_text(
                document.decode("utf-8"), name=job.name, url=job.url, title=job.title
            )
        else:
            outcome = importer.import_bytes(document, name=job.name, url=job.url)
    return _finish(job, outcome)


def _finish(job: ImportJob, outcome: ImportOutcome) -> ImportJob:
    fields = {
        "status": ImportJob.Status.DONE if outcome.ok else ImportJob.Status.FAILED,
        "outcome": outcome.status,
        "message": outcome.message,
        "source": outcome.source,
        "proposed": outcome.proposed,
        "stage": "",
        "finished_at": timezone.now(),
        "document": b"",  # imported (or refused): the source keeps the text
    }
    ImportJob.objects.filter(pk=job.pk).update(**fields)
    for name, value in fields.items():
        setattr(job, name, value)
    return job


def run_worker(
    *,
    once: bool = False,
    poll: float = 2.0,
    should_stop: Callable[[], bool] = lambda: False,
    log: Callable[[str], None] = logger.info,
) -> int:
    """Run queued jobs one after the other, waiting `poll` seconds when there is none;
    with `once`, until none is left. Stops between jobs when `should_stop()`. Returns how
    many jobs it ran."""
    ran = 0
    while not should_stop():
        if not connection.in_atomic_block:  # (a test's transaction holds it open)
            close_old_connections()  # a connection the database dropped is opened again
        try:
            job = claim_next()
        except DatabaseError as error:
            log(f"cannot read the import queue: {error}")
            job = None
        if job is None:
            if once:
                break
            _sleep(poll, should_stop)
            continue
        log(f"import job {job.pk} ({job.name}, {job.size:,} bytes): started")
        ran += 1
        try:
            job = run(job)
        except Exception as error:  # a bug, or the database gone: said, and the worker goes on
            logger.exception("import job %s stopped on an error", job.pk)
            _stopped_by(job, error)
            continue
        log(f"import job {job.pk}: {job.status}: {job.message}")
    return ran


def _stopped_by(job: ImportJob, error: Exception) -> None:
    """Record that an error stopped the job's import (its transaction rolled back). If the
    database cannot be told, the job stays running and is taken up again after LEASE."""
    message = (
        f"nothing imported: the import stopped on an error ({type(error).__name__}); the "
        "import worker's log has the details."
    )
    try:
        _finish(job, ImportOutcome(job.name, "failed", message))
    except DatabaseError:
        logger.warning("import job %s: the outcome could not be recorded", job.pk)


def _sleep(seconds: float, should_stop: Callable[[], bool]) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end and not should_stop():
        time.sleep(min(0.2, max(0.0, end - time.monotonic())))


class _Reporter:
    """Keeps the latest progress an import reports, and (in a thread with its own
    database connection) writes it to the job with a heartbeat every `every` seconds."""

    def __init__(self, job_id: int, every: float | None):
        self.job_id = job_id
        self.every = every
        self.state = ("starting", 0, 0)
        self._stop = threading.Event()
        self._thread = None

    def progress(self, stage: str, done: int, total: int) -> None:
        self.state = (stage, done, total)

    def __enter__(self):
        if self.every is not None and connection.vendor != "sqlite":
            self._thread = threading.Thread(target=self._run, name="import-progress", daemon=True)
            self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        if self._thread is not None:
            self._thread.join()

    def _run(self) -> None:
        try:
            while not self._stop.wait(self.every):
                self._write()
        finally:
            connections.close_all()  # this thread's own

    def _write(self) -> None:
        stage, done, total = self.state
        try:
            ImportJob.objects.filter(pk=self.job_id, status=ImportJob.Status.RUNNING).update(
                stage=stage[:40], done=done, total=total, heartbeat_at=timezone.now()
            )
        except DatabaseError as error:  # progress is for people to watch: the import goes on
            logger.warning("import job %s: progress not written: %s", self.job_id, error)
