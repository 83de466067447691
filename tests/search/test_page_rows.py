"""A search page's objects read by the statement compiled once (apps/search/page_rows.py,
apps/core/compiled.py) are what the ORM makes of the same statement: instances, related
rows and snippets."""

import pytest

from apps.core import compiled as module
from apps.search.backends import get_backend
from apps.search.highlight import Markers
from apps.search.kinds import KINDS
from apps.search.page_rows import _by_the_orm, _queryset, page_rows
from tests.factories import QuoteFactory
from tests.search.record import israel_record

WORDS = {"claim": "Israel", "quote": "Israel", "speaker": "Putin", "source": "Israel"}


def state(obj) -> dict:
    """An instance as loaded: its fields and the related instances loaded with it."""
    values = {key: value for key, value in obj.__dict__.items() if key != "_state"}
    related = {
        name: None if other is None else (type(other), state(other))
        for name, other in obj._state.fields_cache.items()
    }
    return {"class": type(obj), "values": values, "related": related, "db": obj._state.db}


@pytest.fixture
def record(db, monkeypatch):
    monkeypatch.setattr(module, "_compiled", {})
    record = israel_record()
    QuoteFactory(text="Israel, said someone unnamed.", speaker=None, speaker_name="Someone")
    return record


@pytest.mark.parametrize("name", list(KINDS))
def test_a_kinds_page_is_what_the_orm_reads(record, name):
    kind = KINDS[name]
    pks = list(kind.everything().values_list("pk", flat=True))
    snippet = get_backend().snippet_sql(kind, WORDS[name], Markers("[", "]"))

    compiled = page_rows(kind, pks, snippet)
    again = page_rows(kind, pks, snippet)  # the statement kept, the values put in anew
    orm = _by_the_orm(_queryset(kind, *snippet, pks))

    assert len(module._compiled) == 1
    assert next(iter(module._compiled.values())) is not None  # compiled, not left to the ORM
    assert compiled[1] == orm[1] == again[1]
    assert any(orm[1].values())  # the words are in some of them
    assert {pk: state(obj) for pk, obj in compiled[0].items()} == {
        pk: state(obj) for pk, obj in orm[0].items()
    }


def test_a_page_of_other_rows_reads_those_rows(record):
    kind = KINDS["quote"]
    first, second, *_ = kind.everything().values_list("pk", flat=True)
    snippet = get_backend().snippet_sql(kind, "Israel", Markers("[", "]"))

    assert list(page_rows(kind, [first], snippet)[0]) == [first]
    assert list(page_rows(kind, [second], snippet)[0]) == [second]


def test_a_quote_hit_shows_what_the_page_and_the_api_show_of_it_without_another_query(
    record, django_assert_num_queries
):
    kind = KINDS["quote"]
    pks = list(kind.everything().values_list("pk", flat=True))
    snippet = get_backend().snippet_sql(kind, "Israel", Markers("[", "]"))
    found, _ = page_rows(kind, pks, snippet)

    with django_assert_num_queries(0):
        shown = [
            (
                obj.text,
                obj.display_speaker,
                obj.occasion,
                obj.said_on,
                obj.get_absolute_url(),
                obj.speaker and (obj.speaker.name, obj.speaker.get_absolute_url()),
            )
            for obj in found.values()
        ]

    assert len(shown) == len(pks) > 1
    assert any(speaker is None for *_, speaker in shown)  # the unnamed speaker's quote
