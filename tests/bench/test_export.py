"""export_sqlite: the public rows, as Datasette would serve them, and nothing else."""

import sqlite3
from datetime import date

import pytest

from apps.claims.models import Claim
from apps.quotes.models import Quote
from apps.sources.models import Source
from apps.speakers.models import Speaker
from bench.export import datasette_metadata, export_sqlite
from tests.factories import (
    CitationFactory,
    PublishedClaimFactory,
    QuoteFactory,
    SourceFactory,
    SpeakerFactory,
)

pytest.importorskip("sqlite_utils")


@pytest.fixture
def published(db):
    speaker = SpeakerFactory(name="Ada Minister", slug="ada-minister")
    source = SourceFactory(title="Grain report", slug="grain-report")
    quote = QuoteFactory(speaker=speaker, text="Exports of grain doubled", said_on=date(2024, 5, 1))
    claim = PublishedClaimFactory(claimant=speaker, quote=quote, statement="Grain exports doubled")
    citation = CitationFactory(claim=claim, source=source)
    return {
        "speaker": speaker,
        "source": source,
        "quote": quote,
        "claim": claim,
        "citation": citation,
    }


@pytest.fixture
def drafts(db):
    """Objects readers cannot see, linked only to each other."""
    hidden_speaker = SpeakerFactory(status=Speaker.Status.DRAFT)
    hidden_source = SourceFactory(status=Source.Status.DRAFT)
    in_review = PublishedClaimFactory(
        status=Claim.Status.IN_REVIEW, published_at=None, claimant=hidden_speaker
    )
    return {
        "quote": QuoteFactory(
            status=Quote.Status.DRAFT, speaker=hidden_speaker, text="Unconfirmed grain words"
        ),
        "quote_of_hidden_speaker": QuoteFactory(speaker=hidden_speaker),
        "citation_of_claim_in_review": CitationFactory(claim=in_review, source=hidden_source),
    }


def read(path, sql: str) -> list[tuple]:
    with sqlite3.connect(path) as connection:
        return connection.execute(sql).fetchall()


def test_export_writes_the_public_rows_with_their_columns(published, tmp_path):
    path = tmp_path / "factbase.db"

    tables = export_sqlite(path)

    assert {t.name: t.rows for t in tables} == {
        "speakers": 1,
        "sources": 1,
        "quotes": 1,
        "claims": 1,
        "citations": 1,
    }
    speaker, claim = published["speaker"], published["claim"]
    assert read(path, "select id, speaker_id, text, said_on from quotes") == [
        (published["quote"].pk, speaker.pk, "Exports of grain doubled", "2024-05-01")
    ]
    assert read(path, "select slug, statement, claimant_id, quote_id, rating from claims") == [
        (claim.slug, "Grain exports doubled", speaker.pk, published["quote"].pk, "True")
    ]
    assert read(path, "select claim_id, source_id, relation from citations") == [
        (claim.pk, published["source"].pk, "states")
    ]
    assert read(path, "select title, publisher from sources") == [
        ("Grain report", published["source"].publisher.name)
    ]


def test_export_leaves_out_what_readers_cannot_see(published, drafts, tmp_path):
    path = tmp_path / "factbase.db"

    export_sqlite(path)

    assert read(path, "select id from speakers") == [(published["speaker"].pk,)]
    assert read(path, "select id from sources") == [(published["source"].pk,)]
    assert read(path, "select id from quotes") == [(published["quote"].pk,)]
    assert read(path, "select id from claims") == [(published["claim"].pk,)]
    assert read(path, "select id from citations") == [(published["citation"].pk,)]


def test_export_empties_links_to_hidden_objects(db, tmp_path):
    hidden = SpeakerFactory(status=Speaker.Status.DRAFT)
    claim = PublishedClaimFactory(claimant=hidden, quote=QuoteFactory(status=Quote.Status.DRAFT))
    path = tmp_path / "factbase.db"

    export_sqlite(path)

    assert read(path, "select id, claimant_id, quote_id from claims") == [(claim.pk, None, None)]


def test_export_indexes_and_full_text_search_serve_the_benchmark(published, tmp_path):
    path = tmp_path / "factbase.db"

    export_sqlite(path)

    indexes = {row[0] for row in read(path, "select name from sqlite_master where type='index'")}
    assert {
        "idx_quotes_speaker_id_said_on",
        "idx_quotes_said_on",
        "idx_citations_claim_id",
    } <= indexes
    assert read(path, "select rowid from quotes_fts where quotes_fts match 'grain'") == [
        (published["quote"].pk,)
    ]
    assert read(path, "select rowid from claims_fts where claims_fts match 'export'") == [
        (published["claim"].pk,)
    ]
    foreign_keys = read(
        path, 'select "table", "from", "to" from pragma_foreign_key_list(\'citations\')'
    )
    assert sorted(foreign_keys) == [("claims", "claim_id", "id"), ("sources", "source_id", "id")]


def test_export_replaces_an_earlier_file(published, tmp_path):
    path = tmp_path / "factbase.db"
    export_sqlite(path)
    QuoteFactory(speaker=published["speaker"], text="More grain words")

    export_sqlite(path)

    assert read(path, "select count(*) from quotes") == [(2,)]
    assert not (tmp_path / "factbase.db.partial").exists()


def test_datasette_metadata_names_the_label_columns():
    assert datasette_metadata("factbase")["databases"]["factbase"]["tables"]["speakers"] == {
        "label_column": "name"
    }
