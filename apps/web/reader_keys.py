"""What each public page shows beyond the rows it loads: the sets of rows whose change can
change it (apps/ops/staleness.py). A page that loads its object and shows only that object
and what hangs from it declares nothing more: its rows' keys, noted as they load, and the
keys their writes name (a quote's change names its speaker's page) keep it fresh. A page
not listed here depends on every visible write."""

from apps.claims.models import Claim, Correction, Rating
from apps.core.reader_keys import every
from apps.ops.staleness import declare
from apps.quotes.models import Quote
from apps.search.selectors import shown_sets
from apps.sources.models import Source
from apps.speakers.models import Speaker
from apps.topics.models import Topic

EVERY_KIND = [every(model) for model in (Claim, Quote, Speaker, Source, Topic)]

SHOWN = {
    "home": [every(Claim), every(Quote), every(Speaker), every(Source)],
    "claim-list": [every(Claim)],
    # Related claims share a topic with the claim: a claim's change names its topics'
    # keys, which the page noted as it loaded its topics. Similar claims are its kept
    # neighbours, whose finding names the pages whose neighbours changed
    # (apps/claims/matching/neighbours.py); a page that matches on the visit, its
    # neighbours not found yet, notes every claim (selectors.claims.similar_claims).
    "claim-detail": [],
    "claim-card": [],
    "claim-embed": [],
    "quote-list": [every(Quote)],
    "quote-detail": [],
    "speaker-list": [every(Speaker)],
    "speaker-detail": [],
    "source-list": [every(Source)],
    "source-detail": [],
    "source-text": [],
    "source-versions": [],
    "source-version": [],
    "source-version-text": [],
    "topic-list": [every(Topic)],
    "topic-detail": [],
    "search": lambda request: shown_sets(request.GET),
    "correction-list": [every(Correction)],
    "method": [every(Rating)],
    "feed-claims": [every(Claim)],
    "feed-corrections": [every(Correction)],
    # A speaker's or topic's claims: each claim's change names its claimant and topics.
    "feed-speaker": [],
    "feed-topic": [],
    "robots": [],
}


def declare_pages() -> None:
    for name, keys in SHOWN.items():
        declare(f"web:{name}", keys)
    for name in ("sitemap", "sitemap-section"):
        declare(name, EVERY_KIND)
