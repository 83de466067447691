"""Reads sent together (apps/core/compiled.py `instances_together`, apps/api/serializers/
rows.py `prepared_values_together`): the rows each read alone gives, each statement logged
and counted, and on PostgreSQL one round trip for them all."""

import pytest
from django.db import DataError, transaction
from django.db.models import F, IntegerField, Value
from django.db.models.functions import Cast
from django.test import RequestFactory
from rest_framework.request import Request

from apps.api.serializers.claims import public_claim
from apps.api.serializers.quotes import public_quotes
from apps.api.serializers.rows import prepared_values, prepared_values_together
from apps.api.serializers.speakers import public_speaker
from apps.claims.selectors import claim_on_record
from apps.core.compiled import instances, instances_together
from apps.speakers.models import Speaker, SpeakerAlias, SpeakerRole
from apps.web.selectors.sources import source_on_page
from apps.web.selectors.speakers import speaker_lists, speaker_on_page
from tests.factories import (
    AppearanceFactory,
    CitationFactory,
    CorrectionFactory,
    PublishedClaimFactory,
    QuoteFactory,
    SourceFactory,
    SpeakerAliasFactory,
    SpeakerFactory,
    SpeakerRoleFactory,
    TopicFactory,
    arranged,
)
from tests.round_trips import counted_round_trips

postgres_only = pytest.mark.postgres(reason="a psycopg pipeline is PostgreSQL's")


def _aliases(ids):
    return SpeakerAlias.objects.filter(speaker_id__in=ids).values("id", "name")


def _speaker(pk):
    return Speaker.objects.filter(pk=pk).values("id", "name", "created_at")


@pytest.fixture
def speaker(db):
    speaker = SpeakerFactory()
    SpeakerAliasFactory.create_batch(2, speaker=speaker)
    SpeakerRoleFactory(speaker=speaker)
    SpeakerAliasFactory()  # another speaker's
    return speaker


def test_values_read_together_are_the_values_read_alone(speaker):
    together = prepared_values_together(
        ("test:speaker", _speaker, speaker.pk), ("test:aliases", _aliases, [speaker.pk])
    )

    alone = [
        prepared_values("test:speaker", _speaker, speaker.pk),
        prepared_values("test:aliases", _aliases, [speaker.pk]),
    ]
    assert together == alone
    assert len(together[1]) == 2


def test_instances_read_together_are_the_instances_read_alone(speaker):
    def roles(pk):
        return SpeakerRole.objects.filter(speaker_id=pk)

    def aliases(pk):
        return SpeakerAlias.objects.filter(speaker_id=pk)

    together = instances_together(
        ("test:roles", roles, speaker.pk), ("test:al", aliases, speaker.pk)
    )

    alone = [
        instances("test:roles", roles, speaker.pk),
        instances("test:al", aliases, speaker.pk),
    ]
    assert [[vars(o) | {"_state": None} for o in read] for read in together] == [
        [vars(o) | {"_state": None} for o in read] for read in alone
    ]


def test_each_read_sent_together_is_counted_as_a_statement(speaker, django_assert_num_queries):
    with django_assert_num_queries(3):
        prepared_values_together(
            ("test:speaker", _speaker, speaker.pk),
            ("test:aliases", _aliases, [speaker.pk]),
            ("test:aliases", _aliases, [speaker.pk + 1]),
        )


@postgres_only
def test_reads_sent_together_are_one_round_trip(speaker):
    # Compiled and prepared before counting: preparing is a round trip of its own.
    prepared_values("test:speaker", _speaker, speaker.pk)
    prepared_values("test:aliases", _aliases, [speaker.pk])

    with counted_round_trips() as alone:
        prepared_values("test:speaker", _speaker, speaker.pk)
        prepared_values("test:aliases", _aliases, [speaker.pk])
    with counted_round_trips() as together:
        prepared_values_together(
            ("test:speaker", _speaker, speaker.pk), ("test:aliases", _aliases, [speaker.pk])
        )

    assert (alone, together) == ([2], [1])


@postgres_only
def test_an_unprepared_read_goes_together_with_prepared_ones(speaker):
    def roles(pk):
        return SpeakerRole.objects.filter(speaker_id=pk)

    with counted_round_trips() as trips:
        found = instances_together(
            ("test:roles-u", roles, speaker.pk),
            ("test:roles-p", roles, speaker.pk),
            unprepared=frozenset({"test:roles-u"}),
        )

    assert trips == [1]
    assert [[role.pk for role in read] for read in found] == [[speaker.roles.get().pk]] * 2


@postgres_only
def test_a_failing_read_among_several_raises_djangos_error(speaker):
    def failing(pk):
        # The cast fails when the statement runs, not when it is compiled.
        return Speaker.objects.filter(pk=pk).values(n=Cast(F("name"), IntegerField()))

    with pytest.raises(DataError), transaction.atomic():
        prepared_values_together(
            ("test:aliases", _aliases, [speaker.pk]), ("test:failing", failing, speaker.pk)
        )

    assert prepared_values("test:speaker", _speaker, speaker.pk)[0]["id"] == speaker.pk


def test_a_read_that_cannot_be_compiled_is_read_by_the_orm_among_the_others(speaker):
    def raw_in(ids):  # the same id twice: its stand-ins cannot be told apart
        return SpeakerAlias.objects.filter(speaker_id__in=ids).values("id").annotate(one=Value(1))

    together = prepared_values_together(
        ("test:speaker", _speaker, speaker.pk), ("test:raw", raw_in, [speaker.pk, speaker.pk])
    )

    assert len(together[1]) == 2


# --- the hot reads that send their statements together --------------------------------------


@pytest.fixture
def published(db):
    """A published claim with a claimant, a quote, a citation, a topic and a correction,
    its speaker with a role and an alias, and a source carrying the quote."""
    speaker = SpeakerFactory(slug="ana")
    SpeakerRoleFactory(speaker=speaker)
    SpeakerAliasFactory(speaker=speaker)
    quote = QuoteFactory(speaker=speaker)
    claim = PublishedClaimFactory(slug="exports", claimant=speaker, quote=quote)
    with arranged():
        claim.topics.add(TopicFactory())
    source = SourceFactory(slug="article")
    AppearanceFactory(quote=quote, source=source, exact=source.text[:20])
    CitationFactory(claim=claim, source=source, exact=source.text[:20])
    CorrectionFactory(claim=claim)
    return claim


def _request():
    return Request(RequestFactory().get("/api/v1/"))


READS = {
    # read: (the read, round trips)
    "an API claim": (lambda c: public_claim(_request(), c.pk), 2),
    "an API speaker": (lambda c: public_speaker(_request(), c.claimant_id), 1),
    "an API page of quotes": (lambda c: public_quotes(_request(), [c.quote]), 1),
    "a claim page's claim": (lambda c: claim_on_record("exports"), 2),
    "a speaker page's speaker": (lambda c: speaker_on_page("ana"), 2),
    "a speaker page's lists": (lambda c: speaker_lists(c.claimant), 1),
    "a source page's source": (lambda c: source_on_page("article"), 2),
}


@postgres_only
@pytest.mark.parametrize("name", READS)
def test_a_hot_read_takes_its_round_trips(published, name):
    read, expected = READS[name]
    read(published)  # compiled and prepared first, as on any request but a worker's first

    with counted_round_trips() as trips:
        found = read(published)

    assert found
    assert trips == [expected]
