"""Querysets compiled into SQL once per process (apps/core/compiled.py): the statement is
built once and filled with each call's values; what cannot be compiled is read through
the ORM."""

import pytest
from django.db.models import Count

from apps.claims.models import Claim
from apps.core import compiled
from apps.core.compiled import CompiledQuery, stand_in_id
from tests import factories


@pytest.fixture(autouse=True)
def nothing_compiled(monkeypatch):
    monkeypatch.setattr(compiled, "_compiled", {})


def test_a_compiled_queryset_is_built_once_and_filled_with_each_calls_values(db):
    built = []

    def build(pk):
        built.append(pk)
        return Claim.objects.filter(pk=pk)

    claims = factories.ClaimFactory.create_batch(2)

    found = [compiled.instances("test:built-once", build, claim.pk) for claim in claims]

    assert ([[c.pk for c in read] for read in found], len(built)) == (
        [[claim.pk] for claim in claims],
        1,
    )


def test_a_queryset_with_prefetches_is_not_compiled(db):
    stand_in = stand_in_id()

    with pytest.raises(ValueError, match="prefetches"):
        CompiledQuery(Claim.objects.filter(pk=stand_in).prefetch_related("topics"), [stand_in])


def test_a_stand_in_the_statement_does_not_hold_is_refused(db):
    with pytest.raises(ValueError, match="stand-in is missing"):
        CompiledQuery(Claim.objects.all(), [stand_in_id()])


def test_what_cannot_be_compiled_is_read_through_the_orm(db):
    claim = factories.ClaimFactory()

    def build(pk):
        return Claim.objects.filter(pk=pk).prefetch_related("topics")

    read = compiled.instances("test:prefetching", build, claim.pk)

    assert [c.pk for c in read] == [claim.pk]
    assert list(compiled._compiled.values()) == [None]


def test_named_annotations_come_back_beside_each_instance_not_on_it(db):
    claim = factories.ClaimFactory()
    stand_in = stand_in_id()
    query = CompiledQuery(
        Claim.objects.filter(pk=stand_in).annotate(topic_count=Count("topics")),
        [stand_in],
        annotations=("topic_count",),
    )

    ((obj, (topic_count,)),) = query.rows([claim.pk])

    assert (obj.pk, topic_count, hasattr(obj, "topic_count")) == (
        claim.pk,
        claim.topics.count(),
        False,
    )


def test_a_values_list_queryset_gives_its_rows_as_the_orm_does(db):
    claims = factories.ClaimFactory.create_batch(2)

    def build(pk):
        return Claim.objects.filter(pk=pk).values_list("pk", "statement", "created_at")

    query = compiled.compiled(("test:values",), build, lambda: [stand_in_id()])
    read = [query.rows([claim.pk]) for claim in claims]

    assert (type(query).__name__, read) == (
        "CompiledValues",
        [list(build(claim.pk)) for claim in claims],
    )


def test_a_union_of_values_list_querysets_gives_the_rows_of_each(db):
    claims = factories.ClaimFactory.create_batch(3)

    def build(first, second):
        rows = Claim.objects.order_by().values_list("pk", "statement")
        return rows.filter(pk=first).union(rows.filter(pk=second), all=True)

    query = compiled.compiled(("test:union",), build, lambda: [stand_in_id(), stand_in_id()])

    assert sorted(query.rows([claims[0].pk, claims[2].pk])) == sorted(
        build(claims[0].pk, claims[2].pk)
    )
