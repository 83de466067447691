"""The claim workflow through the admin: the buttons of the change page, the correction
note of a published verdict, and the bulk confirmation of quotes."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from apps.accounts.roles import Role
from apps.claims.models import Claim, ClaimRevision, Correction
from apps.quotes.models import Quote
from tests.admin.helpers import form_data
from tests.factories import (
    AppearanceFactory,
    CitationFactory,
    ClaimFactory,
    PublishedClaimFactory,
    QuoteFactory,
    UserFactory,
    rating,
)


def signed_in(client, role: Role):
    user = UserFactory(is_staff=True)
    user.groups.add(Group.objects.get(name=role))
    client.force_login(user)
    return client


@pytest.fixture
def editor_client(client, db):
    return signed_in(client, Role.EDITOR)


@pytest.fixture
def reviewer_client(client, db):
    return signed_in(client, Role.REVIEWER)


def change_url(claim: Claim) -> str:
    return reverse("admin:claims_claim_change", args=[claim.pk])


def transition_url(claim: Claim, transition: str) -> str:
    return reverse("admin:claims_claim_transition", args=[claim.pk, transition])


def ready_claim() -> Claim:
    claim = ClaimFactory(status=Claim.Status.IN_REVIEW, rating=rating("false"), summary="No.")
    CitationFactory(claim=claim)  # its passage stands in the factory's source text
    return claim


def messages_of(response) -> list[str]:
    return [str(message) for message in response.context["messages"]]


def test_an_editor_cannot_publish(editor_client):
    claim = ready_claim()

    response = editor_client.post(transition_url(claim, "publish"), follow=True)

    assert messages_of(response) == ["Only reviewers may publish a claim."]
    claim.refresh_from_db()
    assert claim.status == Claim.Status.IN_REVIEW


def test_an_editor_is_not_offered_the_publish_button(editor_client):
    claim = ready_claim()

    response = editor_client.get(change_url(claim))

    names = [transition["name"] for transition in response.context["workflow_transitions"]]
    assert names == ["return-to-draft"]
    assertNotContains(response, transition_url(claim, "publish"))


def test_a_reviewer_publishes(reviewer_client):
    claim = ready_claim()
    assertContains(reviewer_client.get(change_url(claim)), transition_url(claim, "publish"))

    response = reviewer_client.post(transition_url(claim, "publish"), follow=True)

    assert messages_of(response) == [f"“{claim}” is now published."]
    claim.refresh_from_db()
    assert claim.status == Claim.Status.PUBLISHED
    assert claim.published_at is not None


def test_publishing_an_unready_claim_says_what_is_missing(reviewer_client):
    claim = ClaimFactory(status=Claim.Status.IN_REVIEW)

    response = reviewer_client.post(transition_url(claim, "publish"), follow=True)

    assert messages_of(response) == [
        "Give the claim a rating.",
        "Write the verdict summary.",
        "Cite at least one passage that is found in the text of a published source.",
    ]
    claim.refresh_from_db()
    assert claim.status == Claim.Status.IN_REVIEW


def test_the_change_page_lists_what_stops_publication(editor_client):
    claim = ClaimFactory(status=Claim.Status.IN_REVIEW)

    response = editor_client.get(change_url(claim))

    assertContains(response, "<li>Give the claim a rating.</li>", html=True)


def test_an_editor_submits_a_draft_and_sends_it_back_with_a_note(editor_client):
    claim = ClaimFactory()

    editor_client.post(transition_url(claim, "submit"))
    claim.refresh_from_db()
    assert claim.status == Claim.Status.IN_REVIEW

    editor_client.post(transition_url(claim, "return-to-draft"), {"note": "Needs a source."})
    claim.refresh_from_db()
    assert claim.status == Claim.Status.DRAFT
    assert claim.history.first().history_change_reason == "Sent back to draft: Needs a source."


def test_retracting_needs_a_reason(reviewer_client):
    claim = PublishedClaimFactory()

    response = reviewer_client.post(transition_url(claim, "retract"), {"note": " "}, follow=True)

    assert messages_of(response) == ["Say why the claim is retracted."]
    claim.refresh_from_db()
    assert claim.status == Claim.Status.PUBLISHED

    reviewer_client.post(transition_url(claim, "retract"), {"note": "The quote was fake."})
    claim.refresh_from_db()
    assert claim.status == Claim.Status.RETRACTED


def test_changing_a_published_rating_without_a_note_changes_nothing(reviewer_client):
    claim = PublishedClaimFactory(rating=rating("true"), summary="It is so.")
    CitationFactory(claim=claim)  # found in a published source: the note is all it lacks
    data = form_data(reviewer_client.get(change_url(claim)))
    data["rating"] = rating("false").pk

    response = reviewer_client.post(change_url(claim), data)

    assert response.context["adminform"].form.errors == {
        "correction_note": [
            "Changing the statement, claimant, rating or summary of a published claim, or "
            "removing a citation, needs a correction note for readers."
        ]
    }
    claim.refresh_from_db()
    assert claim.rating == rating("true")
    assert not Correction.objects.exists()


def test_changing_a_published_rating_with_a_note_records_a_correction(reviewer_client):
    claim = PublishedClaimFactory(rating=rating("true"), summary="It is so.")
    CitationFactory(claim=claim)
    data = form_data(reviewer_client.get(change_url(claim)))
    data.update({"rating": rating("false").pk, "correction_note": "The figure was revised."})

    response = reviewer_client.post(change_url(claim), data)

    assert response.status_code == 302
    claim.refresh_from_db()
    assert claim.rating == rating("false")
    correction = Correction.objects.get(claim=claim)
    assert (correction.note, correction.rating_before, correction.rating_after) == (
        "The figure was revised.",
        rating("true"),
        rating("false"),
    )


def test_removing_the_last_found_citation_of_a_published_claim_is_refused(reviewer_client):
    claim = PublishedClaimFactory()
    citation = CitationFactory(claim=claim)
    data = form_data(reviewer_client.get(change_url(claim)))
    data.update({"citations-0-DELETE": "on", "correction_note": "The source was wrong."})

    response = reviewer_client.post(change_url(claim), data, follow=True)

    assert messages_of(response) == [
        "Citations: A published claim keeps at least one citation whose passage is found in "
        "a published source."
    ]
    assert (list(claim.citations.all()), list(claim.corrections.all())) == ([citation], [])


def test_an_editor_changing_a_published_verdict_proposes_a_revision(editor_client):
    claim = PublishedClaimFactory(rating=rating("true"), summary="It is so.")
    CitationFactory(claim=claim)
    data = form_data(editor_client.get(change_url(claim)))
    data.update({"summary": "It is not so.", "correction_note": "Revised."})

    response = editor_client.post(change_url(claim), data, follow=True)

    revision = ClaimRevision.objects.get(claim=claim)
    assert messages_of(response) == [
        f"Your changes to this published claim are proposed as revision {revision.pk}: a "
        "reviewer will accept or reject them. The claim is unchanged until then."
    ]
    assert (revision.status, revision.changes, revision.correction_note) == (
        ClaimRevision.Status.PENDING,
        {"summary": "It is not so."},
        "Revised.",
    )
    claim.refresh_from_db()
    assert claim.summary == "It is so."
    assert not Correction.objects.exists()


def test_confirming_a_quote_whose_words_are_not_found_is_refused(superuser_client):
    quote = QuoteFactory(status=Quote.Status.DRAFT)
    AppearanceFactory(quote=quote, exact="words that stand in no source at all")

    response = superuser_client.post(
        reverse("admin:quotes_quote_changelist"),
        {"action": "confirm_quotes", "_selected_action": [quote.pk]},
        follow=True,
    )

    assert messages_of(response) == [
        f"Cannot confirm “{quote}”: its words are not found in any of its published sources."
    ]
    quote.refresh_from_db()
    assert quote.status == Quote.Status.DRAFT


def test_confirm_and_reject_report_what_they_changed(superuser_client):
    found = AppearanceFactory(quote__status=Quote.Status.DRAFT).quote
    changelist = reverse("admin:quotes_quote_changelist")

    response = superuser_client.post(
        changelist, {"action": "confirm_quotes", "_selected_action": [found.pk]}, follow=True
    )
    assert messages_of(response) == ["1 quote confirmed."]
    found.refresh_from_db()
    assert found.status == Quote.Status.CONFIRMED

    superuser_client.post(changelist, {"action": "reject_quotes", "_selected_action": [found.pk]})
    found.refresh_from_db()
    assert found.status == Quote.Status.REJECTED
