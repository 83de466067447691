"""factory_boy factories for every curated model. Tests build their own data with these."""

import datetime

import factory
from django.contrib.auth import get_user_model

from apps.claims.models import Citation, Claim, Correction, Rating
from apps.quotes.models import Appearance, Quote
from apps.sources.models import Publisher, Source
from apps.speakers.models import Speaker, SpeakerAlias, SpeakerRole
from apps.topics.models import Topic

ARTICLE_TEXT = (
    "Speaking at the forum, the minister said that exports rose by 12% last year. "
    '"We have never sold more grain abroad," she said. Critics called the figure '
    '"a fantasy." The ministry later said exports rose by 9%.'
)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"editor{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.org")
    password = factory.django.Password("correct horse battery staple")


class TopicFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Topic

    name = factory.Sequence(lambda n: f"Topic {n}")
    slug = factory.Sequence(lambda n: f"topic-{n}")


class SpeakerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Speaker

    name = factory.Sequence(lambda n: f"Speaker {n}")
    slug = factory.Sequence(lambda n: f"speaker-{n}")
    description = "Minister of Agriculture"


class SpeakerAliasFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SpeakerAlias

    speaker = factory.SubFactory(SpeakerFactory)
    name = factory.Sequence(lambda n: f"Alias {n}")


class SpeakerRoleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SpeakerRole

    speaker = factory.SubFactory(SpeakerFactory)
    title = "Minister of Agriculture"


class PublisherFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Publisher

    name = factory.Sequence(lambda n: f"Publisher {n}")
    slug = factory.Sequence(lambda n: f"publisher-{n}")


class SourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Source

    title = factory.Sequence(lambda n: f"Source {n}")
    slug = factory.Sequence(lambda n: f"source-{n}")
    publisher = factory.SubFactory(PublisherFactory)
    text = ARTICLE_TEXT


class QuoteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Quote

    text = "We have never sold more grain abroad,"
    speaker = factory.SubFactory(SpeakerFactory)
    status = Quote.Status.CONFIRMED


class AppearanceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Appearance

    quote = factory.SubFactory(QuoteFactory)
    source = factory.SubFactory(SourceFactory)


def rating(slug: str) -> Rating:
    """A rating of the default scale, which the data migration installs."""
    return Rating.objects.get(slug=slug)


class ClaimFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Claim

    statement = factory.Sequence(lambda n: f"Exports rose by 12% last year ({n}).")
    slug = factory.Sequence(lambda n: f"claim-{n}")
    claimant = factory.SubFactory(SpeakerFactory)


class CitationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Citation

    claim = factory.SubFactory(ClaimFactory)
    source = factory.SubFactory(SourceFactory)
    relation = Citation.Relation.STATES
    exact = "exports rose by 12% last year"


class CorrectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Correction

    claim = factory.SubFactory(ClaimFactory)
    date = factory.Faker("date_object")
    note = "The rating was changed after the ministry revised its figure."


class PublishedClaimFactory(ClaimFactory):
    """A claim readers can see: published, with a verdict and a publication date."""

    status = Claim.Status.PUBLISHED
    published_at = factory.Faker("date_time_this_year", tzinfo=datetime.UTC)
    rating = factory.LazyFunction(lambda: rating("true"))
