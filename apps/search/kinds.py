"""What can be searched: one entry per kind of object, with the fields that are indexed.

Weights follow PostgreSQL's A (highest) to D: a claim's statement and a quote's words
count most, analysis and a source's body text least. The same weights order SQLite's bm25.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Model, QuerySet

from apps.claims.models import Claim
from apps.quotes.models import Quote
from apps.sources.models import Source
from apps.speakers.models import Speaker, SpeakerAlias

WEIGHT_VALUES = {"A": 1.0, "B": 0.4, "C": 0.2, "D": 0.1}


@dataclass(frozen=True)
class SearchKind:
    name: str
    model: type[Model]
    # (column, weight) pairs, in the order the SQLite FTS5 table declares its columns.
    columns: tuple[tuple[str, str], ...]
    # The fields shown, highlighted, as the result's snippet.
    snippet_columns: tuple[str, ...]
    public: Callable[[], QuerySet]
    everything: Callable[[], QuerySet]
    related: tuple[str, ...] = ()
    # The fields a page of hits reads of each object and its related rows (none: every
    # field): what the search page and the API show of a hit. Any other field read of a hit
    # would cost a query. A quote's row has ten fields no hit shows (its original and
    # translations, its verdict, its times), and making them was a sixth of a rare word's
    # search at a million quotes (docs/benchmarks.md, "Render cost").
    shown: tuple[str, ...] = ()

    @property
    def table(self) -> str:
        return self.model._meta.db_table

    @property
    def fts_table(self) -> str:
        return f"search_{self.name}_fts"

    @property
    def plural(self) -> str:
        return str(self.model._meta.verbose_name_plural)


KINDS: dict[str, SearchKind] = {
    kind.name: kind
    for kind in (
        SearchKind(
            name="claim",
            model=Claim,
            columns=(("statement", "A"), ("summary", "B"), ("analysis", "C")),
            snippet_columns=("statement", "summary"),
            public=Claim.objects.public,
            everything=Claim.objects.all,
            related=("claimant", "rating"),
        ),
        SearchKind(
            name="quote",
            model=Quote,
            # A quote is found by its original words and its translations' too
            # (apps/search/migrations/0007_quote_vector_translations.py).
            columns=(
                ("text", "A"),
                ("speaker_name", "B"),
                ("occasion", "C"),
                ("original_text", "B"),
                ("translation_words", "B"),
            ),
            snippet_columns=("text",),
            public=Quote.objects.public,
            everything=Quote.objects.all,
            related=("speaker",),
            shown=(
                "text",
                "speaker",
                "speaker_name",
                "occasion",
                "said_on",
                "speaker__name",
                "speaker__slug",
            ),
        ),
        SearchKind(
            name="speaker",
            model=Speaker,
            columns=(("name", "A"), ("description", "B")),
            snippet_columns=("name", "description"),
            public=Speaker.objects.public,
            everything=Speaker.objects.all,
        ),
        SearchKind(
            name="source",
            model=Source,
            columns=(("title", "B"), ("text", "D")),
            snippet_columns=("title", "text"),
            public=Source.objects.public,
            everything=Source.objects.all,
            related=("publisher",),
        ),
    )
}

# Speakers' aliases are not a kind of result, but a speaker is found by them in the API's
# `q` (apps.search.selectors.text_match): they are indexed like the kinds (an FTS5 table on
# SQLite, a stored search_vector on PostgreSQL) so that they match by the same rules.
ALIASES = SearchKind(
    name="speakeralias",
    model=SpeakerAlias,
    columns=(("name", "A"),),
    snippet_columns=("name",),
    public=SpeakerAlias.objects.all,
    everything=SpeakerAlias.objects.all,
)
