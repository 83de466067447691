import pytest
from django.core.exceptions import ValidationError

from apps.ingest.models import QuoteProposal
from apps.ingest.services import proposal_reattribute
from apps.quotes.models import Appearance, Quote
from apps.quotes.services import quote_confirm, quote_reject
from tests import factories

pytestmark = pytest.mark.django_db


def test_a_quote_found_in_its_source_can_be_confirmed(editor):
    appearance = factories.AppearanceFactory(quote__status=Quote.Status.DRAFT)

    quote = quote_confirm(quote=appearance.quote, actor=editor)

    assert (quote.status, appearance.match) == ("confirmed", "exact")


def test_a_quote_found_approximately_can_be_confirmed(editor):
    appearance = factories.AppearanceFactory(
        quote__status=Quote.Status.DRAFT, quote__text="We have never sold more grain abroad!!"
    )

    quote_confirm(quote=appearance.quote, actor=editor)

    assert (Quote.objects.get().status, appearance.match) == ("confirmed", "approximate")


def test_a_quote_found_in_none_of_its_sources_cannot_be_confirmed(editor):
    appearance = factories.AppearanceFactory(
        quote__status=Quote.Status.DRAFT, quote__text="Words nobody ever wrote down anywhere."
    )

    with pytest.raises(ValidationError) as error:
        quote_confirm(quote=appearance.quote, actor=editor)

    assert appearance.match == Appearance.Match.NOT_FOUND
    assert error.value.code == "not_in_source"
    assert Quote.objects.get().status == "draft"


def test_a_quote_without_appearances_cannot_be_confirmed(editor):
    quote = factories.QuoteFactory(status=Quote.Status.DRAFT)

    with pytest.raises(ValidationError):
        quote_confirm(quote=quote, actor=editor)


def test_a_rejected_quote_stays_with_its_status_recorded(editor):
    quote = factories.QuoteFactory(status=Quote.Status.DRAFT)

    quote_reject(quote=quote, actor=editor)

    assert (Quote.objects.get().status, quote.history.first().history_user) == (
        "rejected",
        editor,
    )


def test_reattributing_needs_exactly_one_of_speaker_and_new_name(editor):
    appearance = factories.AppearanceFactory(quote__status=Quote.Status.DRAFT)
    item = factories.QuoteProposalFactory(
        quote=appearance.quote, source=appearance.source, method=QuoteProposal.Method.NONE
    )

    with pytest.raises(ValidationError):
        proposal_reattribute(proposal=item, speaker=None, new_speaker_name=" ", actor=editor)
