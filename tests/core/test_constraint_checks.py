"""A model's check constraints asked of the database in one query
(apps/core/constraint_checks.py): the same errors as Django's one query each."""

from datetime import UTC, date, datetime

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import connection, models
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from apps.claims.models import Citation, Claim, Rating
from apps.core.models import TimeStampedModel
from apps.quotes.models import Quote
from apps.speakers.models import SpeakerRole
from tests.factories import QuoteFactory, SpeakerFactory

pytestmark = pytest.mark.django_db

PUBLISHED = datetime(2026, 3, 1, 12, tzinfo=UTC)


def errors_of(validate) -> dict | None:
    try:
        validate()
    except ValidationError as error:
        return error.message_dict
    return None


def ours(obj, exclude=None):
    return errors_of(lambda: obj.validate_constraints(exclude=exclude))


def djangos(obj, exclude=None):
    return errors_of(lambda: models.Model.validate_constraints(obj, exclude=exclude))


def test_every_model_with_check_constraints_is_validated_our_way():
    checked = [
        model
        for model in apps.get_models()
        if any(isinstance(c, models.CheckConstraint) for c in model._meta.constraints)
    ]

    assert checked
    assert all(issubclass(model, TimeStampedModel) for model in checked), [
        model.__name__ for model in checked if not issubclass(model, TimeStampedModel)
    ]


def test_a_claim_breaking_both_checks_gets_both_messages_as_django_gives_them():
    claim = Claim(statement="   ", status=Claim.Status.PUBLISHED, published_at=None)

    assert ours(claim) == djangos(claim)
    assert sorted(ours(claim)["__all__"]) == [
        "A claim needs its statement.",
        "A published or retracted claim has a publication date.",
    ]


def test_a_row_keeping_its_checks_passes():
    claim = Claim(statement="Steel costs more.", status=Claim.Status.PUBLISHED)
    claim.published_at = PUBLISHED

    assert ours(claim) is None


def test_a_condition_that_is_null_holds_as_in_django():
    # score NULL: "score IS NULL OR score BETWEEN 1 AND 5" — and the colour check alone fails.
    rating = Rating(label="Odd", slug="odd", score=None, colour="red")

    assert ours(rating) == djangos(rating) == {"__all__": ["Give the colour as #rrggbb."]}


def test_a_check_naming_an_excluded_field_is_skipped_as_django_skips_it():
    claim = Claim(statement="", status=Claim.Status.PUBLISHED, published_at=None)

    assert ours(claim, exclude={"statement"}) == djangos(claim, exclude={"statement"})
    assert ours(claim, exclude={"statement"}) == {
        "__all__": ["A published or retracted claim has a publication date."]
    }


def test_a_checks_foreign_key_is_read_by_its_id():
    speaker = SpeakerFactory()
    quote = QuoteFactory.build(speaker=None, speaker_name="", misattributed_to=speaker)

    assert ours(quote) == djangos(quote)
    assert sorted(ours(quote)["__all__"]) == [
        "Link a speaker or give the name the source uses.",
        "Only a misattributed quote names who really said it.",
    ]


def test_a_models_checks_take_one_query_in_one_savepoint(django_assert_num_queries):
    claim = Claim(statement="", status=Claim.Status.PUBLISHED, published_at=None)

    # The test runs in a transaction: SAVEPOINT, the query, RELEASE (Django's: 3 a check).
    with django_assert_num_queries(3):
        ours(claim)


def test_a_backend_that_cannot_select_a_condition_is_asked_djangos_way(monkeypatch):
    monkeypatch.setattr(connection.features, "supports_comparing_boolean_expr", False)
    claim = Claim(statement=" ", status=Claim.Status.DRAFT)

    assert ours(claim) == {"__all__": ["A claim needs its statement."]}


STATEMENTS = st.sampled_from(["", " ", "\t\n", "A", " Steel costs more. ", "\u00a0", "x\n"])


@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    statement=STATEMENTS,
    status=st.sampled_from([choice for choice, _ in Claim.Status.choices]),
    published=st.booleans(),
    exclude=st.sets(st.sampled_from(["statement", "status", "published_at"]), max_size=2),
)
def test_claims_checks_answer_as_djangos(statement, status, published, exclude):
    claim = Claim(statement=statement, status=status, published_at=PUBLISHED if published else None)

    assert ours(claim, exclude) == djangos(claim, exclude)


@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    score=st.one_of(st.none(), st.integers(min_value=-2, max_value=8)),
    colour=st.sampled_from(["#a1b2c3", "#A1B2C3", "#a1b2c", "a1b2c3", "#a1b2c3\n", ""]),
)
def test_ratings_checks_answer_as_djangos(score, colour):
    rating = Rating(label="Some", slug="some", score=score, colour=colour)

    assert ours(rating) == djangos(rating)


@settings(max_examples=40, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    text=STATEMENTS,
    named=st.booleans(),
    speaker_name=st.sampled_from(["", "A resident"]),
    verdict=st.sampled_from([choice for choice, _ in Quote.Verdict.choices]),
    misattributed=st.booleans(),
)
def test_quotes_checks_answer_as_djangos(text, named, speaker_name, verdict, misattributed):
    speaker = SpeakerFactory.build(pk=1)
    quote = Quote(
        text=text,
        speaker=speaker if named else None,
        speaker_name=speaker_name,
        verdict=verdict,
        misattributed_to=speaker if misattributed else None,
    )

    assert ours(quote) == djangos(quote)


@settings(max_examples=40, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    start=st.one_of(st.none(), st.dates(min_value=date(2020, 1, 1), max_value=date(2020, 1, 5))),
    end=st.one_of(st.none(), st.dates(min_value=date(2020, 1, 1), max_value=date(2020, 1, 5))),
    exclude=st.sets(st.sampled_from(["start", "end"]), max_size=1),
)
def test_a_check_comparing_two_fields_answers_as_djangos(start, end, exclude):
    role = SpeakerRole(title="Minister", start=start, end=end)

    assert ours(role, exclude) == djangos(role, exclude)


@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    exact=STATEMENTS,
    match=st.sampled_from([choice for choice, _ in Citation.Match.choices]),
    start=st.one_of(st.none(), st.integers(min_value=0, max_value=3)),
    end=st.one_of(st.none(), st.integers(min_value=0, max_value=3)),
    similarity=st.sampled_from([-0.1, 0.0, 0.5, 1.0, 1.5]),
)
def test_an_inherited_models_checks_answer_as_djangos(exact, match, start, end, similarity):
    citation = Citation(exact=exact, match=match, start=start, end=end, similarity=similarity)

    assert ours(citation) == djangos(citation)
