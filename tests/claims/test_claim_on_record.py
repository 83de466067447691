"""The claim page's read (apps/claims/selectors.py `claim_on_record`): what
`claim_detail_queryset(retracted=True)` reads, through statements compiled once per
process (apps/core/compiled.py)."""

import pytest

from apps.claims.models import Claim, Correction
from apps.claims.selectors import claim_detail_queryset, claim_on_record
from apps.core import compiled
from apps.sources.models import Source
from apps.speakers.models import Speaker
from tests import factories
from tests.factories import arranged


def _fields(obj):
    if obj is None:
        return None
    return {
        name: value
        for name, value in vars(obj).items()
        if not name.startswith("_")  # state, caches, prefetch bookkeeping
    }


def _page(claim: Claim | None):
    """Everything the claim page reads of a claim, as plain values."""
    if claim is None:
        return None
    return {
        "claim": _fields(claim),
        "rating": _fields(claim.rating),
        "claimant": _fields(claim.claimant),
        "quote": _fields(claim.quote),
        "quote speaker": _fields(claim.quote.speaker) if claim.quote else None,
        "citations": [
            (_fields(c), _fields(c.source), _fields(c.source.publisher), c.claim is claim)
            for c in claim.citations.all()
        ],
        "topics": [_fields(topic) for topic in claim.topics.all()],
        "corrections": [
            (_fields(c), _fields(c.rating_before), _fields(c.rating_after))
            for c in claim.corrections.all()
        ],
    }


def _full_claim(**fields) -> Claim:
    claim = factories.PublishedClaimFactory(
        quote=factories.QuoteFactory(), rating=factories.rating("false"), **fields
    )
    with arranged():
        claim.topics.set(factories.TopicFactory.create_batch(2))
    for title in ("B source", "A source"):
        factories.CitationFactory(claim=claim, source=factories.SourceFactory(title=title))
    factories.CitationFactory(
        claim=claim, source=factories.SourceFactory(status=Source.Status.DRAFT)
    )
    factories.CorrectionFactory(
        claim=claim, rating_before=factories.rating("true"), rating_after=factories.rating("false")
    )
    return claim


def test_claim_on_record_reads_what_the_detail_queryset_reads(db):
    claim = _full_claim()

    assert _page(claim_on_record(claim.slug)) == _page(
        claim_detail_queryset(retracted=True).get(pk=claim.pk)
    )


def test_claim_on_record_hides_a_draft_claimant_and_quote_as_the_detail_queryset_does(db):
    hidden = factories.SpeakerFactory(status=Speaker.Status.DRAFT)
    claim = factories.PublishedClaimFactory(
        claimant=hidden, quote=factories.QuoteFactory(speaker=hidden)
    )

    read = claim_on_record(claim.slug)

    assert (read.claimant, read.quote, _page(read)) == (
        None,
        None,
        _page(claim_detail_queryset(retracted=True).get(pk=claim.pk)),
    )


def test_claim_on_record_reads_a_retracted_claim(db):
    claim = _full_claim()
    with arranged():
        Claim.objects.filter(pk=claim.pk).update(status=Claim.Status.RETRACTED)
        factories.CorrectionFactory(claim=claim, kind=Correction.Kind.RETRACTION)

    assert _page(claim_on_record(claim.slug)) == _page(
        claim_detail_queryset(retracted=True).get(pk=claim.pk)
    )


@pytest.mark.parametrize("status", [Claim.Status.DRAFT, Claim.Status.IN_REVIEW])
def test_claim_on_record_finds_no_claim_readers_cannot_see(db, status):
    claim = factories.ClaimFactory(status=status)

    assert claim_on_record(claim.slug) is None


def test_claim_on_record_reads_other_claims_through_the_same_compiled_statements(
    db, django_assert_num_queries
):
    first, second = _full_claim(), _full_claim()
    claim_on_record(first.slug)
    kept = dict(compiled._compiled)

    with django_assert_num_queries(6):
        read = claim_on_record(second.slug)

    assert (read.pk, compiled._compiled) == (second.pk, kept)
