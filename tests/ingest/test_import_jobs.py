"""Long article imports run in the background (issue 15: a 64 KB upload held its gunicorn
worker until the worker timeout killed it, and the editor got a bare 500).

The admin imports a small article at once and queues a larger one as an ImportJob, which
`manage.py run_import_jobs` runs; the job's page shows how it is going and then the
outcome. A job survives its worker being stopped, and runs once however often it is taken.
"""

import threading
import time
import warnings
from datetime import timedelta
from io import StringIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from apps.ingest import jobs
from apps.ingest.models import ImportJob, QuoteProposal
from apps.sources.models import Source
from bench.article_text import quote_dense_text

pytestmark = pytest.mark.django_db
IMPORT = reverse("admin:ingest_quoteproposal_import")
REVIEW = reverse("admin:ingest_quoteproposal_review")
ARTICLE = 'Budget row\n\nMayor Viktor Hale said the figure was "simply wrong."\n'


@pytest.fixture(autouse=True)
def _quiet_static():
    warnings.filterwarnings("ignore", message="No directory at", category=UserWarning)


@pytest.fixture
def admin_client(client, superuser):
    client.force_login(superuser)
    return client


@pytest.fixture
def long_article() -> bytes:
    """Quote-dense copy just over what is imported in the request."""
    return quote_dense_text(jobs.INLINE_MAX_BYTES + 1024).encode("utf-8")


def job_url(job: ImportJob) -> str:
    return reverse("admin:ingest_quoteproposal_import_job", args=[job.pk])


def queued(document: bytes = ARTICLE.encode(), **fields) -> ImportJob:
    return jobs.enqueue(document=document, name="budget.txt", pasted=False, **fields)


# --- the form -----------------------------------------------------------------------------


def test_a_long_upload_is_queued_and_the_editor_taken_to_its_page(admin_client, long_article):
    upload = SimpleUploadedFile("hansard.txt", long_article, "text/plain")

    response = admin_client.post(IMPORT, {"file": upload, "url": "https://oster.example/h"})

    job = ImportJob.objects.get()
    assert response.status_code == 302
    assert response.url == job_url(job)
    assert (job.status, job.name, job.size, job.url, job.pasted) == (
        ImportJob.Status.QUEUED,
        "hansard.txt",
        len(long_article),
        "https://oster.example/h",
        False,
    )
    assert Source.objects.count() == 0  # nothing imported in the request


def test_long_pasted_text_is_queued_as_text(admin_client, long_article, superuser):
    admin_client.post(IMPORT, {"text": long_article.decode(), "title": "Hansard"})

    job = ImportJob.objects.get()
    assert (job.pasted, job.title, job.requested_by, bytes(job.document)) == (
        True,
        "Hansard",
        superuser,
        long_article.strip(),  # as the form cleans it
    )


def test_a_short_article_is_still_imported_at_once(admin_client):
    response = admin_client.post(IMPORT, {"text": ARTICLE})

    source = Source.objects.get()
    assert response.url == f"{REVIEW}?source={source.pk}"
    assert ImportJob.objects.count() == 0


def test_the_import_page_lists_the_imports_in_the_background(admin_client):
    job = queued()

    page = admin_client.get(IMPORT).content.decode()

    assert f'<a href="{job_url(job)}">budget.txt</a>' in page
    assert "Waiting for the import worker" in page


# --- the job's page ---------------------------------------------------------------------


def test_a_waiting_job_says_what_it_waits_for_and_reloads(admin_client):
    first, second = queued(), queued()

    page = admin_client.get(job_url(second)).content.decode()

    assert "Waiting for the import worker, after 1 other import." in page
    assert '<meta http-equiv="refresh" content="2">' in page
    assert "manage.py run_import_jobs" in page
    assert first.pk < second.pk


def test_a_running_job_shows_its_progress(admin_client):
    job = queued()
    ImportJob.objects.filter(pk=job.pk).update(
        status=ImportJob.Status.RUNNING,
        stage="writing quotes",
        done=2000,
        total=8000,
        started_at=timezone.now(),
    )

    page = admin_client.get(job_url(job)).content.decode()

    assert "writing quotes, 2000 of 8000." in page
    assert '<progress value="2000" max="8000" aria-label="Progress">25%</progress>' in page
    assert '<meta http-equiv="refresh"' in page


def test_a_finished_job_links_to_its_proposals_and_stops_reloading(admin_client):
    queued()
    job = jobs.run(jobs.claim_next(), report_every=None)

    page = admin_client.get(job_url(job)).content.decode()

    assert job.message in page
    assert f'href="{REVIEW}?source={job.source_id}">Review the 1 proposed quote</a>' in page
    assert '<meta http-equiv="refresh"' not in page


def test_staff_without_import_permissions_cannot_see_a_job(client, editor):
    job = queued()
    client.force_login(editor)

    response = client.get(job_url(job))

    assert response.status_code == 403


def test_anonymous_visitors_are_sent_to_the_login_page(client):
    response = client.get(job_url(queued()))

    assert response.url.startswith(reverse("admin:login"))


# --- the worker ---------------------------------------------------------------------------


def test_the_worker_imports_a_queued_article_and_records_the_outcome(superuser):
    job = queued(url="https://oster.example/b", user=superuser)

    ran = jobs.run_worker(once=True)

    job.refresh_from_db()
    source = Source.objects.get()
    assert ran == 1
    assert (job.status, job.outcome, job.source, job.proposed) == (
        ImportJob.Status.DONE,
        "imported",
        source,
        1,
    )
    assert job.message == (
        "imported as source “Budget row”; 1 quote proposed; new draft speakers: Viktor Hale."
    )
    assert (source.url, source.history.first().history_user) == (
        "https://oster.example/b",
        superuser,
    )
    assert bytes(job.document) == b""  # the source keeps the text
    assert job.finished_at is not None


def test_a_long_article_is_imported_whole_by_the_worker(long_article):
    queued(long_article)

    jobs.run_worker(once=True)

    job = ImportJob.objects.get()
    assert (job.status, job.proposed) == (ImportJob.Status.DONE, QuoteProposal.objects.count())
    assert job.proposed > 2000


def test_a_document_that_cannot_be_imported_fails_with_the_reason(refuse_rows):
    refuse_rows("quotes_quote", "text", "simply")
    job = queued()

    jobs.run_worker(once=True)

    job.refresh_from_db()
    assert (job.status, job.outcome, job.source) == (ImportJob.Status.FAILED, "failed", None)
    assert job.message.startswith("nothing imported: ")
    assert "refused by test" in job.message
    assert Source.objects.count() == 0


def test_an_error_that_stops_an_import_fails_its_job_and_the_worker_goes_on():
    broken = jobs.enqueue(document=b"\xff\xfe not UTF-8", name="pasted text", pasted=True)
    fine = queued()

    ran = jobs.run_worker(once=True)

    broken.refresh_from_db()
    fine.refresh_from_db()
    assert ran == 2
    assert (broken.status, broken.message) == (
        ImportJob.Status.FAILED,
        "nothing imported: the import stopped on an error (UnicodeDecodeError); the import "
        "worker's log has the details.",
    )
    assert fine.status == ImportJob.Status.DONE


def test_importing_the_same_article_twice_changes_nothing_the_second_time():
    first, second = queued(), queued()

    jobs.run_worker(once=True)

    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.outcome, second.outcome) == ("imported", "unchanged")
    assert second.source == first.source
    assert Source.objects.count() == 1


def test_two_workers_never_take_the_same_job():
    queued()

    taken = [jobs.claim_next(), jobs.claim_next()]

    assert taken[0] is not None
    assert taken[1] is None


def test_a_job_whose_worker_stopped_is_taken_up_again_after_the_lease():
    job = queued()
    stopped = jobs.claim_next(now=timezone.now() - jobs.LEASE - timedelta(seconds=1))

    again = jobs.claim_next()

    assert (stopped.pk, again.pk, again.attempts, again.status) == (
        job.pk,
        job.pk,
        2,
        ImportJob.Status.RUNNING,
    )


def test_a_running_job_with_a_recent_heartbeat_is_left_to_its_worker():
    queued()
    jobs.claim_next()

    assert jobs.claim_next() is None


def test_a_job_that_keeps_stopping_fails_with_a_message_and_imports_nothing():
    job = queued()
    ImportJob.objects.filter(pk=job.pk).update(attempts=jobs.MAX_ATTEMPTS)
    claimed = jobs.claim_next()

    job = jobs.run(claimed, report_every=None)

    assert (job.status, job.attempts) == (ImportJob.Status.FAILED, jobs.MAX_ATTEMPTS + 1)
    assert "started 3 times and stopped before it finished each time" in job.message
    assert Source.objects.count() == 0


def test_the_command_runs_the_queue_and_says_how_many():
    queued()
    out = StringIO()

    call_command("run_import_jobs", "--once", stdout=out)

    lines = out.getvalue().splitlines()
    assert lines[0].startswith("import job ")
    assert lines[-1] == "1 import job run."
    assert ImportJob.objects.get().status == ImportJob.Status.DONE


@pytest.mark.postgres(reason="SQLite's writers take turns: no progress")
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_progress_and_heartbeat_are_written_while_the_import_runs(long_article):
    """The import's own transaction commits at the end; progress goes through a
    connection of its own, so that the editor sees it meanwhile."""
    job = queued(long_article)
    claimed = jobs.claim_next(now=timezone.now() - timedelta(minutes=1))
    seen = []

    def watch():
        try:
            while not seen or seen[-1][0] != ImportJob.Status.DONE:
                rows = ImportJob.objects.values_list("status", "stage", "heartbeat_at")
                seen.append(rows.get(pk=job.pk))
                time.sleep(0.02)
        finally:
            connection.close()  # this thread's

    watcher = threading.Thread(target=watch)
    watcher.start()
    jobs.run(claimed, report_every=0.05)
    watcher.join(timeout=30)

    stages = {stage for status, stage, _ in seen if status == ImportJob.Status.RUNNING}
    assert "writing quotes" in stages
    assert max(beat for _, _, beat in seen) > claimed.heartbeat_at
