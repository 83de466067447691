import pytest
from django.core.exceptions import ValidationError

from apps.claims.models import Claim, Rating
from apps.claims.services import claim_create, rating_delete
from tests.factories import ClaimFactory, CorrectionFactory, TopicFactory, rating


def test_claim_create_gives_a_free_slug_from_the_statement(db):
    ClaimFactory(slug="exports-rose-by-12-last-year")

    claim = claim_create(statement="Exports rose by 12% last year.")

    assert claim.slug == "exports-rose-by-12-last-year-2"


def test_claim_create_sets_topics(db):
    grain, trade = TopicFactory(name="Grain"), TopicFactory(name="Trade")

    claim = claim_create(statement="Exports rose by 12% last year.", topics=[trade, grain])

    assert list(claim.topics.order_by("name")) == [grain, trade]


def test_claim_create_validates_before_saving(db):
    with pytest.raises(ValidationError) as caught:
        claim_create(statement=" \n ")

    assert (caught.value.message_dict, Claim.objects.count()) == (
        {"__all__": ["A claim needs its statement."]},
        0,
    )


def test_rating_delete_refuses_rating_that_claims_use(db):
    false = rating("false")
    ClaimFactory(rating=false)

    with pytest.raises(ValidationError) as caught:
        rating_delete(rating=false)

    assert caught.value.messages == [
        "Cannot delete rating \u201cFalse\u201d: 1 claim points to it. "
        "Remove or reassign them first."
    ]


def test_rating_delete_refuses_rating_that_corrections_record(db):
    half_true = rating("half-true")
    ClaimFactory(rating=half_true)
    CorrectionFactory(rating_before=half_true, rating_after=rating("false"))
    CorrectionFactory(rating_before=rating("true"), rating_after=half_true)

    with pytest.raises(ValidationError) as caught:
        rating_delete(rating=half_true)

    assert caught.value.messages == [
        "Cannot delete rating \u201cHalf true\u201d: 1 claim and 2 corrections point to it. "
        "Remove or reassign them first."
    ]


def test_rating_delete_keeps_the_refused_rating(db):
    false = rating("false")
    ClaimFactory(rating=false)

    with pytest.raises(ValidationError):
        rating_delete(rating=false)

    assert Rating.objects.filter(pk=false.pk).exists()


def test_rating_delete_deletes_rating_no_claim_uses(db):
    unproven = rating("unproven")

    rating_delete(rating=unproven)

    assert not Rating.objects.filter(slug="unproven").exists()
