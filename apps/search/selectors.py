"""The search service: ranked full-text search, claim matching and speaker look-up.

One interface on both databases; apps/search/backends/ holds what differs. Visibility
comes from each model's public() QuerySet method, so the public never finds a draft.
"""

from dataclasses import dataclass, field

from django.db.models import Count, Model, QuerySet
from django.db.models.functions import ExtractYear
from django.utils.safestring import SafeString
from rapidfuzz import fuzz, process, utils

from apps.claims.models import Claim
from apps.search.backends import get_backend
from apps.search.highlight import highlight_html
from apps.search.kinds import KINDS, SearchKind
from apps.speakers.models import Speaker

MAX_LIMIT = 100
MAX_OFFSET = 1000
# Claims at or above this similarity are treated as near-duplicates by editors' tools.
NEAR_DUPLICATE_SCORE = 0.8
CANDIDATES = 50


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

    Runs a handful of queries per kind searched (ranking, count, facets), whatever the
    number of matches. Only public objects are found unless `public` is False.
    """
    query = query.strip()
    limit = max(1, min(limit, MAX_LIMIT))
    offset = max(0, min(offset, MAX_OFFSET))
    if not query:
        return SearchResults(query=query, hits=[], total=0)
    backend = get_backend()
    matched: dict[str, QuerySet] = {}
    rows = []
    for kind in KINDS.values():
        if filters.kinds and kind.name not in filters.kinds:
            continue
        visible = _filtered(kind, filters, public)
        if visible is None:
            continue
        matched[kind.name] = visible.filter(pk__in=backend.matching(kind, query))
        rows.extend((kind, row) for row in backend.ranked(kind, query, visible, offset + limit))
    rows.sort(key=lambda pair: (-pair[1].score, pair[0].name, pair[1].pk))
    page = rows[offset : offset + limit]
    hits = _hydrate(page)
    counts = {name: qs.count() for name, qs in matched.items()}
    return SearchResults(
        query=query,
        hits=hits,
        total=sum(counts.values()),
        facets=_facets(matched, counts),
    )


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
        speaker_field = {"claim": "claimant__slug", "quote": "speaker__slug"}.get(kind.name)
        if speaker_field is None:
            return None
        visible = visible.filter(**{speaker_field: filters.speaker})
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


def _hydrate(page) -> list[SearchHit]:
    by_kind: dict[str, list[int]] = {}
    for kind, row in page:
        by_kind.setdefault(kind.name, []).append(row.pk)
    objects = {
        name: KINDS[name].everything().select_related(*KINDS[name].related).in_bulk(pks)
        for name, pks in by_kind.items()
    }
    return [
        SearchHit(kind.name, objects[kind.name][row.pk], row.score, highlight_html(row.snippet))
        for kind, row in page
        if row.pk in objects[kind.name]
    ]


def _facets(matched: dict[str, QuerySet], counts: dict[str, int]) -> dict[str, list[FacetValue]]:
    facets = {
        "kind": [
            FacetValue(name, KINDS[name].plural.capitalize(), count)
            for name, count in counts.items()
            if count
        ]
    }
    claims, quotes = matched.get("claim"), matched.get("quote")
    tallies: dict[str, dict[tuple[str, str], int]] = {"rating": {}, "speaker": {}, "topic": {}}
    if claims is not None:
        _tally(tallies["rating"], claims, "rating__slug", "rating__label")
        _tally(tallies["speaker"], claims, "claimant__slug", "claimant__name")
        _tally(tallies["topic"], claims, "topics__slug", "topics__name")
    if quotes is not None:
        _tally(tallies["speaker"], quotes, "speaker__slug", "speaker__name")
        _tally(tallies["topic"], quotes, "topics__slug", "topics__name")
    for name, tally in tallies.items():
        facets[name] = _sorted_facet(tally)
    years: dict[tuple[str, str], int] = {}
    for kind_name, year_field in YEAR_FIELDS.items():
        if kind_name in matched:
            rows = (
                matched[kind_name]
                .exclude(**{f"{year_field}__isnull": True})
                .annotate(year=ExtractYear(year_field))
                .values("year")
                .annotate(count=Count("pk"))
                .order_by()
            )
            for row in rows:
                key = (str(row["year"]), str(row["year"]))
                years[key] = years.get(key, 0) + row["count"]
    facets["year"] = sorted(
        (FacetValue(value, label, count) for (value, label), count in years.items()),
        key=lambda facet: facet.value,
        reverse=True,
    )
    return facets


def _tally(tally, queryset: QuerySet, value_field: str, label_field: str) -> None:
    rows = (
        queryset.exclude(**{f"{value_field}__isnull": True})
        .values(value_field, label_field)
        .annotate(count=Count("pk", distinct=True))
        .order_by()
    )
    for row in rows:
        key = (row[value_field], row[label_field])
        tally[key] = tally.get(key, 0) + row["count"]


def _sorted_facet(tally) -> list[FacetValue]:
    return sorted(
        (FacetValue(value, label, count) for (value, label), count in tally.items()),
        key=lambda facet: (-facet.count, facet.label),
    )
