"""The public data as a data journalist would publish it with Datasette: one SQLite file.

`export_sqlite()` copies what readers of Factbase may see (each model's `public()` rule:
published speakers, sources and claims, confirmed quotes of published or unnamed speakers,
citations of public claims to public sources) into an SQLite file made with sqlite-utils,
with the columns a newsroom would publish, FTS5 on quote text and claim statement, and
the indexes a Datasette user would add for the same questions the benchmark asks:

- quotes(speaker_id, said_on): a speaker's quotes, newest first;
- quotes(said_on): every quote newest first, paged with `_next`;
- citations(claim_id): one claim's citations.

Source texts are left out (a Datasette table is not the place for 5 KB documents, and no
shared workload reads them). The rows are read in chunks through the ORM, so the export
works on PostgreSQL and SQLite alike and never holds a table in memory.
"""

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from django.db.models import Case, F, Q, When

from apps.claims.models import Citation, Claim
from apps.quotes.models import Quote
from apps.sources.models import Source
from apps.speakers.models import Speaker

CHUNK = 5000

# Datasette shows (and `_labels=on` expands) a foreign key by this column of its target.
LABEL_COLUMNS = {
    "speakers": "name",
    "sources": "title",
    "quotes": "text",
    "claims": "statement",
}


@dataclass(frozen=True)
class ExportedTable:
    name: str
    rows: int


def _rows(queryset, columns: tuple[str, ...]) -> Iterator[dict]:
    for values in queryset.values_list(*columns).iterator(chunk_size=CHUNK):
        yield dict(zip(columns, values, strict=True))


def _public_quote(prefix: str = "") -> Q:
    """Quote.objects.public(), as a condition on a related quote."""
    return Q(**{f"{prefix}status": Quote.Status.CONFIRMED}) & (
        Q(**{f"{prefix}speaker__isnull": True})
        | Q(**{f"{prefix}speaker__status": Speaker.Status.PUBLISHED})
    )


def _tables():
    """(name, rows, primary key, foreign keys) of each exported table, in load order."""
    speakers = Speaker.objects.public().order_by("pk")
    sources = Source.objects.public().order_by("pk").annotate(publisher_name=F("publisher__name"))
    quotes = Quote.objects.public().order_by("pk")
    claims = (
        Claim.objects.public()
        .order_by("pk")
        .annotate(
            # A link to something readers may not see is published as empty, as the API does.
            public_claimant_id=Case(
                When(claimant__status=Speaker.Status.PUBLISHED, then=F("claimant_id"))
            ),
            public_quote_id=Case(When(_public_quote("quote__"), then=F("quote_id"))),
            rating_label=F("rating__label"),
        )
    )
    citations = Citation.objects.public().order_by("pk")
    return [
        (
            "speakers",
            _rows(speakers, ("id", "slug", "name", "kind", "description", "wikidata_id")),
            {},
            [],
        ),
        (
            "sources",
            _rows(
                sources,
                (
                    "id",
                    "slug",
                    "title",
                    "url",
                    "publisher_name",
                    "published_on",
                    "kind",
                    "language",
                ),
            ),
            {"publisher_name": "publisher"},
            [],
        ),
        (
            "quotes",
            _rows(
                quotes,
                (
                    "id",
                    "speaker_id",
                    "speaker_name",
                    "text",
                    "said_on",
                    "occasion",
                    "language",
                    "verdict",
                ),
            ),
            {},
            [("speaker_id", "speakers", "id")],
        ),
        (
            "claims",
            _rows(
                claims,
                (
                    "id",
                    "slug",
                    "statement",
                    "public_claimant_id",
                    "public_quote_id",
                    "rating_label",
                    "summary",
                    "published_at",
                ),
            ),
            {
                "public_claimant_id": "claimant_id",
                "public_quote_id": "quote_id",
                "rating_label": "rating",
            },
            [("claimant_id", "speakers", "id"), ("quote_id", "quotes", "id")],
        ),
        (
            "citations",
            _rows(
                citations,
                ("id", "claim_id", "source_id", "relation", "exact", "start", "end", "note"),
            ),
            {},
            [("claim_id", "claims", "id"), ("source_id", "sources", "id")],
        ),
    ]


def _renamed(rows: Iterator[dict], names: dict[str, str]) -> Iterator[dict]:
    for row in rows:
        yield {names.get(key, key): value for key, value in row.items()}


def export_sqlite(
    path: Path, *, progress: Callable[[str], None] = lambda message: None
) -> list[ExportedTable]:
    """Write the public data to a new SQLite file at `path` (replacing any file there).

    Reads every public speaker, source, quote, claim and citation of the default database.
    """
    import sqlite_utils  # the `bench` and `dev` dependency groups

    path = Path(path)
    partial = path.with_name(path.name + ".partial")
    partial.unlink(missing_ok=True)
    db = sqlite_utils.Database(partial)
    # A one-off bulk load: nothing to recover if it fails half-way (the file is discarded).
    db.execute("PRAGMA journal_mode = OFF")
    db.execute("PRAGMA synchronous = OFF")
    exported = []
    for name, rows, names, foreign_keys in _tables():
        table = db.table(name)
        table.insert_all(
            _renamed(rows, names),
            pk="id",
            # SQLite checks that a key's table exists: none does when nothing was public.
            foreign_keys=[key for key in foreign_keys if db.table(key[1]).exists()],
            # Typed up front: a first batch of empty links must not make them TEXT columns.
            columns={column: int for column, *_ in foreign_keys},
            batch_size=CHUNK,
        )
        count = table.count if table.exists() else 0
        exported.append(ExportedTable(name, count))
        progress(f"{name}: {count:,} rows")
    if db.table("quotes").exists():
        db.table("quotes").create_index(["speaker_id", "said_on"], if_not_exists=True)
        db.table("quotes").create_index(["said_on"], if_not_exists=True)
        db.table("quotes").enable_fts(["text"], fts_version="FTS5", tokenize="porter")
    if db.table("claims").exists():
        db.table("claims").enable_fts(["statement"], fts_version="FTS5", tokenize="porter")
    if db.table("citations").exists():
        db.table("citations").create_index(["claim_id"], if_not_exists=True)
    progress("indexes and full-text search built")
    db.analyze()
    db.vacuum()
    db.close()
    partial.replace(path)
    return exported


def datasette_metadata(database: str) -> dict:
    """Datasette metadata naming each table's label column (for `_labels=on`)."""
    return {
        "databases": {
            database: {
                "tables": {
                    table: {"label_column": column} for table, column in LABEL_COLUMNS.items()
                }
            }
        }
    }
