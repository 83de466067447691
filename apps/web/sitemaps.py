"""/sitemap.xml: every public page, and nothing that is not."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from apps.claims.models import Claim
from apps.quotes.models import Quote
from apps.sources.models import Source
from apps.speakers.models import Speaker
from apps.web import selectors


class PagesSitemap(Sitemap):
    changefreq = "daily"

    def items(self):
        return [
            "web:home",
            "web:claim-list",
            "web:quote-list",
            "web:speaker-list",
            "web:source-list",
            "web:topic-list",
            "web:correction-list",
        ]

    def location(self, name):
        return reverse(name)


class _ModelSitemap(Sitemap):
    def lastmod(self, obj):
        return obj.updated_at


class ClaimSitemap(_ModelSitemap):
    def items(self):
        return Claim.objects.public().only("slug", "updated_at").order_by("pk")


class QuoteSitemap(_ModelSitemap):
    def items(self):
        return Quote.objects.public().only("pk", "updated_at").order_by("pk")


class SpeakerSitemap(_ModelSitemap):
    def items(self):
        return Speaker.objects.public().only("slug", "updated_at").order_by("pk")


class SourceSitemap(_ModelSitemap):
    def items(self):
        return Source.objects.public().only("slug", "updated_at").order_by("pk")


class TopicSitemap(_ModelSitemap):
    def items(self):
        return (
            selectors.topics.topics_with_public_content().only("slug", "updated_at").order_by("pk")
        )


SITEMAPS = {
    "pages": PagesSitemap,
    "claims": ClaimSitemap,
    "quotes": QuoteSitemap,
    "speakers": SpeakerSitemap,
    "sources": SourceSitemap,
    "topics": TopicSitemap,
}
