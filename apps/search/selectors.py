"""The search service: ranked full-text search and speaker look-up.

One interface on both databases; apps/search/backends/ holds what differs. Visibility
comes from each model's public() QuerySet method, so the public never finds a draft.

Claim matching is the claims app's (apps.claims.matching), so that the claims admin can use
it without importing this layer; `match_claims` and `ClaimMatch` are re-exported here for
the search service's callers.
"""

import functools
import heapq
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field, replace

from django.db import connection
from django.db.models import BooleanField, Model, Q, QuerySet
from django.db.models.expressions import RawSQL
from django.db.models.functions import ExtractYear
from django.utils.safestring import SafeString
from rapidfuzz import fuzz, process, utils

# Re-exported (see the docstring).
from apps.claims.matching import ClaimMatch as ClaimMatch
from apps.claims.matching import match_claims as match_claims
from apps.claims.models import Rating
from apps.core.reader_keys import every
from apps.ops.staleness import note_shown
from apps.search.backends import get_backend
from apps.search.highlight import Markers, highlight_html
from apps.search.kinds import ALIASES, KINDS, SearchKind
from apps.search.page_rows import page_rows
from apps.search.summary import Facet, Summary, label_sql, summarize
from apps.search.typos import corrections
from apps.speakers.models import Speaker
from apps.topics.models import Topic

MAX_LIMIT = 100
MAX_OFFSET = 1000
# Speaker look-up scores this many candidates.
CANDIDATES = 50
# A kind with more matches than this is counted, faceted and ranked over this many of them
# (on PostgreSQL the first found, of a random subset for one word: see
# backends/postgresql.py; on SQLite the best ranked): ranking, counting and
# faceting every match of a common word over a million rows would take seconds, and
# nobody reads that far down. SearchResults.capped says when it happened. 300, not 500:
# at a million quotes the work grows with the rows looked at, and 500 put a common
# word's p95 at 58-69 ms against 36-46 ms (bench_search; bench/README.md).
MATCH_CAP = 300


@dataclass(frozen=True)
class SearchFilters:
    kinds: tuple[str, ...] = ()
    rating: str = ""  # Rating slug; claims only
    speaker: str = ""  # Speaker slug: claims by claimant, quotes by speaker
    topic: str = ""  # Topic slug; claims and quotes
    year: int | None = None


@dataclass(frozen=True)
class SearchHit:
    kind: str
    object: Model
    score: float
    snippet: SafeString


@dataclass(frozen=True)
class FacetValue:
    value: str
    label: str
    count: int


@dataclass(frozen=True)
class SearchResults:
    query: str
    hits: list[SearchHit]
    total: int
    facets: dict[str, list[FacetValue]] = field(default_factory=dict)
    # True when some kind had more than MATCH_CAP matches (or more candidates than the
    # backend checks): `total` and the facet counts are then lower bounds ("500+").
    capped: bool = False
    # The query searched for instead of `query` when its words as typed matched nothing
    # (see search_forgiving); "" when `query` itself was searched for.
    corrected_query: str = ""
    # Whether corrections were looked for (nothing matched as typed): the results then hang
    # on the vocabulary of every kind, not only the kinds searched (see shown_sets).
    corrections_tried: bool = False


@dataclass(frozen=True)
class SpeakerMatch:
    speaker: Speaker
    score: float
    matched_name: str


def search(
    query: str,
    *,
    filters: SearchFilters = SearchFilters(),
    public: bool = True,
    limit: int = 20,
    offset: int = 0,
) -> SearchResults:
    """Ranked hits across claims, quotes, speakers and sources, with facet counts.

    Queries: one per kind searched, which sums up its matches in the database (the best
    offset + limit of them with their scores, how many there are, and the facet counts
    with their labels: see apps/search/summary.py), then one per kind on the page for its
    objects with their snippets — however many rows match (on PostgreSQL a few more: one
    to read a phrase or an exclusion, and a few for sources; a one-word search's settings
    go with the kinds' statements; see backends/postgresql.py). A kind with more than
    MATCH_CAP matches is counted, faceted and ranked over MATCH_CAP of them only (see
    MATCH_CAP), and so is one whose candidates were too many to check each (a phrase among
    many sources on PostgreSQL); `capped` then says that `total` and the facet counts are
    lower bounds. Only public objects are found unless `public` is False.
    """
    query = query.strip()
    limit = max(1, min(limit, MAX_LIMIT))
    offset = max(0, min(offset, MAX_OFFSET))
    if not query:
        return SearchResults(query=query, hits=[], total=0)
    backend = get_backend()
    summaries: dict[str, Summary] = {}
    narrowed = bool(filters.rating or filters.speaker or filters.topic or filters.year)
    searched = []
    for kind in KINDS.values():
        if filters.kinds and kind.name not in filters.kinds:
            continue
        visible = _searched_rows(kind, filters, public, narrowed)
        if visible is not None:
            searched.append((kind, visible))
    with backend.searching(query, thin=not narrowed) as how:
        for index, (kind, visible) in enumerate(searched):
            last = index == len(searched) - 1
            facets = FACETS[kind.name]
            columns = tuple(facet.column for facet in facets if facet.column)
            # Unnarrowed, a kind's visible rows are its public() or all() rows.
            key = None if narrowed else ("visible", public)
            with backend.matching(kind, query, visible, columns, MATCH_CAP, how, key) as (
                matches,
                complete,
            ):
                summary = summarize(
                    kind,
                    matches,
                    facets,
                    cap=MATCH_CAP,
                    best=offset + limit,
                    labels=lambda facet: _label_sql(facet, public=public),
                    run=functools.partial(backend.run, how, last=last),
                )
            summaries[kind.name] = replace(summary, capped=summary.capped or not complete)
    # Best first; ties by kind name, then id: each kind gives its best offset + limit.
    ranked = heapq.nsmallest(
        offset + limit,
        ((-score, name, pk) for name, summary in summaries.items() for pk, score in summary.hits),
    )
    page = [(KINDS[name], pk, -key) for key, name, pk in ranked[offset:]]
    return SearchResults(
        query=query,
        hits=_hydrate(backend, query, page),
        total=sum(summary.total for summary in summaries.values()),
        facets=_facets(summaries),
        capped=any(summary.capped for summary in summaries.values()),
    )


def search_forgiving(
    query: str,
    *,
    filters: SearchFilters = SearchFilters(),
    public: bool = True,
    limit: int = 20,
    offset: int = 0,
) -> SearchResults:
    """search(), forgiving typos: when the words as typed match nothing, the words that are
    not in the vocabulary of the public record are corrected (apps/search/typos.py) and the
    corrected query is searched for instead; its results say so (`corrected_query`). So a
    query that matches as typed gets exactly search()'s results, and a correction is never
    ranked above an exact match.

    Queries: search()'s; when nothing matches, one more to look the words up in the
    vocabulary, one or two per misspelt word to find its candidates, and search()'s again
    for each correction tried: the best first, the next best (up to typos.TRIES) only if
    it finds nothing, as when a word's nearest correction never stands beside the query's
    other words.
    """
    results = search(query, filters=filters, public=public, limit=limit, offset=offset)
    if results.total or not results.query:
        return results
    for correction in corrections(results.query):
        corrected = search(
            correction.query, filters=filters, public=public, limit=limit, offset=offset
        )
        if corrected.total:
            results = replace(corrected, query=results.query, corrected_query=correction.query)
            break
    # Corrected from the vocabulary of every kind: a cached answer goes stale with any.
    note_shown(shown_sets())
    return replace(results, corrections_tried=True)


# The rows a filter names, beyond the kinds searched.
_FILTERED_BY = {"rating": Rating, "speaker": Speaker, "topic": Topic}


def shown_sets(parameters: Mapping[str, str] | None = None) -> list[str]:
    """The sets of rows (reader keys, `every(Quote)`) whose change can change the results
    of a search with these query parameters (the page's and the API's: `kind`, `rating`,
    `speaker`, `topic`) beyond the rows it loads, for the response cache's declarations
    (apps/api/reader_keys.py, apps/web/reader_keys.py): each kind searched (one, or all),
    since a write may add or take away a match; the rows its facets are labelled from; and
    the rows its filters name. So a search of quotes does not go stale when a claim is
    published.

    Results whose corrections were looked for (`SearchResults.corrections_tried`) hang on
    the vocabulary of every kind: search_forgiving notes shown_sets() for them."""
    parameters = parameters or {}
    kind = parameters.get("kind", "")
    names = [kind] if kind in KINDS else list(KINDS)
    models = [KINDS[name].model for name in names]
    models += [facet.model for name in names for facet in FACETS[name] if facet.model]
    models += [model for name, model in _FILTERED_BY.items() if parameters.get(name)]
    return sorted({every(model) for model in models})


def text_match(kind_name: str, query: str) -> Q:
    """A filter for a queryset of the kind's model: the rows whose indexed text matches
    `query` by search()'s rules (words, "phrases", -exclusions, OR), with no ranking and no
    MATCH_CAP, so that a list keeps its own order and pagination. A speaker also matches by
    an alias. It runs no query of its own and applies no visibility: the caller's queryset
    does (public() for the public). It names the kind's table, so it filters a queryset
    of that table's own rows, not one used as a subquery.
    """
    backend = get_backend()
    condition = Q(backend.match_condition(KINDS[kind_name], query))
    if kind_name == "speaker":
        by_alias = backend.matching_sql(ALIASES, query, "speaker_id")
        if by_alias is not None:
            sql, params = by_alias
            table = Speaker._meta.db_table
            condition |= Q(RawSQL(f'"{table}"."id" IN ({sql})', params, BooleanField()))
    return condition


def find_speakers(name: str, *, public: bool = True, limit: int = 5) -> list[SpeakerMatch]:
    """Speakers whose name or an alias is like `name`, typos allowed, best first."""
    name = name.strip()
    if not name:
        return []
    candidates = get_backend().speaker_candidates(name, CANDIDATES)
    best: dict[int, tuple[float, str]] = {}
    for choice, score, index in process.extract(
        name,
        [candidate_name for _, candidate_name in candidates],
        scorer=fuzz.WRatio,
        processor=utils.default_process,
        limit=None,
        score_cutoff=70,
    ):
        speaker_id = candidates[index][0]
        if score / 100 > best.get(speaker_id, (0.0, ""))[0]:
            best[speaker_id] = (score / 100, choice)
    visible = Speaker.objects.public() if public else Speaker.objects.all()
    speakers = visible.in_bulk(list(best))
    ranked = sorted(
        (pk for pk in best if pk in speakers), key=lambda pk: (-best[pk][0], speakers[pk].name)
    )
    return [SpeakerMatch(speakers[pk], best[pk][0], best[pk][1]) for pk in ranked[:limit]]


def _searched_rows(
    kind: SearchKind, filters: SearchFilters, public: bool, narrowed: bool
) -> QuerySet | None:
    """The kind's visible rows narrowed by the filters, with the year each counts under;
    None if a filter rules the kind out."""
    if narrowed:
        return _with_year(kind, _filtered(kind, filters, public))
    # Unnarrowed, the same rows each time: built once per process (building them was a
    # thirtieth of a rare word's search), and cloned, so that none is ever evaluated.
    return _unnarrowed(kind.name, public).all()


@functools.cache
def _unnarrowed(kind_name: str, public: bool) -> QuerySet:
    return _with_year(KINDS[kind_name], _filtered(KINDS[kind_name], SearchFilters(), public))


def _with_year(kind: SearchKind, visible: QuerySet | None) -> QuerySet | None:
    year_field = YEAR_FIELDS.get(kind.name)
    if visible is None or not year_field:
        return visible
    return visible.annotate(_year=ExtractYear(year_field))


def _filtered(kind: SearchKind, filters: SearchFilters, public: bool) -> QuerySet | None:
    """The kind's visible rows narrowed by the filters, or None if a filter rules it out."""
    visible = kind.public() if public else kind.everything()
    if filters.rating:
        if kind.name != "claim":
            return None
        visible = visible.filter(rating__slug=filters.rating)
    if filters.speaker:
        speaker_field = {"claim": "claimant", "quote": "speaker"}.get(kind.name)
        if speaker_field is None:
            return None
        speakers = Speaker.objects.public() if public else Speaker.objects.all()
        # A draft speaker's claims and quotes are not theirs to the public.
        visible = visible.filter(
            **{f"{speaker_field}__in": speakers.filter(slug=filters.speaker).values("pk")}
        )
    if filters.topic:
        if kind.name not in ("claim", "quote"):
            return None
        visible = visible.filter(topics__slug=filters.topic)
    if filters.year is not None:
        year_field = YEAR_FIELDS.get(kind.name)
        if year_field is None:
            return None
        visible = visible.filter(**{f"{year_field}__year": filters.year})
    return visible


YEAR_FIELDS = {"claim": "published_at", "quote": "said_on", "source": "published_on"}


def _hydrate(backend, query: str, page) -> list[SearchHit]:
    """The page's objects with their snippets: one statement per kind on the page, the
    snippet read with its row (it was a statement of its own)."""
    by_kind: dict[str, list[int]] = {}
    for kind, pk, _ in page:
        by_kind.setdefault(kind.name, []).append(pk)
    objects: dict[str, dict[int, Model]] = {}
    snippets: dict[str, dict[int, str]] = {}
    markers = Markers.fresh()
    for name, pks in by_kind.items():
        kind = KINDS[name]
        snippet = backend.snippet_sql(kind, query, markers)
        if snippet is None:
            objects[name], snippets[name] = {}, {}
            continue
        objects[name], snippets[name] = page_rows(kind, pks, snippet)
    return [
        SearchHit(
            kind.name,
            objects[kind.name][pk],
            score,
            highlight_html(snippets[kind.name][pk], markers),
        )
        for kind, pk, score in page
        if pk in objects[kind.name] and pk in snippets[kind.name]
    ]


# How each kind's matches count for the facets.
FACETS = {
    "claim": (
        Facet("rating", "rating_id", Rating, "label"),
        Facet("speaker", "claimant_id", Speaker, "name"),
        Facet("year", "_year"),
        Facet("topic", model=Topic, label="name"),
    ),
    "quote": (
        Facet("speaker", "speaker_id", Speaker, "name"),
        Facet("year", "_year"),
        Facet("topic", model=Topic, label="name"),
    ),
    "speaker": (),
    "source": (Facet("year", "_year"),),
}


def _label_sql(facet: Facet, *, public: bool) -> tuple[str, tuple]:
    """SQL for the rows a facet's values are labelled from: for the public, only public
    speakers (a published claim may have a draft claimant, who is then in no facet).
    Compiled once per process and database: compiling it cost more than running it."""
    key = (facet.model, facet.label, public, connection.vendor)
    if key not in _LABEL_SQL:
        model = facet.model
        rows = model.objects.public() if public and model is Speaker else model.objects.all()
        _LABEL_SQL[key] = label_sql(facet, rows)
    return _LABEL_SQL[key]


_LABEL_SQL: dict[tuple, tuple[str, tuple]] = {}


def _facets(summaries: dict[str, Summary]) -> dict[str, list[FacetValue]]:
    """Facet counts over the counted matches: by kind, rating, speaker, topic and year.

    A claim counts for its claimant and a quote for its speaker; claims and quotes count
    for each of their topics. Values with the same slug and label are one value.
    """
    facets = {
        "kind": [
            FacetValue(name, KINDS[name].plural.capitalize(), summary.total)
            for name, summary in summaries.items()
            if summary.total
        ]
    }
    tallies: dict[str, Counter] = {name: Counter() for name in ("rating", "speaker", "topic")}
    years: Counter = Counter()
    for summary in summaries.values():
        for name, value, label, count in summary.facets:
            if name == "year":
                years[value] += count
            else:
                tallies[name][value, label] += count
    for name, tally in tallies.items():
        facets[name] = _sorted_facet(tally)
    facets["year"] = sorted(
        (FacetValue(year, year, count) for year, count in years.items()),
        key=lambda facet: facet.value,
        reverse=True,
    )
    return facets


def _sorted_facet(tally) -> list[FacetValue]:
    return sorted(
        (FacetValue(value, label, count) for (value, label), count in tally.items()),
        key=lambda facet: (-facet.count, facet.label),
    )
