"""Atom feeds: published claims (all of them, one speaker's, one topic's), and corrections.

Two things feed readers rely on, which Django's defaults do not give:
- Ids that never change: an entry's id is a tag: URI (RFC 4151) made from its primary key
  and the FACTBASE_TAG_AUTHORITY and FACTBASE_TAG_DATE settings (`tag_uri`), not its page
  URL, which changes with a renamed slug and with the Host header of whoever fetched it.
- Summaries that are text: Django declares every Atom summary `type="html"`, so a summary
  is escaped as HTML first (`item_description`); a note holding `<img onerror=…>` reaches
  the reader as those characters, never as markup.
"""

import time
from datetime import datetime

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.core.exceptions import ObjectDoesNotExist
from django.db.models import Max, Prefetch, Subquery
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape
from django.utils.http import http_date

from apps.claims.models import Claim
from apps.core.models import Tombstone
from apps.core.text import without_control_characters
from apps.core.versions import EPOCH
from apps.speakers.models import Speaker
from apps.topics.models import Topic
from apps.web import selectors

FEED_SIZE = 50


def _feed_items(claims):
    """The latest public claims with what an entry shows: 3 queries."""
    return (
        claims.select_related("rating")
        .prefetch_related(Prefetch("claimant", queryset=Speaker.objects.public()), "topics")
        .order_by("-published_at", "-id")[:FEED_SIZE]
    )


def tag_uri(specific: str) -> str:
    """A permanent id, `tag:<authority>,<date>:<specific>` (RFC 4151), such as
    `tag:factcheck.example.org,2026:claim/42`."""
    return f"tag:{settings.FACTBASE_TAG_AUTHORITY},{settings.FACTBASE_TAG_DATE}:{specific}"


class TextFeed(Feed):
    """A feed whose every text is fit for XML 1.0: control characters stored before they
    were refused at input (apps/core/text.py) are dropped, instead of failing the feed
    (Django's XML writer refuses them with an error, a 500 for every reader).

    Summaries (`item_description`, declared `type="html"` by Django's Atom writer) are
    escaped as HTML here, so subclasses return plain text from `item_summary`."""

    feed_type = Atom1Feed

    def item_description(self, item):
        summary = self._get_dynamic_attr("item_summary", item)
        return None if summary is None else escape(summary)

    def _get_dynamic_attr(self, attname, obj, default=None):
        # Every title, description, category and author name is read through this one
        # method of Django's Feed: the one place to clean them all.
        value = super()._get_dynamic_attr(attname, obj, default)
        if isinstance(value, str):
            return without_control_characters(value)
        if isinstance(value, list | tuple):
            return [
                without_control_characters(item) if isinstance(item, str) else item
                for item in value
            ]
        return value

    def __call__(self, request, *args, **kwargs):
        """Django's, with a `Last-Modified` that every change to what the feed shows moves
        (`last_changed`), not only its newest entry's date: Django's stays put when an
        entry leaves the feed (a retraction) or its speaker or topic is renamed, and a client asking
        `If-Modified-Since` would then be told 304 for a feed that changed. Left out while
        the change is less than a second old: a second change within the same second would
        carry the same date (HTTP dates have whole seconds)."""
        try:
            obj = self.get_object(request, *args, **kwargs)
        except ObjectDoesNotExist:
            raise Http404("Feed object does not exist.") from None
        feedgen = self.get_feed(obj, request)
        response = HttpResponse(content_type=feedgen.content_type)
        feedgen.write(response, "utf-8")
        changed = max(feedgen.latest_post_date(), self.last_changed(obj))
        if int(changed.timestamp()) < int(time.time()):
            response.headers["Last-Modified"] = http_date(changed.timestamp())
        return response

    def last_changed(self, obj) -> datetime:
        """When anything these feeds show last changed (one query): a claim on record
        (its `updated_at` moves with its rating, topics, claimant and corrections,
        apps/core/sync.py; a claim that moves to another speaker or topic moves it too),
        a claim or anything else leaving public view (its tombstone), and the feed's
        speaker or topic. Over all claims, not this feed's: cheap (both times are
        indexed), and too late a date only costs a client a 200, never a stale 304."""
        latest = Claim.objects.on_record().aggregate(
            claim=Max("updated_at"),
            removed=Max(
                Subquery(Tombstone.objects.order_by("-removed_at").values("removed_at")[:1])
            ),
        )
        times = [latest["removed"], latest["claim"], getattr(obj, "updated_at", None)]
        return max((t for t in times if t is not None), default=EPOCH)


class ClaimsFeed(TextFeed):
    def title(self):
        return f"{settings.FACTBASE_ORGANISATION_NAME}: latest fact-checks"

    def subtitle(self):
        return "Claims checked against the archived sources, newest first."

    def link(self):
        return reverse("web:claim-list")

    def author_name(self):
        return settings.FACTBASE_ORGANISATION_NAME

    def feed_guid(self):
        return tag_uri("feed/claims")

    def items(self):
        return _feed_items(Claim.objects.public())

    def item_guid(self, claim):
        return tag_uri(f"claim/{claim.pk}")

    def item_title(self, claim):
        return claim.statement

    def item_summary(self, claim):
        verdict = claim.rating.label if claim.rating else "Not rated"
        return f"{verdict}. {claim.summary}" if claim.summary else f"{verdict}."

    def item_pubdate(self, claim):
        return claim.published_at

    def item_updateddate(self, claim):
        return max(claim.published_at, claim.updated_at)

    def item_author_name(self):
        return settings.FACTBASE_ORGANISATION_NAME

    def item_categories(self, claim):
        return [topic.name for topic in claim.topics.all()]


class SpeakerClaimsFeed(ClaimsFeed):
    def get_object(self, request, slug):
        return get_object_or_404(Speaker.objects.public(), slug=slug)

    def feed_guid(self, speaker):
        return tag_uri(f"feed/speaker/{speaker.pk}")

    def title(self, speaker):
        return f"{settings.FACTBASE_ORGANISATION_NAME}: fact-checks of {speaker.name}"

    def subtitle(self, speaker):
        return f"Claims by {speaker.name}, checked against the archived sources."

    def link(self, speaker):
        return speaker.get_absolute_url()

    def items(self, speaker):
        return _feed_items(Claim.objects.public().filter(claimant=speaker))


class TopicClaimsFeed(ClaimsFeed):
    def get_object(self, request, slug):
        return get_object_or_404(Topic, slug=slug)

    def feed_guid(self, topic):
        return tag_uri(f"feed/topic/{topic.pk}")

    def title(self, topic):
        return f"{settings.FACTBASE_ORGANISATION_NAME}: fact-checks on {topic.name}"

    def subtitle(self, topic):
        return f"Claims on {topic.name}, checked against the archived sources."

    def link(self, topic):
        return topic.get_absolute_url()

    def items(self, topic):
        return _feed_items(Claim.objects.public().filter(topics=topic))


class CorrectionsFeed(TextFeed):
    """Every correction and retraction of a published fact-check, newest first."""

    def title(self):
        return f"{settings.FACTBASE_ORGANISATION_NAME}: corrections and retractions"

    def subtitle(self):
        return "Every change of substance to a published fact-check, and every retraction."

    def link(self):
        return reverse("web:correction-list")

    def author_name(self):
        return settings.FACTBASE_ORGANISATION_NAME

    def feed_guid(self):
        return tag_uri("feed/corrections")

    def items(self):
        return selectors.claims.corrections_on_record()[:FEED_SIZE]

    def item_guid(self, correction):
        return tag_uri(f"correction/{correction.pk}")

    def item_title(self, correction):
        return f"{correction.get_kind_display()}: {correction.claim.statement}"

    def item_summary(self, correction):
        return correction.note

    def item_link(self, correction):
        return correction.get_absolute_url()

    def item_pubdate(self, correction):
        return correction.created_at

    def item_author_name(self):
        return settings.FACTBASE_ORGANISATION_NAME
