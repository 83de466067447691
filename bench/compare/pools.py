"""Long-tail traffic: per workload a pool of thousands of distinct targets, asked for in a
Zipf-skewed order (a few hot, a long tail), the same targets and order on both servers.

Readers do not cycle through 40 pages: a few pages are asked for again and again, most
once in a while, and a first visit to a page is the common case, not the exception.
`zipf_order` draws the order (the target of rank r, from 0, is asked for in proportion to
1/(r+1)^s); `build_pools` takes the targets from the data, the hottest first:

- a speaker's quotes, speaker pages: public speakers ranked by how many public quotes they
  have (readers meet speakers through their quotes; the most quoted are the hot ones);
- one claim, claim pages, claim matching: public claims spread over the ids, in a seeded
  random rank (claim matching: each statement as an editor might retype it);
- source pages: public sources spread over the ids, in a seeded random rank;
- search: words of the vocabulary `generate_data` draws its text from (bench/vocabulary.py,
  seed 0), in its frequency order: the most frequent words past PostgreSQL's stop words
  for "common word", the rarest end of it for "rare word";
- deep page: positions spread over the whole list of quotes newest first, each asked for
  directly (the page after that position: a DRF cursor for Factbase, `_next` for
  Datasette), in a seeded random rank.

No Django here but what `build_pools` reads; `zipf_order` needs nothing.
"""

import random
from urllib.parse import quote, urlencode

from bench.vocabulary import zipf_weights

DEFAULT_POOL = 2000
DEFAULT_EXPONENT = 1.0
# Requests in each workload's order: more than a run answers at this machine's rates (wrk
# goes round again from the start if a run gets through them all).
SEQUENCE = 20_000
# The warm-up draws its own order from the same distribution (another seed): replaying the
# start of the measured order would hand the measured run hits it has not earned.
WARMUP_SEED_OFFSET = 1_000


def zipf_order(count: int, length: int, *, exponent: float = DEFAULT_EXPONENT, seed: int = 0):
    """`length` indexes in range(count), index r drawn with probability ∝ 1/(r+1)^exponent
    (exponent 0: uniform), from a generator seeded with `seed`: the same order every time."""
    if count < 1:
        return []
    weights = zipf_weights(count, exponent)
    return random.Random(seed).choices(range(count), cum_weights=weights, k=length)


def ordered(targets: list, order: list[int]) -> list:
    return [targets[index] for index in order]


def distinct_share(order: list[int]) -> float:
    """How many of the requests ask for a target not asked for before in the order."""
    return len(set(order)) / len(order) if order else 0.0


def _ranked_speakers(pool: int) -> list:
    from django.db.models import Count

    from apps.quotes.models import Quote
    from apps.speakers.models import Speaker

    counted = (
        Quote.objects.public()
        .filter(speaker__isnull=False)
        .values("speaker_id")
        .annotate(quotes=Count("id"))
        .order_by("-quotes", "speaker_id")[:pool]
    )
    ids = [row["speaker_id"] for row in counted]
    by_id = Speaker.objects.public().in_bulk(ids)
    return [by_id[pk] for pk in ids if pk in by_id]


def _spread(queryset, count: int, seed: int) -> list:
    """About `count` rows spread over the primary keys, in a seeded random order."""
    high = queryset.order_by("-pk").values_list("pk", flat=True).first() or 0
    step = max(1, high // (count * 2))
    rows = list(queryset.filter(pk__in=range(1, high + 1, step)).order_by("pk"))
    random.Random(seed).shuffle(rows)
    return rows[:count]


def vocabulary_words(pool: int) -> tuple[list[str], list[str]]:
    """(common, rare): the `pool` most frequent words of generate_data's vocabulary that a
    search keeps (no PostgreSQL stop word, three letters or more), most frequent first, and
    its `pool` rarest words, least rare first."""
    from bench.search_bench import _stop_words
    from bench.vocabulary import Vocabulary

    ranked = Vocabulary(random.Random(0)).ranked  # what generate_data's seed 0 draws from
    stop = _stop_words(ranked[:3000])
    common = [word for word in ranked if word not in stop and len(word) > 2][:pool]
    rare = [word for word in ranked[-pool:] if len(word) > 2]
    return common, rare


def perturbed_statements(statements: list[str], replacements: list[str], seed: int) -> list[str]:
    from bench.search_bench import _perturbed

    rng = random.Random(seed)
    return [_perturbed(statement, rng, replacements) for statement in statements]


def build_pools(*, pool: int, exclude_claims_by: list[int] | None = None, seed: int = 0) -> dict:
    """Each workload's targets, hottest first: {name: (factbase paths, datasette paths)}.
    `exclude_claims_by`: users whose claims stay out (the writers' own, which the
    Datasette export does not hold)."""
    from apps.claims.models import Claim
    from apps.quotes.models import Quote
    from apps.sources.models import Source
    from bench.compare.workloads import DATASETTE_DB, PAGE, _drf_cursor

    db, objects = f"/{DATASETTE_DB}", "_shape=objects"
    speakers = _ranked_speakers(pool)
    public_claims = Claim.objects.public()
    if exclude_claims_by:
        public_claims = public_claims.exclude(created_by__in=exclude_claims_by)
    claims = _spread(public_claims, pool, seed)
    sources = _spread(Source.objects.public(), pool, seed + 1)
    positions = [q for q in _spread(Quote.objects.public(), pool, seed + 2) if q.said_on]
    common, rare = vocabulary_words(pool)
    sentences = perturbed_statements([c.statement for c in claims], common[:50], seed + 3)

    def search(words: list[str]):
        return (
            [f"/api/v1/search/?{urlencode({'q': w, 'kind': 'quote'})}" for w in words],
            [f"{db}/quotes.json?{urlencode({'_search': w})}&_size={PAGE}&{objects}" for w in words],
        )

    return {
        "speaker's quotes": (
            [f"/api/v1/quotes/?speaker={s.slug}" for s in speakers],
            [
                f"{db}/quotes.json?speaker_id={s.pk}&_sort_desc=said_on&_size={PAGE}&{objects}"
                for s in speakers
            ],
        ),
        "claim with citations": (
            [f"/api/v1/claims/{c.pk}/" for c in claims],
            [
                f"{db}/citations.json?claim_id={c.pk}&_labels=on&_size={PAGE}&{objects}"
                for c in claims
            ],
        ),
        "search: common word": search(common),
        "search: rare word": search(rare),
        "deep page": (
            [
                f"/api/v1/quotes/?cursor={quote(_drf_cursor(q.said_on.isoformat()))}"
                for q in positions
            ],
            [
                f"{db}/quotes.json?_sort_desc=said_on&_size={PAGE}&{objects}"
                f"&_next={q.said_on.isoformat()},{q.pk}"
                for q in positions
            ],
        ),
        "claim page": ([c.get_absolute_url() for c in claims], []),
        "speaker page": ([s.get_absolute_url() for s in speakers], []),
        "source page": ([s.get_absolute_url() for s in sources], []),
        "claim matching": (
            [f"/api/v1/claims/similar/?{urlencode({'text': t})}" for t in sentences],
            [],
        ),
    }
