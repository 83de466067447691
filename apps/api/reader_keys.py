"""What each public API endpoint shows beyond the rows it loads (apps/ops/staleness.py;
the pages' declarations are in apps/web/reader_keys.py). A detail shows its object and what
hangs from it, kept fresh by their own keys; a list shows a set of rows of its kind."""

from apps.claims.models import Claim, Rating
from apps.core.reader_keys import every
from apps.ops.staleness import declare
from apps.quotes.models import Quote
from apps.search.selectors import shown_sets
from apps.sources.models import Publisher, Source
from apps.speakers.models import Speaker
from apps.topics.models import Topic


def _quotes_shown(request) -> list[str]:
    """A speaker's quotes: the speaker the filter loads names each of their quotes' changes
    (Quote.reader_keys), so only their own quotes make the list stale."""
    return [] if request.GET.get("speaker") else [every(Quote)]


SHOWN = {
    "claimreview": [every(Claim)],
    "search": lambda request: shown_sets(request.GET),
    "suggest": [every(model) for model in (Claim, Speaker, Topic)],
    "claim-similar": [every(Claim)],
    "speaker-list": [every(Speaker)],
    "speaker-detail": [],
    "publisher-list": [every(Publisher)],
    "publisher-detail": [],
    "source-list": [every(Source)],
    "source-detail": [],
    "source-versions": [],
    "quote-list": _quotes_shown,
    "quote-detail": [],
    "claim-list": [every(Claim)],
    "claim-detail": [],
    "topic-list": [every(Topic)],
    "topic-detail": [],
    "rating-list": [every(Rating)],
    "rating-detail": [],
    "api-root": [],
    "schema": [],
    "docs": [],
}


def declare_endpoints() -> None:
    for name, keys in SHOWN.items():
        declare(f"api:{name}", keys)
