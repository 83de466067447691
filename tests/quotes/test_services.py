"""The quote services (apps/quotes/services.py): a quote is recorded as a draft, carried by
sources, confirmed only when a published source carries its words, rejected, deleted
unless a claim points to it, and imported in bulk as drafts."""

import pytest
from django.core.exceptions import ValidationError

from apps.quotes.models import Appearance, Quote
from apps.quotes.services import (
    appearance_add,
    appearance_remove,
    quote_confirm,
    quote_create,
    quote_delete,
    quote_reject,
    quote_update,
    quotes_import,
    quotes_reanchor,
)
from apps.sources.models import Source
from apps.sources.services import AnchorCheck
from tests.factories import (
    AppearanceFactory,
    ClaimFactory,
    QuoteFactory,
    SourceFactory,
    SpeakerFactory,
    TopicFactory,
    UserFactory,
    arranged,
)

WORDS = "We have never sold more grain abroad,"  # in factories.ARTICLE_TEXT, at [78:115]
STATUS_REFUSAL = {
    "status": [
        "A quote is confirmed or rejected with Confirm or Reject, not by setting its status: "
        "confirming checks that a public source carries its words."
    ]
}


def anchor(passage) -> tuple[str, int | None, int | None]:
    passage.refresh_from_db()
    return (passage.match, passage.start, passage.end)


def draft(**fields) -> Quote:
    return QuoteFactory(status=Quote.Status.DRAFT, **fields)


# --- create and update ---------------------------------------------------------------------


def test_quote_create_records_a_draft_naming_its_author_in_history(db):
    speaker = SpeakerFactory()
    editor = UserFactory()

    quote = quote_create(text=WORDS, speaker=speaker, actor=editor)

    stored = Quote.objects.get()
    assert (stored, stored.text, stored.speaker, stored.status) == (
        quote,
        WORDS,
        speaker,
        Quote.Status.DRAFT,
    )
    assert [(row.history_type, row.history_user) for row in quote.history.all()] == [("+", editor)]


def test_quote_create_refuses_a_confirmed_status(db):
    with pytest.raises(ValidationError) as refused:
        quote_create(text=WORDS, speaker=SpeakerFactory(), status=Quote.Status.CONFIRMED)

    assert (refused.value.message_dict, Quote.objects.count()) == (STATUS_REFUSAL, 0)


def test_quote_create_files_topics_and_anchors_each_source_that_carries_it(db):
    source = SourceFactory()
    trade = TopicFactory(name="Trade")

    quote = quote_create(
        text=WORDS, speaker=SpeakerFactory(), topics=[trade], appearances=[{"source": source}]
    )

    [appearance] = quote.appearances.all()
    assert (list(quote.topics.all()), appearance.source, anchor(appearance)) == (
        [trade],
        source,
        (Appearance.Match.EXACT, 78, 115),
    )


def test_appearance_add_anchors_the_sources_own_wording(db):
    quote = draft(text="Exports went up 12 per cent last year.")
    source = SourceFactory()

    appearance = appearance_add(quote=quote, source=source, exact="exports rose by 12% last year")

    assert anchor(appearance) == (Appearance.Match.EXACT, 46, 75)


def test_appearance_add_records_words_the_source_does_not_carry_as_not_found(db):
    quote = draft(text="Imports collapsed in the spring.")

    appearance = appearance_add(quote=quote, source=SourceFactory())

    assert anchor(appearance) == (Appearance.Match.NOT_FOUND, None, None)


def test_appearance_remove_leaves_the_quote_and_the_source(db):
    appearance = AppearanceFactory()
    quote, source = appearance.quote, appearance.source

    appearance_remove(appearance=appearance)

    assert (
        Appearance.objects.count(),
        Quote.objects.filter(pk=quote.pk).exists(),
        Source.objects.filter(pk=source.pk).exists(),
    ) == (0, True, True)


def test_quote_update_changes_the_fields_and_replaces_the_topics(db):
    quote = draft(occasion="A forum")
    with arranged():
        quote.topics.set([TopicFactory(name="Grain")])
    trade = TopicFactory(name="Trade")

    quote_update(quote=quote, occasion="The annual forum", topics=[trade])

    quote.refresh_from_db()
    assert (quote.occasion, list(quote.topics.all())) == ("The annual forum", [trade])


def test_quote_update_keeps_the_topics_and_sources_it_is_not_given(db):
    appearance = AppearanceFactory(quote=draft())
    quote = appearance.quote
    grain = TopicFactory(name="Grain")
    with arranged():
        quote.topics.set([grain])

    quote_update(quote=quote, occasion="The annual forum")

    assert (list(quote.topics.all()), list(quote.appearances.all())) == ([grain], [appearance])


def test_quote_update_makes_the_sources_that_carry_it_exactly_those_given(db):
    kept = AppearanceFactory(quote=draft())
    quote = kept.quote
    AppearanceFactory(quote=quote)
    added = SourceFactory()

    quote_update(
        quote=quote,
        appearances=[{"id": kept.pk, "source": kept.source}, {"source": added}],
    )

    assert sorted(a.source_id for a in quote.appearances.all()) == sorted(
        [kept.source_id, added.pk]
    )


@pytest.mark.parametrize("status", [Quote.Status.CONFIRMED, Quote.Status.REJECTED])
def test_quote_update_refuses_to_set_the_status(db, status):
    quote = draft()

    with pytest.raises(ValidationError) as refused:
        quote_update(quote=quote, status=status)

    quote.refresh_from_db()
    assert (refused.value.message_dict, quote.status) == (STATUS_REFUSAL, Quote.Status.DRAFT)


def test_quote_update_refuses_a_blank_text_and_keeps_the_old_one(db):
    quote = draft(text=WORDS)

    with pytest.raises(ValidationError) as refused:
        quote_update(quote=quote, text="")

    quote.refresh_from_db()
    assert ("text" in refused.value.message_dict, quote.text) == (True, WORDS)


# --- confirm and reject ---------------------------------------------------------------------


def test_quote_confirm_confirms_a_quote_a_published_source_carries(db):
    quote = AppearanceFactory(quote=draft()).quote
    reviewer = UserFactory()

    quote_confirm(quote=quote, actor=reviewer)

    quote.refresh_from_db()
    latest = quote.history.first()
    assert (quote.status, latest.history_change_reason, latest.history_user) == (
        Quote.Status.CONFIRMED,
        "Confirmed",
        reviewer,
    )
    assert list(Quote.objects.public()) == [quote]


def test_quote_confirm_refuses_words_found_only_in_a_draft_source(db):
    source = SourceFactory(title="Grain report", status=Source.Status.DRAFT)
    quote = AppearanceFactory(quote=draft(text=WORDS), source=source).quote

    with pytest.raises(ValidationError) as refused:
        quote_confirm(quote=quote)

    quote.refresh_from_db()
    assert (refused.value.messages, quote.status) == (
        [
            f"Cannot confirm \u201c{quote}\u201d: its words are not found in any of its "
            "published sources; they are found in \u201cGrain report\u201d, not published "
            "yet: publish it first."
        ],
        Quote.Status.DRAFT,
    )


def test_quote_confirm_refuses_words_no_source_carries(db):
    quote = AppearanceFactory(quote=draft(text="Imports collapsed in the spring.")).quote

    with pytest.raises(ValidationError) as refused:
        quote_confirm(quote=quote)

    quote.refresh_from_db()
    assert (refused.value.messages, quote.status) == (
        [
            f"Cannot confirm \u201c{quote}\u201d: its words are not found in any of its "
            "published sources."
        ],
        Quote.Status.DRAFT,
    )


def test_quote_confirm_refuses_a_quote_without_a_source(db):
    quote = draft()

    with pytest.raises(ValidationError) as refused:
        quote_confirm(quote=quote)

    assert refused.value.code == "not_in_source"


def test_quote_reject_takes_a_confirmed_quote_out_of_public_view(db):
    quote = AppearanceFactory().quote  # confirmed, in a published source
    reviewer = UserFactory()

    quote_reject(quote=quote, actor=reviewer)

    quote.refresh_from_db()
    latest = quote.history.first()
    assert (quote.status, latest.history_change_reason, latest.history_user) == (
        Quote.Status.REJECTED,
        "Rejected",
        reviewer,
    )
    assert (list(Quote.objects.public()), list(quote.appearances.all())) == (
        [],
        [quote.appearances.get()],
    )


# --- delete ---------------------------------------------------------------------------------


def test_quote_delete_deletes_the_quote_with_its_appearances(db):
    appearance = AppearanceFactory(quote=draft())

    quote_delete(quote=appearance.quote)

    assert (Quote.objects.count(), Appearance.objects.count(), Source.objects.count()) == (
        0,
        0,
        1,
    )


def test_quote_delete_refuses_a_quote_a_claim_points_to(db):
    quote = draft(text="Exports rose.")
    ClaimFactory(quote=quote)

    with pytest.raises(ValidationError) as refused:
        quote_delete(quote=quote)

    assert (refused.value.messages, Quote.objects.filter(pk=quote.pk).exists()) == (
        [
            f"Cannot delete quote \u201c{quote}\u201d: 1 claim points to it. "
            "Remove or reassign them first."
        ],
        True,
    )


# --- imports and re-anchoring -----------------------------------------------------------------


def test_quotes_import_writes_drafts_and_anchored_appearances_with_their_history(db):
    speaker = SpeakerFactory()
    source = SourceFactory()
    earlier = QuoteFactory(text="a fantasy.")
    new = Quote(text=WORDS, speaker=speaker, status=Quote.Status.DRAFT)

    quotes_import(
        quotes=[new],
        appearances=[
            Appearance(quote=new, source=source),
            Appearance(quote=earlier, source=source),
        ],
        reason="Imported from an article",
    )

    assert sorted(
        (a.quote.text, a.match, a.start, a.end) for a in Appearance.objects.select_related("quote")
    ) == [
        (WORDS, Appearance.Match.EXACT, 78, 115),
        ("a fantasy.", Appearance.Match.EXACT, 154, 164),
    ]
    assert [(row.history_type, row.history_change_reason) for row in new.history.all()] == [
        ("+", "Imported from an article")
    ]


def test_quotes_import_refuses_a_quote_that_is_not_a_draft(db):
    quote = Quote(text=WORDS, speaker=SpeakerFactory(), status=Quote.Status.CONFIRMED)

    with pytest.raises(ValidationError) as refused:
        quotes_import(quotes=[quote], appearances=[], reason="Imported from an article")

    assert (refused.value.message_dict, Quote.objects.count()) == (
        {"status": ["Imported quotes are drafts until confirmed."]},
        0,
    )


def test_quotes_reanchor_follows_the_words_after_the_text_was_corrected(db):
    appearance = AppearanceFactory()
    source = appearance.source
    with arranged():
        source.text = "Correction: a typo was fixed. " + source.text
        source.save()

    check = quotes_reanchor(quotes=[appearance.quote])

    assert (check, anchor(appearance)) == (
        AnchorCheck(exact=1, moved=1),
        (Appearance.Match.EXACT, 108, 145),
    )
