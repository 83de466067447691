"""The rules the database keeps for claims and ratings, whatever path a write takes."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from apps.claims.models import Claim, Rating
from tests.factories import arranged

NOW = datetime.datetime(2025, 6, 20, 12, 0, tzinfo=datetime.UTC)


def new_rating(**fields) -> Rating:
    """An unsaved rating off the default scale (whose scores 1..5 are taken)."""
    values = {
        "label": "Misleading",
        "slug": "misleading",
        "score": None,
        "description": "Accurate words arranged to mislead.",
        "colour": "#7a3e9d",
        "normalised_class": Rating.NormalisedClass.MIXTURE,
    }
    return Rating(**{**values, **fields})


@pytest.mark.parametrize("score", [0, 6])
def test_database_rejects_rating_score_outside_1_to_5(db, score):
    with pytest.raises(IntegrityError), arranged(), transaction.atomic():
        new_rating(score=score).save()


@pytest.mark.parametrize(
    ("score", "message"),
    [
        (0, "Ensure this value is greater than or equal to 1."),
        (6, "Ensure this value is less than or equal to 5."),
    ],
)
def test_full_clean_rejects_rating_score_outside_1_to_5(db, score, message):
    rating = new_rating(score=score)

    with pytest.raises(ValidationError) as caught:
        rating.full_clean()

    assert caught.value.message_dict == {"score": [message]}


def test_database_rejects_second_rating_with_same_score(db):
    with pytest.raises(IntegrityError), arranged(), transaction.atomic():
        new_rating(score=3).save()  # "Half true" has it


def test_ratings_off_the_scale_may_share_an_empty_score(db):
    with arranged():
        new_rating(score=None).save()

    assert Rating.objects.filter(score=None).count() == 2  # with "Unproven"


@pytest.mark.parametrize("colour", ["red", "#12345", "#12345g", "1a7f37", "#1a7f3 "])
def test_database_rejects_rating_colour_not_hex(db, colour):
    with pytest.raises(IntegrityError), arranged(), transaction.atomic():
        new_rating(colour=colour).save()


def test_full_clean_rejects_rating_colour_not_hex(db):
    rating = new_rating(colour="red")

    with pytest.raises(ValidationError) as caught:
        rating.full_clean()

    assert caught.value.message_dict == {"__all__": ["Give the colour as #rrggbb."]}


def test_rating_colour_may_use_either_case(db):
    with arranged():
        new_rating(colour="#7A3e9D").save()

    assert Rating.objects.get(slug="misleading").colour == "#7A3e9D"


@pytest.mark.parametrize("status", [Claim.Status.PUBLISHED, Claim.Status.RETRACTED])
def test_database_rejects_published_claim_without_publication_date(db, status):
    with pytest.raises(IntegrityError), arranged(), transaction.atomic():
        Claim.objects.create(statement="Exports rose.", slug="exports-rose", status=status)


def test_full_clean_rejects_published_claim_without_publication_date(db):
    claim = Claim(statement="Exports rose.", slug="exports-rose", status=Claim.Status.PUBLISHED)

    with pytest.raises(ValidationError) as caught:
        claim.full_clean()

    assert caught.value.message_dict == {
        "__all__": ["A published or retracted claim has a publication date."]
    }


@pytest.mark.parametrize("status", [Claim.Status.DRAFT, Claim.Status.IN_REVIEW])
def test_unpublished_claim_needs_no_publication_date(db, status):
    with arranged():
        claim = Claim.objects.create(statement="Exports rose.", slug="exports-rose", status=status)

    assert claim.published_at is None


def test_published_claim_with_publication_date_is_accepted(db):
    with arranged():
        claim = Claim.objects.create(
            statement="Exports rose.",
            slug="exports-rose",
            status=Claim.Status.PUBLISHED,
            published_at=NOW,
        )

    claim.full_clean()

    assert Claim.objects.public().get() == claim


def test_database_rejects_claim_with_blank_statement(db):
    with pytest.raises(IntegrityError), arranged(), transaction.atomic():
        Claim.objects.create(statement="  ", slug="blank")
