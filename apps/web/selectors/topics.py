"""The public reads of topics: those with public content, with capped counts, and a
topic's latest claims and quotes."""

from django.db.models import Exists, OuterRef, QuerySet

from apps.claims.models import Claim
from apps.quotes.models import Quote
from apps.topics.models import Topic
from apps.web import limits
from apps.web.selectors.claims import claim_cards
from apps.web.selectors.counts import CountOf
from apps.web.selectors.quotes import quote_cards


def topics_with_public_content() -> QuerySet:
    """Topics that at least one public claim or quote is filed under: 1 query."""
    return Topic.objects.filter(
        Exists(Claim.objects.public().filter(topics=OuterRef("pk")))
        | Exists(Quote.objects.public().filter(topics=OuterRef("pk")))
    ).order_by("name")


def topics_with_counts() -> QuerySet:
    """Topics with public content, each with its numbers of public claims and quotes, counted
    up to limits.TOPIC_COUNT_CAP + 1 (more shows as "100+"): 1 query."""
    return topics_with_public_content().annotate(
        public_claim_count=CountOf(
            Claim.objects.public()
            .filter(topics=OuterRef("pk"))
            .order_by()
            .values("pk")[: limits.TOPIC_COUNT_CAP + 1]
        ),
        public_quote_count=CountOf(
            Quote.objects.public()
            .filter(topics=OuterRef("pk"))
            .order_by()
            .values("pk")[: limits.TOPIC_COUNT_CAP + 1]
        ),
    )


def topic_claims(topic: Topic) -> list[Claim]:
    """The topic's latest public claims: 2 queries (rows, claimants)."""
    return list(
        claim_cards(Claim.objects.public().filter(topics=topic))[: limits.DETAIL_LIST_LIMIT]
    )


def topic_quotes(topic: Topic) -> list[Quote]:
    """The topic's latest public quotes: 1 query."""
    return list(
        quote_cards(Quote.objects.public().filter(topics=topic))[: limits.DETAIL_LIST_LIMIT]
    )
