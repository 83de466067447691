"""The /search/ page's half of search: reading the query string and preparing what it shows.

Ranking, snippets and facet counts come from the search service (`apps.search`); this
module turns a reader's query string into its filters, ignoring with a message any value
that cannot be one (a 400 would stop a reader who edited an address by hand; a 500 must
never happen), and builds the links that add or remove each filter.
"""

import re
from dataclasses import dataclass, field, replace
from urllib.parse import urlencode

from django.http import QueryDict
from django.urls import reverse
from django.utils.text import Truncator

from apps.claims.models import Rating
from apps.search.kinds import KINDS
from apps.search.selectors import (
    MAX_OFFSET,
    SearchFilters,
    SearchHit,
    SearchResults,
    search,
    search_forgiving,
)
from apps.speakers.models import Speaker
from apps.topics.models import Topic

PAGE_SIZE = 20
# Longer input is cut: nobody types more, and every word costs the database work.
MAX_QUERY_LENGTH = 300
# The facet values shown per group, most frequent first; an active value is always shown.
FACET_LIMIT = 10
FILTERS = ("kind", "rating", "speaker", "topic", "year")
FACET_TITLES = {
    "kind": "Kind",
    "rating": "Verdict",
    "speaker": "Speaker",
    "topic": "Topic",
    "year": "Year",
}
_SLUG = re.compile(r"[-\w]+")
_YEAR = re.compile(r"[0-9]{1,4}")


def _shown(value: str) -> str:
    return Truncator(value).chars(40)


@dataclass(frozen=True)
class SearchQuery:
    """What the reader asked for: the words, one value per filter, and where to start."""

    q: str = ""
    kind: str = ""
    rating: str = ""
    speaker: str = ""
    topic: str = ""
    year: str = ""
    offset: int = 0
    # True (`exact=1`) to search for the words as typed, never corrected.
    exact: bool = False
    # Messages about input that was left out, for the page to show.
    problems: tuple[str, ...] = ()

    @classmethod
    def from_query(cls, query: QueryDict) -> "SearchQuery":
        problems = []

        def read(name: str) -> str:
            # NUL characters cannot reach PostgreSQL; nobody types them on purpose.
            return query.get(name, "").replace("\x00", "").strip()

        q = read("q")
        if len(q) > MAX_QUERY_LENGTH:
            q = q[:MAX_QUERY_LENGTH].strip()
            problems.append(f"Only the first {MAX_QUERY_LENGTH} characters were searched for.")
        values = {}
        kind = read("kind")
        if kind and kind not in KINDS:
            problems.append(f"“{_shown(kind)}” is not a kind of result, so every kind is shown.")
            kind = ""
        for name in ("rating", "speaker", "topic"):
            value = read(name)
            if value and not _SLUG.fullmatch(value):
                title = FACET_TITLES[name].lower()
                problems.append(f"“{_shown(value)}” is not a {title}, so every {title} is shown.")
                value = ""
            values[name] = value
        year = read("year")
        if year and not (_YEAR.fullmatch(year) and int(year) > 0):
            problems.append(f"“{_shown(year)}” is not a year, so every year is shown.")
            year = ""
        offset_text = read("offset")
        offset = 0
        if offset_text:
            if offset_text.isascii() and offset_text.isdigit():
                # The search service goes no deeper than MAX_OFFSET results.
                offset = min(int(offset_text), MAX_OFFSET)
            else:
                problems.append(
                    f"“{_shown(offset_text)}” is not a position in the results, "
                    "so they are shown from the first."
                )
        exact = read("exact") == "1"
        return cls(
            q=q,
            kind=kind,
            year=year,
            offset=offset,
            exact=exact,
            problems=tuple(problems),
            **values,
        )

    @property
    def filters(self) -> SearchFilters:
        return SearchFilters(
            kinds=(self.kind,) if self.kind else (),
            rating=self.rating,
            speaker=self.speaker,
            topic=self.topic,
            year=int(self.year) if self.year else None,
        )

    @property
    def active(self) -> list[tuple[str, str]]:
        """(filter, value) for every filter in use, in the page's order."""
        return [(name, getattr(self, name)) for name in FILTERS if getattr(self, name)]

    def url(self, **changes) -> str:
        """This search's address with `changes` (a filter set to "" is removed).

        Changing anything but the offset starts again at the first result.
        """
        if "offset" not in changes:
            changes["offset"] = 0
        changed = replace(self, **changes)
        params = [(name, getattr(changed, name)) for name in ("q", *FILTERS)]
        params.append(("exact", "1" if changed.exact else ""))
        params.append(("offset", str(changed.offset) if changed.offset else ""))
        return f"{reverse('web:search')}?{urlencode([(k, v) for k, v in params if v])}"


@dataclass(frozen=True)
class FacetLink:
    label: str
    count: int
    url: str  # adds this value, or removes it when active
    active: bool


@dataclass(frozen=True)
class FacetGroup:
    name: str
    title: str
    links: list[FacetLink]


@dataclass(frozen=True)
class ActiveFilter:
    title: str
    label: str
    remove_url: str


@dataclass(frozen=True)
class ResultItem:
    hit: SearchHit
    kind_label: str
    # A claim's claimant, or None when there is none or it is not public.
    claimant: Speaker | None = None

    @property
    def object(self):
        return self.hit.object


@dataclass(frozen=True)
class SearchPage:
    query: SearchQuery
    items: list[ResultItem] = field(default_factory=list)
    total: int = 0
    # True when the search service stopped counting (SearchResults.capped): `total` is
    # then a lower bound, shown as "900+".
    capped: bool = False
    facets: list[FacetGroup] = field(default_factory=list)
    active: list[ActiveFilter] = field(default_factory=list)
    clear_url: str = ""
    previous_url: str = ""
    next_url: str = ""
    # The query searched for instead of the reader's, whose words matched nothing as typed
    # (SearchResults.corrected_query), and the link that searches for them as typed.
    corrected_query: str = ""
    exact_url: str = ""

    @property
    def searched(self) -> str:
        """The words the results are for: the corrected query, or the reader's."""
        return self.corrected_query or self.query.q

    @property
    def total_shown(self) -> str:
        """The number of results as the page says it: "900+" when there are more."""
        return f"{self.total}+" if self.capped else str(self.total)

    @property
    def first(self) -> int:
        return self.query.offset + 1

    @property
    def last(self) -> int:
        return self.query.offset + len(self.items)

    @property
    def is_partial(self) -> bool:
        """Whether this page shows only some of the results."""
        return self.query.offset > 0 or self.total > len(self.items)

    @property
    def first_page_url(self) -> str:
        return self.query.url()


def search_page(query: SearchQuery) -> SearchPage:
    """One page of public results with its facets and links.

    Queries: none without words; otherwise the search service's (one per kind, which
    ranks, counts and facets its matches, and the hits by kind; when nothing matches the
    words as typed, those of correcting them and searching again: see search_forgiving),
    +1 to check that a speaker filter names a public speaker, +1 to keep draft claimants
    off the page (a published claim may have a draft claimant; the service already leaves
    them out of the speaker facet), and +1 for each active filter that no facet names.
    `exact` searches for the words as typed only.
    """
    if not query.q:
        return SearchPage(query=query)
    if query.speaker and not Speaker.objects.public().filter(slug=query.speaker).exists():
        # As on the claim list: a draft speaker's claims are not theirs to the public.
        results = SearchResults(query=query.q, hits=[], total=0)
    else:
        find = search if query.exact else search_forgiving
        results = find(query.q, filters=query.filters, limit=PAGE_SIZE, offset=query.offset)
    public_ids = _public_claimants(results)
    items = [
        ResultItem(
            hit=hit,
            kind_label=str(KINDS[hit.kind].model._meta.verbose_name).capitalize(),
            claimant=(
                hit.object.claimant
                if hit.kind == "claim" and hit.object.claimant_id in public_ids
                else None
            ),
        )
        for hit in results.hits
    ]
    facets = _facet_groups(query, results)
    labels = {group.name: link.label for group in facets for link in group.links if link.active}
    missing = {name: value for name, value in query.active if name not in labels}
    labels.update(_filter_labels(missing))
    active = [
        ActiveFilter(
            title=FACET_TITLES[name], label=labels[name], remove_url=query.url(**{name: ""})
        )
        for name, _ in query.active
    ]
    next_offset = query.offset + PAGE_SIZE
    return SearchPage(
        query=query,
        items=items,
        total=results.total,
        capped=results.capped,
        corrected_query=results.corrected_query,
        exact_url=query.url(exact=True) if results.corrected_query else "",
        facets=facets,
        active=active,
        clear_url=query.url(**dict.fromkeys(FILTERS, "")),
        previous_url=(
            query.url(offset=max(0, query.offset - PAGE_SIZE)) if query.offset > 0 else ""
        ),
        next_url=(
            query.url(offset=next_offset)
            if next_offset < results.total and next_offset <= MAX_OFFSET
            else ""
        ),
    )


def _public_claimants(results: SearchResults) -> set[int]:
    """The ids of the hits' claimants that are public."""
    claimant_ids = {
        hit.object.claimant_id
        for hit in results.hits
        if hit.kind == "claim" and hit.object.claimant_id
    }
    if not claimant_ids:
        return set()
    return set(Speaker.objects.public().filter(pk__in=claimant_ids).values_list("pk", flat=True))


def _filter_labels(missing: dict[str, str]) -> dict[str, str]:
    """Labels for active filters that no facet names (when nothing matches them): a query
    for each of verdict, speaker and topic among them; the slug itself if none is found."""
    labels = dict(missing)
    if "kind" in missing:
        labels["kind"] = str(KINDS[missing["kind"]].plural).capitalize()
    for name, queryset, field_name in (
        ("rating", Rating.objects.all(), "label"),
        ("speaker", Speaker.objects.public(), "name"),
        ("topic", Topic.objects.all(), "name"),
    ):
        if name in missing:
            found = queryset.filter(slug=missing[name]).values_list(field_name, flat=True)
            labels[name] = next(iter(found), missing[name])
    return labels


def _facet_groups(query: SearchQuery, results: SearchResults) -> list[FacetGroup]:
    groups = []
    for name in FILTERS:
        values = results.facets.get(name, [])
        current = getattr(query, name)
        shown = values[:FACET_LIMIT] + [
            facet for facet in values[FACET_LIMIT:] if facet.value == current
        ]
        links = [
            FacetLink(
                label=facet.label,
                count=facet.count,
                url=query.url(**{name: "" if facet.value == current else facet.value}),
                active=facet.value == current,
            )
            for facet in shown
        ]
        if links:
            groups.append(FacetGroup(name=name, title=FACET_TITLES[name], links=links))
    return groups
