"""The speaker page's read (apps/web/selectors/speakers.py `speaker_on_page`): what
`speaker_detail_queryset()` reads, through statements compiled once per process
(apps/core/compiled.py)."""

import datetime

from apps.claims.models import Claim
from apps.quotes.models import Quote
from apps.speakers.models import Speaker
from apps.web import cards
from apps.web.selectors.speakers import speaker_detail_queryset, speaker_lists, speaker_on_page
from tests import factories


def _fields(obj):
    return {name: value for name, value in vars(obj).items() if not name.startswith("_")}


def _page(speaker: Speaker | None):
    """Everything the speaker page reads of a speaker, as plain values."""
    if speaker is None:
        return None
    return {
        "speaker": _fields(speaker),
        "roles": [(_fields(role), role.speaker is speaker) for role in speaker.roles.all()],
        "aliases": [(_fields(alias), alias.speaker is speaker) for alias in speaker.aliases.all()],
    }


def test_speaker_on_page_reads_what_the_detail_queryset_reads(db):
    speaker = factories.SpeakerFactory(slug="ana")
    for title in ("Minister", "Mayor"):
        factories.SpeakerRoleFactory(speaker=speaker, title=title)
    for name in ("A. Minister", "The minister"):
        factories.SpeakerAliasFactory(speaker=speaker, name=name)
    factories.SpeakerRoleFactory()  # another speaker's

    assert _page(speaker_on_page("ana")) == _page(speaker_detail_queryset().get(slug="ana"))


def test_speaker_on_page_finds_no_draft_and_no_unknown_slug(db):
    factories.SpeakerFactory(slug="draft", status=Speaker.Status.DRAFT)

    assert (speaker_on_page("draft"), speaker_on_page("nobody")) == (None, None)


def test_speaker_on_page_reads_in_as_many_statements(db, django_assert_num_queries):
    factories.SpeakerRoleFactory(speaker=factories.SpeakerFactory(slug="ana"))

    with django_assert_num_queries(3):
        speaker = speaker_on_page("ana")
        _page(speaker)


def test_the_cards_of_a_speakers_claims_and_quotes_show_all_without_another_query(
    db, django_assert_num_queries
):
    speaker = factories.SpeakerFactory(slug="ana")
    factories.PublishedClaimFactory(claimant=speaker, summary="In short: no.")
    factories.PublishedClaimFactory(claimant=speaker, rating=None)
    factories.QuoteFactory(speaker=speaker, occasion="A debate", said_on=datetime.date(2024, 5, 1))
    factories.QuoteFactory(speaker=speaker)
    in_full = (
        Claim.objects.public().filter(claimant=speaker).select_related("rating"),
        Quote.objects.public().filter(speaker=speaker),
    )

    quotes, claims = speaker_lists(speaker)
    with django_assert_num_queries(0):
        shown = (
            str(cards.claim_cards(claims, level=3, hide_claimant=True)),
            str(cards.quote_cards(quotes, hide_speaker=True)),
        )

    assert shown == (
        str(cards.claim_cards(in_full[0], level=3, hide_claimant=True)),
        str(cards.quote_cards(in_full[1], hide_speaker=True)),
    )
    assert [claim.rating_id for claim in claims] == [claim.rating_id for claim in in_full[0]]
