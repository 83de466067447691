"""/sitemap.xml: every public page, and nothing that is not.

/sitemap.xml is an index (django.contrib.sitemaps' `index` view) of one file per kind of
page, `/sitemap-<kind>.xml`, each paged (`?p=2`) at the protocol's limit of 50,000
addresses, so that no file grows with the record: at 200,000 quotes one file of every page
was 105,427 addresses and 11.8 MB. Each file reads one page of rows (and a count); the
index reads a count and the newest change of each kind, not its rows.
"""

from django.contrib.sitemaps import Sitemap
from django.db.models import Max
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
            "web:method",
        ]

    def location(self, name):
        return reverse(name)


class _ModelSitemap(Sitemap):
    limit = 50_000  # the sitemaps protocol's most addresses in one file

    def lastmod(self, obj):
        return obj.updated_at

    def get_latest_lastmod(self):
        """For the index: the newest change among the items, by the database (Django's own
        would read every item)."""
        return self.items().aggregate(latest=Max("updated_at"))["latest"]


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
