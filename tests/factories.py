"""factory_boy factories for every curated model. Tests build their own data with these.

Factories arrange a test's data directly, outside the services (apps/core/writes.py's
`unguarded`): they may build states the services would refuse, such as a published claim
with no citation, which is what a test of a refusal needs. Passages are anchored as the
passage services would anchor them.
"""

import datetime

import factory
from django.contrib.auth import get_user_model

from apps.claims.models import Citation, Claim, ClaimRevision, Correction, Rating
from apps.core.writes import unguarded
from apps.ingest.models import ClaimReviewOrigin, QuoteProposal
from apps.quotes.models import Appearance, Quote
from apps.sources.models import Publisher, Source
from apps.speakers.models import Speaker, SpeakerAlias, SpeakerRole
from apps.topics.models import Topic

ARTICLE_TEXT = (
    "Speaking at the forum, the minister said that exports rose by 12% last year. "
    '"We have never sold more grain abroad," she said. Critics called the figure '
    '"a fantasy." The ministry later said exports rose by 9%.'
)


class CuratedFactory(factory.django.DjangoModelFactory):
    """Writes its rows past the write guard: arranging a test is not a door."""

    class Meta:
        abstract = True

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        with unguarded("test data arranged by a factory"):
            return super()._create(model_class, *args, **kwargs)

    @classmethod
    def _after_postgeneration(cls, instance, create, results=None):
        with unguarded("test data arranged by a factory"):
            super()._after_postgeneration(instance, create, results)


class PassageFactory(CuratedFactory):
    """A passage, anchored in its source as `passage_save` anchors it."""

    class Meta:
        abstract = True

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        passage = model_class(*args, **kwargs)
        if not passage.exact.strip():
            passage.exact = passage.default_passage()
        passage.anchor()
        with unguarded("test data arranged by a factory"):
            passage.save()
        return passage


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"editor{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.org")
    password = factory.django.Password("correct horse battery staple")


class TopicFactory(CuratedFactory):
    class Meta:
        model = Topic

    name = factory.Sequence(lambda n: f"Topic {n}")
    slug = factory.Sequence(lambda n: f"topic-{n}")


class SpeakerFactory(CuratedFactory):
    class Meta:
        model = Speaker

    name = factory.Sequence(lambda n: f"Speaker {n}")
    slug = factory.Sequence(lambda n: f"speaker-{n}")
    description = "Minister of Agriculture"


class SpeakerAliasFactory(CuratedFactory):
    class Meta:
        model = SpeakerAlias

    speaker = factory.SubFactory(SpeakerFactory)
    name = factory.Sequence(lambda n: f"Alias {n}")


class SpeakerRoleFactory(CuratedFactory):
    class Meta:
        model = SpeakerRole

    speaker = factory.SubFactory(SpeakerFactory)
    title = "Minister of Agriculture"


class PublisherFactory(CuratedFactory):
    class Meta:
        model = Publisher

    name = factory.Sequence(lambda n: f"Publisher {n}")
    slug = factory.Sequence(lambda n: f"publisher-{n}")


class SourceFactory(CuratedFactory):
    class Meta:
        model = Source

    title = factory.Sequence(lambda n: f"Source {n}")
    slug = factory.Sequence(lambda n: f"source-{n}")
    publisher = factory.SubFactory(PublisherFactory)
    text = ARTICLE_TEXT


class QuoteFactory(CuratedFactory):
    class Meta:
        model = Quote

    text = "We have never sold more grain abroad,"
    speaker = factory.SubFactory(SpeakerFactory)
    status = Quote.Status.CONFIRMED


class AppearanceFactory(PassageFactory):
    class Meta:
        model = Appearance

    quote = factory.SubFactory(QuoteFactory)
    source = factory.SubFactory(SourceFactory)


def rating(slug: str) -> Rating:
    """A rating of the default scale, which the data migration installs."""
    return Rating.objects.get(slug=slug)


class ClaimFactory(CuratedFactory):
    class Meta:
        model = Claim

    statement = factory.Sequence(lambda n: f"Exports rose by 12% last year ({n}).")
    slug = factory.Sequence(lambda n: f"claim-{n}")
    claimant = factory.SubFactory(SpeakerFactory)


class CitationFactory(PassageFactory):
    class Meta:
        model = Citation

    claim = factory.SubFactory(ClaimFactory)
    source = factory.SubFactory(SourceFactory)
    relation = Citation.Relation.STATES
    exact = "exports rose by 12% last year"


class CorrectionFactory(CuratedFactory):
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


class ClaimRevisionFactory(CuratedFactory):
    """A pending change to a published claim's analysis, as an editor proposes it."""

    class Meta:
        model = ClaimRevision

    claim = factory.SubFactory(PublishedClaimFactory)
    changes = factory.LazyFunction(lambda: {"analysis": "A second look."})
    before = factory.LazyFunction(lambda: {"analysis": ""})
    proposed_by = factory.SubFactory(UserFactory)


class QuoteProposalFactory(CuratedFactory):
    class Meta:
        model = QuoteProposal

    quote = factory.SubFactory(QuoteFactory, status=Quote.Status.DRAFT)
    source = factory.SubFactory(SourceFactory)
    position = 0
    confidence = 0.5
    method = QuoteProposal.Method.NAME


class ClaimReviewOriginFactory(CuratedFactory):
    class Meta:
        model = ClaimReviewOrigin

    claim = factory.SubFactory(ClaimFactory, status=Claim.Status.IN_REVIEW)
    review_url = factory.Sequence(lambda n: f"https://example.org/review/{n}")
    rating_method = ClaimReviewOrigin.RatingMethod.LABEL


def arranged():
    """A block of test arrangement written directly, past the services and their rules
    (a state no door may reach, a database constraint tested on its own):
    `with arranged(): source.save()`. Acting through a door or a service needs none."""
    return unguarded("test data arranged directly")
