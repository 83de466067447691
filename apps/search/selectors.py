"""The search service: ranked full-text search, claim matching and speaker look-up.

One interface on both databases; apps/search/backends/ holds what differs. Visibility
comes from each model's public() QuerySet method, so the public never finds a draft.
"""

import heapq
import math
from collections import Counter
from dataclasses import dataclass, field

from django.db.models import BooleanField, Model, Q, QuerySet, Value
from django.db.models.expressions import RawSQL
from django.db.models.functions import ExtractYear
from django.utils.safestring import SafeString
from rapidfuzz import fuzz, process, utils

from apps.claims.models import Claim, Rating
from apps.search.backends import get_backend
from apps.search.highlight import highlight_html
from apps.search.kinds import ALIASES, KINDS, SearchKind
from apps.speakers.models import Speaker
from apps.topics.models import Topic

MAX_LIMIT = 100
MAX_OFFSET = 1000
# Claims at or above this similarity are treated as near-duplicates by editors' tools.
NEAR_DUPLICATE_SCORE = 0.8
CANDIDATES = 50
# A kind with more matches than this is counted, faceted and ranked over this many of them
# (on PostgreSQL the first found, on SQLite the best ranked): ranking, counting and
# faceting every match of a common word over a million rows would take seconds, and
# nobody reads that far down. SearchResults.capped says when it happened.
MATCH_CAP = 500


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


@dataclass(frozen=True)
class ClaimMatch:
    claim: Claim
    score: float

    @property
    def is_near_duplicate(self) -> bool:
        return self.score >= NEAR_DUPLICATE_SCORE


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

    Queries: one per kind searched (its matches, scored, with the fields the facets
    count, topics included), one for the facets' labels, then the page's objects and
    snippets by kind — however many rows match (on PostgreSQL, sources take a few more:
    see backends/postgresql.py). A kind with more than MATCH_CAP matches is counted,
    faceted and ranked over MATCH_CAP of them only (see MATCH_CAP), and so is one whose
    candidates were too many to check each (a phrase among many sources on PostgreSQL);
    `capped` then says that `total` and the facet counts are lower bounds. Only public
    objects are found unless `public` is False.
    """
    query = query.strip()
    limit = max(1, min(limit, MAX_LIMIT))
    offset = max(0, min(offset, MAX_OFFSET))
    if not query:
        return SearchResults(query=query, hits=[], total=0)
    backend = get_backend()
    matched: dict[str, list[tuple]] = {}
    capped = False
    for kind in KINDS.values():
        if filters.kinds and kind.name not in filters.kinds:
            continue
        visible = _filtered(kind, filters, public)
        if visible is None:
            continue
        year_field = YEAR_FIELDS.get(kind.name)
        if year_field:
            visible = visible.annotate(_year=ExtractYear(year_field))
        if "_topics" in FACET_FIELDS[kind.name]:
            # Read with the matches (an index look-up per match) rather than by a query of
            # their own over up to MATCH_CAP ids, which PostgreSQL runs in parallel workers
            # whose start-up took longer than the work (40 ms against 1 ms, EXPLAIN ANALYZE
            # at a million quotes).
            visible = visible.annotate(_topics=backend.topic_ids(kind.model))
        rows, complete = backend.matches(kind, query, visible, FACET_FIELDS[kind.name], MATCH_CAP)
        capped = capped or len(rows) > MATCH_CAP or not complete
        matched[kind.name] = rows[:MATCH_CAP]
    # Best first; ties by kind name, then id. Rows left unscored (see the backends) come
    # last and are never shown.
    ranked = heapq.nsmallest(
        offset + limit,
        (
            (-row[1] if row[1] is not None else math.inf, name, row[0])
            for name, rows in matched.items()
            for row in rows
        ),
    )
    page = [(KINDS[name], pk, -key) for key, name, pk in ranked[offset:] if key != math.inf]
    counts = {name: len(rows) for name, rows in matched.items()}
    return SearchResults(
        query=query,
        hits=_hydrate(backend, query, page),
        total=sum(counts.values()),
        facets=_facets(matched, counts, public=public),
        capped=capped,
    )


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


def match_claims(
    text: str, *, public: bool = True, limit: int = 5, exclude_pk: int | None = None
) -> list[ClaimMatch]:
    """The existing claims most similar to `text`, best first, each with a score in 0..1.

    Candidates come from the database (trigram and full-text indexes on PostgreSQL,
    FTS5 on SQLite); every candidate is then scored the same way on both databases:
    the mean of rapidfuzz's token-set and token-sort ratios, so that one claim's words
    inside a longer sentence score high, but not as high as the same sentence.
    """
    text = text.strip()
    if not text:
        return []
    visible = Claim.objects.public() if public else Claim.objects.all()
    if exclude_pk is not None:
        visible = visible.exclude(pk=exclude_pk)
    candidates = get_backend().claim_candidates(text, visible, CANDIDATES)
    scored = sorted(
        ((_claim_similarity(text, statement), pk) for pk, statement in candidates),
        key=lambda pair: (-pair[0], pair[1]),
    )[:limit]
    claims = Claim.objects.select_related("claimant", "rating").in_bulk([pk for _, pk in scored])
    return [ClaimMatch(claims[pk], round(score, 4)) for score, pk in scored if pk in claims]


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


def _claim_similarity(text: str, statement: str) -> float:
    options = {"processor": utils.default_process}
    set_ratio = fuzz.token_set_ratio(text, statement, **options)
    sort_ratio = fuzz.token_sort_ratio(text, statement, **options)
    return (set_ratio + sort_ratio) / 200


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
    by_kind: dict[str, list[int]] = {}
    for kind, pk, _ in page:
        by_kind.setdefault(kind.name, []).append(pk)
    objects, snippets = {}, {}
    for name, pks in by_kind.items():
        kind = KINDS[name]
        objects[name] = kind.everything().select_related(*kind.related).in_bulk(pks)
        snippets[name] = backend.snippets(kind, query, pks)
    return [
        SearchHit(kind.name, objects[kind.name][pk], score, highlight_html(snippets[kind.name][pk]))
        for kind, pk, score in page
        if pk in objects[kind.name] and pk in snippets[kind.name]
    ]


# The columns each kind's facets count, fetched with its matches: (field, facet).
FACET_FIELDS = {
    "claim": ("rating_id", "claimant_id", "_year", "_topics"),
    "quote": ("speaker_id", "_year", "_topics"),
    "speaker": (),
    "source": ("_year",),
}


def _facets(
    matched: dict[str, list[tuple]], counts: dict[str, int], *, public: bool
) -> dict[str, list[FacetValue]]:
    """Facet counts over the matched rows: by kind, rating, speaker, topic and year.

    Each kind's rows are (pk, score, *FACET_FIELDS[kind]). A claim counts for its claimant
    and a quote for its speaker; claims and quotes count for each of their topics. For the
    public, a claimant who is not public is in no facet (a published claim may have a
    draft claimant; a public quote never has a draft speaker).
    """
    facets = {
        "kind": [
            FacetValue(name, KINDS[name].plural.capitalize(), count)
            for name, count in counts.items()
            if count
        ]
    }
    claims, quotes = matched.get("claim", []), matched.get("quote", [])
    ratings = Counter(row[2] for row in claims if row[2] is not None)
    speakers = Counter(row[3] for row in claims if row[3] is not None)
    speakers.update(row[2] for row in quotes if row[2] is not None)
    # Each claim and quote counts once for each of its topics (row[-1]: their ids).
    topics = Counter(topic for row in (*claims, *quotes) for topic in set(row[-1] or ()))
    labels = _labels({Rating: ratings, Speaker: speakers, Topic: topics}, public=public)
    for name, tally in (("rating", ratings), ("speaker", speakers), ("topic", topics)):
        merged: Counter = Counter()
        for pk, count in tally.items():
            if pk in labels[name]:
                merged[labels[name][pk]] += count
        facets[name] = _sorted_facet(merged)
    years: Counter = Counter()
    for name, position in (("claim", 4), ("quote", 3), ("source", 2)):
        years.update(str(int(row[position])) for row in matched.get(name, []) if row[position])
    facets["year"] = sorted(
        (FacetValue(year, year, count) for year, count in years.items()),
        key=lambda facet: facet.value,
        reverse=True,
    )
    return facets


def _labels(wanted: dict, *, public: bool) -> dict[str, dict[int, tuple[str, str]]]:
    """{"rating"|"speaker"|"topic": {pk: (slug, label)}} for these pks, in one query; for
    the public, only public speakers get one (a value without a label is left out)."""
    label = {Rating: "label", Speaker: "name", Topic: "name"}
    backend = get_backend()
    querysets = [
        (model.objects.public() if public and model is Speaker else model.objects.all())
        .filter(backend.one_of(f'"{model._meta.db_table}"."id"', list(pks)))
        .annotate(_model=Value(model._meta.model_name))
        .values_list("_model", "pk", "slug", label[model])
        .order_by()
        for model, pks in wanted.items()
        if pks
    ]
    labels: dict[str, dict[int, tuple[str, str]]] = {"rating": {}, "speaker": {}, "topic": {}}
    if querysets:
        for name, pk, slug, text in querysets[0].union(*querysets[1:], all=True):
            labels[name][pk] = (slug, text)
    return labels


def _sorted_facet(tally) -> list[FacetValue]:
    return sorted(
        (FacetValue(value, label, count) for (value, label), count in tally.items()),
        key=lambda facet: (-facet.count, facet.label),
    )
