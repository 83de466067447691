"""Proposed changes to published claims in the admin: shown field by field, decided by a
reviewer; and History's "Revert" held to the same rules as every other door."""

import pytest
from django.contrib.auth.models import Group
from django.contrib.messages import get_messages
from django.urls import reverse

from apps.accounts.roles import Role
from apps.claims import editing
from apps.claims.models import ClaimRevision
from apps.quotes import services as quote_services
from apps.quotes.models import Quote
from tests.admin.helpers import form_data, signed_in
from tests.factories import (
    CitationFactory,
    ClaimRevisionFactory,
    PublishedClaimFactory,
    QuoteFactory,
    SourceFactory,
    UserFactory,
    rating,
)


def change_url(revision) -> str:
    return reverse("admin:claims_claimrevision_change", args=[revision.pk])


def decide_url(revision, decision: str) -> str:
    return reverse("admin:claims_claimrevision_decide", args=[revision.pk, decision])


def messages_of(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


@pytest.fixture
def proposal(db):
    claim = PublishedClaimFactory(summary="They did.", analysis="First.")
    CitationFactory(claim=claim)
    editor = UserFactory(username="proposing-editor")
    editor.groups.add(Group.objects.get(name=Role.EDITOR))
    return editing.claim_edit(
        claim=claim,
        actor=editor,
        rating=rating("false"),
        correction_note="The ministry withdrew the figure.",
    ).revision


def test_the_change_page_shows_what_the_revision_changes(client, proposal):
    signed_in(client, Role.REVIEWER)

    response = client.get(change_url(proposal))

    assert [
        (change.field, change.before, change.proposed)
        for change in response.context["revision_changes"]
    ] == [("rating", "True", "False")]


def test_a_reviewer_is_offered_accept_and_reject(client, proposal):
    signed_in(client, Role.REVIEWER)

    response = client.get(change_url(proposal))

    assert [decision["name"] for decision in response.context["decisions"]] == [
        "accept",
        "reject",
    ]


def test_an_editor_reads_the_revision_but_is_offered_no_decision(client, proposal):
    signed_in(client, Role.EDITOR)

    response = client.get(change_url(proposal))

    assert (response.status_code, response.context["decisions"]) == (200, [])


def test_a_reviewer_accepts_and_the_claim_changes_with_its_correction(client, proposal):
    signed_in(client, Role.REVIEWER)

    response = client.post(decide_url(proposal, "accept"))

    proposal.refresh_from_db()
    claim = proposal.claim
    claim.refresh_from_db()
    assert (
        response.status_code,
        proposal.status,
        claim.rating,
        claim.corrections.get().note,
    ) == (302, ClaimRevision.Status.ACCEPTED, rating("false"), "The ministry withdrew the figure.")


def test_a_reviewer_rejects_with_a_note_for_the_editor(client, proposal):
    signed_in(client, Role.REVIEWER)

    client.post(decide_url(proposal, "reject"), {"note": "Not sourced."})

    proposal.refresh_from_db()
    assert (proposal.status, proposal.decision_note, proposal.claim.rating) == (
        ClaimRevision.Status.REJECTED,
        "Not sourced.",
        rating("true"),
    )


def test_an_editors_decision_is_refused_with_the_reason(client, proposal):
    signed_in(client, Role.EDITOR)

    response = client.post(decide_url(proposal, "accept"))

    proposal.refresh_from_db()
    assert (proposal.status, messages_of(response)) == (
        ClaimRevision.Status.PENDING,
        ["Only reviewers may accept a proposed change."],
    )


def test_a_decision_is_posted_not_followed_as_a_link(client, proposal):
    signed_in(client, Role.REVIEWER)

    assert client.get(decide_url(proposal, "accept")).status_code == 405


def test_a_revision_is_not_edited_or_deleted_in_the_admin(client, proposal):
    signed_in(client, is_superuser=True)

    response = client.post(reverse("admin:claims_claimrevision_delete", args=[proposal.pk]))

    assert (response.status_code, ClaimRevision.objects.count()) == (403, 1)


@pytest.mark.parametrize("rows", [1, 8])
def test_the_revision_list_query_count_is_flat(client, db, django_assert_max_num_queries, rows):
    ClaimRevisionFactory.create_batch(rows)
    signed_in(client, Role.REVIEWER)

    with django_assert_max_num_queries(8):
        response = client.get(reverse("admin:claims_claimrevision_changelist"))

    assert response.context["cl"].result_count == rows


# --- History's "Revert" obeys the rules ------------------------------------------------------


def history_form_url(obj, record) -> str:
    opts = obj._meta
    return reverse(
        f"admin:{opts.app_label}_{opts.model_name}_simple_history",
        args=[obj.pk, record.history_id],
    )


def test_reverting_a_quote_to_its_confirmed_version_leaves_its_status_alone(client, db):
    quote = QuoteFactory(status=Quote.Status.DRAFT, occasion="Forum")
    quote_services.appearance_add(quote=quote, source=SourceFactory())
    quote_services.quote_confirm(quote=quote)
    confirmed = quote.history.first()
    quote_services.quote_update(quote=quote, occasion="Press conference")
    quote_services.quote_reject(quote=quote)
    signed_in(client, is_superuser=True)
    url = history_form_url(quote, confirmed)

    client.post(url, form_data(client.get(url)))

    quote.refresh_from_db()
    assert (quote.occasion, quote.status) == ("Forum", Quote.Status.REJECTED)


def test_an_editors_revert_of_a_published_claim_is_proposed_for_review(client, db):
    claim = PublishedClaimFactory(summary="They did.", analysis="First.")
    CitationFactory(claim=claim)
    reviewer = UserFactory(username="reviewing", is_superuser=True)
    editing.claim_update(claim=claim, actor=reviewer, analysis="Second.")
    first = claim.history.order_by("history_date").first()
    signed_in(client, Role.EDITOR)
    url = history_form_url(claim, first)

    client.post(url, form_data(client.get(url)))

    claim.refresh_from_db()
    assert (claim.analysis, ClaimRevision.objects.get().changes) == (
        "Second.",
        {"analysis": "First."},
    )


def test_the_claims_change_page_links_its_pending_revisions(client, proposal):
    signed_in(client, Role.REVIEWER)

    response = client.get(reverse("admin:claims_claim_change", args=[proposal.claim.pk]))

    assert [item["url"] for item in response.context["pending_revisions"]] == [change_url(proposal)]
