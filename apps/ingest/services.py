"""Editors' decisions on proposed quotes. Each runs in a transaction; the quote's history
records who decided what."""

from django.core.exceptions import ValidationError
from django.db.models import Model

from apps.core.writes import service
from apps.ingest.models import QuoteProposal
from apps.quotes.services import quote_confirm, quote_reject, quote_update
from apps.speakers.models import Speaker
from apps.speakers.services import speaker_create


@service
def proposal_confirm(*, proposal: QuoteProposal, actor: Model | None = None) -> QuoteProposal:
    """Confirm the proposed quote (refused if its words are not found in its source)."""
    quote_confirm(quote=proposal.quote, actor=actor)
    return proposal


@service
def proposal_reject(*, proposal: QuoteProposal, actor: Model | None = None) -> QuoteProposal:
    quote_reject(quote=proposal.quote, actor=actor)
    return proposal


@service
def proposal_reattribute(
    *,
    proposal: QuoteProposal,
    speaker: Speaker | None = None,
    new_speaker_name: str = "",
    actor: Model | None = None,
) -> QuoteProposal:
    """Give the proposed quote another speaker: an existing one, or a new draft speaker of
    that name. The quote stays a draft, to be confirmed."""
    new_speaker_name = new_speaker_name.strip()
    if (speaker is None) == (not new_speaker_name):
        raise ValidationError("Choose a speaker, or give the name of a new one (not both).")
    if speaker is None:
        speaker = speaker_create(name=new_speaker_name, status=Speaker.Status.DRAFT, actor=actor)
    quote_update(quote=proposal.quote, speaker=speaker, speaker_name="", actor=actor)
    return proposal
