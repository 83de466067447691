"""Each workload's URLs, picked from the data: the same rows for Factbase and Datasette."""

import base64
import json
import random
import time
import urllib.request
from dataclasses import dataclass, field
from urllib.parse import quote, urlencode, urlsplit

from apps.claims.models import Claim
from apps.quotes.models import Quote
from apps.sources.models import Source
from apps.speakers.models import Speaker

DATASETTE_DB = "factbase"  # the database's name in Datasette's URLs
PAGE = 20


@dataclass
class Workload:
    """A workload's URLs in the order they are asked for (index for index the same target
    on both servers); with a pool, the distinct targets and the warm-up's own order."""

    name: str
    factbase: list[str]
    datasette: list[str] = field(default_factory=list)
    queries: dict = field(default_factory=dict)
    targets: int = 0  # distinct targets (the pool); 0: the URLs are cycled in turn
    warmup_factbase: list[str] = field(default_factory=list)
    warmup_datasette: list[str] = field(default_factory=list)

    def pool_summary(self) -> dict | None:
        if not self.targets:
            return None
        return {
            "targets": self.targets,
            "requests_in_order": len(self.factbase),
            "distinct_in_first_2000": len(set(self.factbase[:2000])),
        }


def pool_workloads(*, pool: int, exponent: float, seed: int = 0, exclude_claims_by=None):
    """Every workload with a pool of up to `pool` distinct targets (fewer where the data
    has fewer: 100 speakers at 10,000 quotes), asked for in a Zipf order (pools.py)."""
    from bench.compare.pools import SEQUENCE, WARMUP_SEED_OFFSET, build_pools, ordered, zipf_order

    workloads = []
    for index, (name, (ours, theirs)) in enumerate(
        build_pools(pool=pool, exclude_claims_by=exclude_claims_by, seed=seed).items()
    ):
        order = zipf_order(len(ours), SEQUENCE, exponent=exponent, seed=seed + index)
        warm = zipf_order(
            len(ours), SEQUENCE // 4, exponent=exponent, seed=seed + index + WARMUP_SEED_OFFSET
        )
        workloads.append(
            Workload(
                name,
                ordered(ours, order),
                ordered(theirs, order) if theirs else [],
                targets=len(ours),
                warmup_factbase=ordered(ours, warm),
                warmup_datasette=ordered(theirs, warm) if theirs else [],
            )
        )
    return workloads


def _spread(queryset, count: int) -> list:
    """About `count` rows spread evenly over the primary keys (cheap at any size)."""
    high = queryset.order_by("-pk").values_list("pk", flat=True).first() or 0
    step = max(1, high // (count * 3))
    rows = list(queryset.filter(pk__in=range(1, high + 1, step)).order_by("pk"))
    random.Random(0).shuffle(rows)
    return rows[:count]


def _drf_cursor(position: str) -> str:
    """A DRF cursor (see rest_framework.pagination.CursorPagination.encode_cursor) for the
    page that starts after `position`: what a `next` link deep in the list carries."""
    return base64.b64encode(urlencode({"p": position}).encode()).decode()


def _path(url: str) -> str:
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


def build_workloads(*, sample: int = 40, words: int = 10) -> list[Workload]:
    """Every workload's URLs, taken from the data of the default database."""
    from bench.search_bench import build_workloads as search_queries

    db = f"/{DATASETTE_DB}"
    objects = "_shape=objects"
    public_quotes = Quote.objects.public()
    # Speakers as readers meet them: drawn through their quotes, so prolific ones come up
    # as often as they are quoted.
    speaker_ids = list(
        dict.fromkeys(q.speaker_id for q in _spread(public_quotes, sample * 3) if q.speaker_id)
    )[:sample]
    speakers = list(Speaker.objects.public().filter(pk__in=speaker_ids))
    claims = _spread(Claim.objects.public(), sample)
    sources = _spread(Source.objects.public(), sample)
    search = {w.name: w.queries for w in search_queries(per_kind=words)}
    common, rare = search["search: common word"], search["search: rare word"]
    sentences = search["match_claims"]

    workloads = [
        Workload(
            "speaker's quotes",
            [f"/api/v1/quotes/?speaker={s.slug}" for s in speakers],
            [
                f"{db}/quotes.json?speaker_id={s.pk}&_sort_desc=said_on&_size={PAGE}&{objects}"
                for s in speakers
            ],
        ),
        Workload(
            "claim with citations",
            [f"/api/v1/claims/{c.pk}/" for c in claims],
            [
                f"{db}/citations.json?claim_id={c.pk}&_labels=on&_size={PAGE}&{objects}"
                for c in claims
            ],
        ),
        Workload(
            "search: common word",
            [f"/api/v1/search/?{urlencode({'q': w, 'kind': 'quote'})}" for w in common],
            [
                f"{db}/quotes.json?{urlencode({'_search': w})}&_size={PAGE}&{objects}"
                for w in common
            ],
        ),
        Workload(
            "search: rare word",
            [f"/api/v1/search/?{urlencode({'q': w, 'kind': 'quote'})}" for w in rare],
            [f"{db}/quotes.json?{urlencode({'_search': w})}&_size={PAGE}&{objects}" for w in rare],
        ),
    ]
    # Deep pages: start from list positions spread over the whole list (quotes newest first),
    # then follow each server's own `next` link; those links are what the workload asks.
    starts = [q for q in _spread(public_quotes, sample // 2) if q.said_on]
    workloads.append(
        Workload(
            "deep page",
            [f"/api/v1/quotes/?cursor={quote(_drf_cursor(q.said_on.isoformat()))}" for q in starts],
            [
                f"{db}/quotes.json?_sort_desc=said_on&_size={PAGE}&{objects}"
                f"&_next={q.said_on.isoformat()},{q.pk}"
                for q in starts
            ],
        )
    )
    workloads += [
        Workload("claim page", [c.get_absolute_url() for c in claims]),
        Workload("speaker page", [s.get_absolute_url() for s in speakers]),
        Workload("source page", [s.get_absolute_url() for s in sources]),
        Workload(
            "claim matching",
            [f"/api/v1/claims/similar/?{urlencode({'text': t})}" for t in sentences],
        ),
    ]
    return workloads


def follow_next(workload: Workload, *, factbase: str, datasette: str) -> None:
    """Replace the deep-page start URLs by the `next` links each server answers for them.

    A start that a server cannot answer (Datasette interrupts a query after its time limit
    and answers 400) is dropped for both servers, so that both walk the same positions.
    """
    pairs = []
    for ours, theirs in zip(workload.factbase, workload.datasette, strict=True):
        ours_next = _next_link(factbase + ours, "next")
        theirs_next = _next_link(datasette + theirs, "next_url")
        if ours_next and theirs_next:
            pairs.append((_path(ours_next), _path(theirs_next)))
    if not pairs:
        raise RuntimeError("No deep page answered on both servers.")
    workload.factbase = [ours for ours, _ in pairs]
    workload.datasette = [theirs for _, theirs in pairs]


def _next_link(url: str, key: str, attempts: int = 3) -> str | None:
    for _ in range(attempts):
        request = urllib.request.Request(url, headers={"Accept": "application/json"})
        try:
            with urllib.request.urlopen(request, timeout=60) as response:
                return json.load(response)[key]
        except OSError:
            time.sleep(1)
    return None
