"""Statements prepared by PostgreSQL (apps/core/prepared.py), and those that must not be."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from apps.core.compiled import instances
from apps.quotes.models import Quote
from apps.speakers.models import Speaker
from tests.factories import QuoteFactory, SpeakerFactory

pytestmark = pytest.mark.postgres(reason="statements are prepared by PostgreSQL only")


def logged(run) -> list[str | None]:
    """The text of each statement `run` makes: None for one the server prepared."""
    with CaptureQueriesContext(connection) as captured:
        run()
    return [query["sql"] for query in captured.captured_queries]


def test_a_prepared_statement_answers_each_run_with_its_own_values(db):
    speakers = SpeakerFactory.create_batch(7)

    found = [
        instances("test:speaker", lambda pk: Speaker.objects.filter(pk=pk), speaker.pk)
        for speaker in speakers
    ]

    assert [[s.pk for s in run] for run in found] == [[s.pk] for s in speakers]


def test_a_statement_may_be_compiled_once_and_left_unprepared(db):
    speaker = SpeakerFactory()

    def read(prepare):
        return lambda: instances(
            f"test:unprepared:{prepare}",
            lambda pk: Speaker.objects.filter(pk=pk),
            speaker.pk,
            prepare=prepare,
        )

    assert [logged(read(prepare))[0] is None for prepare in (True, False)] == [True, False]


@pytest.mark.parametrize("url", ["/speakers/ana/", "/api/v1/quotes/?speaker=ana"])
def test_a_speakers_latest_quotes_are_planned_for_each_speaker(client, db, url):
    # A generic plan, made for no speaker in particular, read a prolific speaker's latest
    # quotes as it reads a rare one's, into the statement timeout. An unprepared statement
    # is planned for its own values, whether the client binds them or the server does.
    speaker = SpeakerFactory(slug="ana")
    QuoteFactory(speaker=speaker)
    client.get(url)

    statements = logged(lambda: client.get(url))

    assert len(statements) > 1
    assert not [sql for sql in prepared_statements() if _reads_latest_quotes(sql)]


def prepared_statements() -> list[str]:
    """The statements PostgreSQL keeps prepared for this connection."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT statement FROM pg_prepared_statements")
        return [statement for (statement,) in cursor.fetchall()]


def _reads_latest_quotes(sql: str) -> bool:
    return 'FROM "quotes_quote"' in sql and '"speaker_id" =' in sql and "LIMIT" in sql


def test_a_prepared_read_of_latest_quotes_would_be_seen(db):
    speaker = SpeakerFactory()

    instances(
        "test:latest-quotes",
        lambda pk: Quote.objects.filter(speaker_id=pk).order_by("-said_on")[:5],
        speaker.pk,
    )

    assert [sql for sql in prepared_statements() if _reads_latest_quotes(sql)]
