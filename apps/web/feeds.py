"""Atom feeds: published claims (all of them, one speaker's, one topic's), and corrections."""

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed

from apps.claims.models import Claim
from apps.core.text import without_control_characters
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


class TextFeed(Feed):
    """A feed whose every text is fit for XML 1.0: control characters stored before they
    were refused at input (apps/core/text.py) are dropped, instead of failing the feed
    (Django's XML writer refuses them with an error, a 500 for every reader)."""

    feed_type = Atom1Feed

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


class ClaimsFeed(TextFeed):
    def title(self):
        return f"{settings.FACTBASE_ORGANISATION_NAME}: latest fact-checks"

    def subtitle(self):
        return "Claims checked against the archived sources, newest first."

    def link(self):
        return reverse("web:claim-list")

    def author_name(self):
        return settings.FACTBASE_ORGANISATION_NAME

    def items(self):
        return _feed_items(Claim.objects.public())

    def item_title(self, claim):
        return claim.statement

    def item_description(self, claim):
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

    def items(self):
        return selectors.claims.corrections_on_record()[:FEED_SIZE]

    def item_title(self, correction):
        return f"{correction.get_kind_display()}: {correction.claim.statement}"

    def item_description(self, correction):
        return correction.note

    def item_link(self, correction):
        return correction.get_absolute_url()

    def item_pubdate(self, correction):
        return correction.created_at

    def item_author_name(self):
        return settings.FACTBASE_ORGANISATION_NAME
