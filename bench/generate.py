"""Filling a database with a synthetic Factbase at scale, for benchmarks.

`generate()` writes straight into the real tables: COPY on PostgreSQL, with every index but
the primary keys and every foreign key set aside while loading and rebuilt once at the
end; executemany on SQLite, for small sizes. It runs in one transaction, so a failure
leaves the database as it was. No history is written: synthetic rows have no versions,
and their History pages in the admin are empty.
"""

import os
import time
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass, field

from django.apps import apps
from django.core.management.color import no_style
from django.db import connection, transaction

from apps.claims.models import Citation, Claim, Correction, Rating
from apps.ops.staleness import everything_changed
from apps.quotes.models import Appearance, Quote
from apps.sources.models import Publisher, Source
from apps.speakers.models import Speaker, SpeakerAlias, SpeakerRole
from apps.topics.models import Topic
from bench import loading
from bench.synthetic import Sizes, SyntheticData

TIMESTAMPS = ["id", "created_at", "updated_at"]
PASSAGE = [
    *TIMESTAMPS, "exact", "prefix", "suffix", "start", "end", "match", "similarity", "found_passage"
]  # fmt: skip
# Tables in the order they are generated, with the columns SyntheticData fills.
COLUMNS = {
    Topic: [*TIMESTAMPS, "name", "slug", "description"],
    Speaker: [*TIMESTAMPS, "name", "slug", "kind", "description", "wikidata_id", "status"],
    SpeakerAlias: [*TIMESTAMPS, "name", "speaker_id"],
    SpeakerRole: [*TIMESTAMPS, "title", "organisation", "start", "end", "speaker_id"],
    Publisher: [*TIMESTAMPS, "name", "slug", "home_page"],
    Quote: [
        *TIMESTAMPS,
        "text",
        "speaker_name",
        "said_on",
        "occasion",
        "language",
        "original_text",
        "original_language",
        "status",
        "verdict",
        "misattributed_to_id",
        "speaker_id",
        "translation_of_id",
    ],
    Quote.topics.through: ["id", "quote_id", "topic_id"],
    Claim: [
        *TIMESTAMPS,
        "statement",
        "slug",
        "summary",
        "analysis",
        "status",
        "published_at",
        "claimant_id",
        "quote_id",
        "reviewed_by_id",
        "rating_id",
    ],
    Claim.topics.through: ["id", "claim_id", "topic_id"],
    Correction: [
        *TIMESTAMPS,
        "date",
        "note",
        "claim_id",
        "rating_before_id",
        "rating_after_id",
    ],
    Source: [
        *TIMESTAMPS,
        "title",
        "slug",
        "url",
        "authors",
        "published_on",
        "retrieved_at",
        "language",
        "kind",
        "text",
        "archive_url",
        "status",
        "publisher_id",
    ],
    Appearance: [*PASSAGE, "source_id", "quote_id"],
    Citation: [*PASSAGE, "relation", "note", "source_id", "claim_id"],
}
CONTENT_APPS = ("topics", "speakers", "sources", "quotes", "claims")
VECTOR_STRATEGIES = ("during", "after")


class DatabaseNotEmpty(Exception):
    pass


@dataclass
class GenerationReport:
    counts: dict[str, int] = field(default_factory=dict)
    timings: dict[str, float] = field(default_factory=dict)


def content_tables() -> list[str]:
    return [model._meta.db_table for model in COLUMNS]


def history_tables() -> list[str]:
    """History of the content models (the rating scale is not replaced, so it keeps its)."""
    return [
        model._meta.db_table
        for model in apps.get_models()
        if model._meta.app_label in CONTENT_APPS
        and model.__name__.startswith("Historical")
        and model.__name__ != "HistoricalRating"
    ]


def non_empty_tables() -> list[str]:
    with connection.cursor() as cursor:
        found = []
        for table in content_tables():
            cursor.execute(f"SELECT EXISTS (SELECT 1 FROM {table})")
            if cursor.fetchone()[0]:
                found.append(table)
        return found


def generate(
    sizes: Sizes,
    *,
    seed: int = 0,
    force: bool = False,
    vectors: str = "during",
    progress: Callable[[str], None] = print,
) -> GenerationReport:
    """Fill the database with a synthetic data set of `sizes`.

    Raises DatabaseNotEmpty if any content table has rows, unless `force`, which first
    empties them (and their history; the rating scale stays). On PostgreSQL, `vectors`
    says when the generated search columns are computed: "during" the COPY (the server
    does it while Python makes the next rows) or "after" it (dropped before loading and
    added back, which rewrites each table once).
    """
    if vectors not in VECTOR_STRATEGIES:
        raise ValueError(f"vectors must be one of {VECTOR_STRATEGIES}, not {vectors!r}")
    report = GenerationReport()
    postgresql = connection.vendor == "postgresql"

    cpu_totals = {"python": 0.0, "postgresql": 0.0}

    @contextmanager
    def phase(name: str):
        progress(f"{name} …")
        started, python = time.perf_counter(), time.process_time()
        server = loading.server_cpu_ns(connection)
        yield
        report.timings[name] = elapsed = time.perf_counter() - started
        python = time.process_time() - python
        cpu_totals["python"] += python
        line = f"{name}: {elapsed:.1f} s (CPU: Python {python:.1f} s"
        server_after = loading.server_cpu_ns(connection)
        if server is not None and server_after is not None:
            cpu_totals["postgresql"] += (server_after - server) / 1e9
            line += f", PostgreSQL {(server_after - server) / 1e9:.1f} s"
        progress(line + ")")

    started = time.perf_counter()
    connection.ensure_connection()
    with transaction.atomic(), connection.cursor() as cursor:
        # COPY sends no signals: cached responses go stale when this transaction commits.
        everything_changed()
        with phase("empty the tables"):
            _empty(cursor, force=force, postgresql=postgresql)
        if postgresql:
            # Loading and building the indexes take minutes, longer than the statement
            # timeout the site's connections have (DB_STATEMENT_TIMEOUT).
            cursor.execute("SET LOCAL statement_timeout = 0")
            cursor.execute("SET LOCAL idle_in_transaction_session_timeout = 0")
            cursor.execute("SET LOCAL maintenance_work_mem = '1GB'")
            cursor.execute("SET LOCAL synchronous_commit = off")
            with phase("set indexes and foreign keys aside"):
                deferred = loading.defer_indexes(cursor, content_tables())
                dropped_columns = []
                if vectors == "after":
                    dropped_columns = loading.drop_generated_columns(
                        cursor, content_tables(), "search_vector"
                    )
        ratings = list(Rating.objects.order_by("pk").values_list("pk", "score"))
        data = SyntheticData(sizes, seed=seed, ratings=ratings)
        writer = loading.PostgresCopy if postgresql else loading.SqliteInsert

        def load(model, rows, name: str | None = None):
            with phase(name or f"write {model._meta.db_table}"):
                with writer(cursor, loading.Table(model, COLUMNS[model])) as out:
                    for row in rows:
                        out.write(row)
                report.counts[model._meta.db_table] = out.rows

        load(Topic, data.topic_rows())
        load(Speaker, data.speaker_rows())
        load(SpeakerAlias, data.alias_rows())
        load(SpeakerRole, data.role_rows())
        load(Publisher, data.publisher_rows())
        load(Quote, data.quote_rows(), "generate and write quotes")
        load(Quote.topics.through, data.quote_topic_rows())
        load(Claim, data.claim_rows(), "generate and write claims")
        load(Claim.topics.through, data.claim_topic_rows())
        load(Correction, data.correction_rows())
        appearances: list[tuple] = []
        citations: list[tuple] = []
        load(
            Source,
            data.source_rows(appearances.append, citations.append),
            "generate and write sources with their texts",
        )
        load(Appearance, appearances)
        load(Citation, citations)
        del appearances, citations, data
        if postgresql:
            if dropped_columns:
                with phase("add the search columns back"):
                    loading.add_generated_columns(cursor, dropped_columns, progress)
            with phase("build indexes and foreign keys"):
                loading.restore_indexes(cursor, deferred, progress)
            with phase("reset sequences"):
                models = list(COLUMNS)
                for statement in connection.ops.sequence_reset_sql(no_style(), models):
                    cursor.execute(statement)
            with phase("analyze"):
                cursor.execute(f"ANALYZE {', '.join(content_tables())}")
    report.timings["total"] = time.perf_counter() - started
    progress(
        f"total: {report.timings['total']:.1f} s (CPU: Python {cpu_totals['python']:.1f} s, "
        f"PostgreSQL {cpu_totals['postgresql']:.1f} s; load average now "
        + " ".join(f"{load:.2f}" for load in os.getloadavg())
        + ")"
    )
    return report


def _empty(cursor, *, force: bool, postgresql: bool) -> None:
    full = non_empty_tables()
    if full and not force:
        raise DatabaseNotEmpty(
            "The database already has data (in "
            + ", ".join(full)
            + "). generate_data fills an empty database; --force empties it first, "
            "deleting every speaker, source, quote, claim and topic and their history."
        )
    if postgresql:
        # Always, even when empty: COPY … FREEZE needs the tables emptied in this transaction.
        # CASCADE also empties tables that point at these (imports' records of them).
        tables = content_tables() + (history_tables() if force else [])
        # Deferred foreign-key checks still pending in an enclosing transaction would make
        # TRUNCATE refuse; running them now clears them.
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        cursor.execute(f"TRUNCATE {', '.join(tables)} RESTART IDENTITY CASCADE")
    elif full:
        for table in [*reversed(content_tables()), *history_tables()]:
            cursor.execute(f"DELETE FROM {table}")
