"""Building a small published data set, and emptying the instance, for round-trip tests."""

import datetime

from django.utils import timezone

from apps.claims.models import Citation, Claim, Correction
from apps.quotes.models import Appearance, Quote
from apps.sources.models import Publisher, Source
from apps.speakers.models import Speaker
from apps.topics.models import Topic
from tests import factories
from tests.factories import arranged


def published_data_set() -> dict:
    """Two published claims (one with a claimant, one without), their sources, a quote with
    a translation, a correction; and drafts of every kind that must not leave the site."""
    topic = factories.TopicFactory(name="Ports", slug="ports")
    publisher = factories.PublisherFactory(
        name="Oster Daily", slug="oster-daily", home_page="https://oster.example/"
    )
    hale = factories.SpeakerFactory(
        name="Viktor Hale", slug="viktor-hale", description="Mayor of Oster", wikidata_id="Q42"
    )
    factories.SpeakerAliasFactory(speaker=hale, name="Hale")
    factories.SpeakerRoleFactory(
        speaker=hale, title="Mayor", organisation="Oster", start=datetime.date(2019, 1, 1)
    )
    council = factories.SpeakerFactory(
        name="Oster City Council",
        slug="oster-city-council",
        kind=Speaker.Kind.ORGANISATION,
        description="The city's council",
    )
    article = factories.SourceFactory(
        title="Hale defends budget",
        slug="hale-defends-budget",
        url="https://oster.example/hale",
        publisher=publisher,
        authors="Jo Writer, Al Editor",
        published_on=datetime.date(2025, 3, 4),
    )
    transcript = factories.SourceFactory(
        title="Council minutes",
        slug="council-minutes",
        url="",
        publisher=None,
        kind=Source.Kind.TRANSCRIPT,
        published_on=datetime.date(2025, 3, 1),
    )
    quote = factories.QuoteFactory(speaker=hale, text="We have never sold more grain abroad,")
    with arranged():
        quote.topics.set([topic])
    translation = factories.QuoteFactory(
        speaker=hale,
        text="Wir haben nie mehr Getreide verkauft",
        language="de",
        translation_of=quote,
    )
    factories.AppearanceFactory(quote=quote, source=article)
    now = timezone.now()
    with_claimant = factories.ClaimFactory(
        statement="Exports rose by 12% last year.",
        slug="exports-rose",
        claimant=hale,
        quote=quote,
        rating=factories.rating("mostly-false"),
        status=Claim.Status.PUBLISHED,
        published_at=now,
        summary="The ministry later said 9%.",
    )
    with arranged():
        with_claimant.topics.set([topic])
    factories.CitationFactory(
        claim=with_claimant, source=article, exact="exports rose by 12% last year"
    )
    factories.CitationFactory(
        claim=with_claimant, source=transcript, exact="exports rose by 12% last year"
    )
    factories.CitationFactory(
        claim=with_claimant,
        source=article,
        relation=Citation.Relation.CONTRADICTS,
        exact="The ministry later said exports rose by 9%.",
    )
    factories.CorrectionFactory(
        claim=with_claimant,
        date=datetime.date(2025, 3, 6),
        note="Rated after the revision.",
        rating_before=factories.rating("unproven"),
        rating_after=factories.rating("mostly-false"),
    )
    without_claimant = factories.ClaimFactory(
        statement="The council sold grain abroad.",
        slug="council-sold-grain",
        claimant=None,
        rating=factories.rating("unproven"),
        status=Claim.Status.PUBLISHED,
        published_at=now,
    )
    factories.CitationFactory(
        claim=without_claimant, source=article, exact="We have never sold more grain abroad"
    )
    drafts = {
        "speaker": factories.SpeakerFactory(status=Speaker.Status.DRAFT),
        "source": factories.SourceFactory(status=Source.Status.DRAFT),
        "quote": factories.QuoteFactory(status=Quote.Status.DRAFT, speaker=hale),
        "claim": factories.ClaimFactory(claimant=council, rating=factories.rating("true")),
    }
    drafted_claimant = factories.ClaimFactory(
        statement="Grain prices fell.",
        slug="grain-prices-fell",
        status=Claim.Status.PUBLISHED,
        published_at=now,
        claimant=drafts["speaker"],
        rating=factories.rating("false"),
    )
    return {
        "claims": [with_claimant, without_claimant, drafted_claimant],
        "translation": translation,
        "drafts": drafts,
    }


def empty_instance() -> None:
    """Delete every curated row (the rating scale stays, as in a new instance): arranged
    directly, since no door empties an instance."""
    with arranged():
        Correction.objects.all().delete()
        Citation.objects.all().delete()
        Claim.objects.all().delete()
        Appearance.objects.all().delete()
        Quote.objects.update(translation_of=None)
        Quote.objects.all().delete()
        Source.objects.all().delete()
        Publisher.objects.all().delete()
        Speaker.objects.all().delete()
        Topic.objects.all().delete()
