"""The review queue: claims in review, proposed changes to published claims and quotes
awaiting confirmation, on one admin page linked from the index."""

import datetime

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse
from django.utils import timezone
from pytest_django.asserts import assertContains, assertNotContains

from apps.accounts.roles import Role
from apps.claims.models import Claim
from apps.quotes.models import Quote
from tests.admin.helpers import signed_in
from tests.factories import (
    AppearanceFactory,
    CitationFactory,
    ClaimFactory,
    ClaimRevisionFactory,
    PublishedClaimFactory,
    QuoteFactory,
    UserFactory,
    arranged,
)

QUEUE = reverse("admin:review_queue")
INDEX = reverse("admin:index")


def in_review(**fields) -> Claim:
    return ClaimFactory(status=Claim.Status.IN_REVIEW, **fields)


def draft_quote(**fields) -> Quote:
    return QuoteFactory(status=Quote.Status.DRAFT, **fields)


def test_the_queue_lists_only_the_claims_in_review_longest_waiting_first(superuser_client):
    older, newer = in_review(), in_review()
    with arranged():  # `updated_at` is the save's own time: no door sets it
        Claim.objects.filter(pk=older.pk).update(
            updated_at=datetime.datetime(2025, 1, 1, tzinfo=datetime.UTC)
        )
    ClaimFactory()  # a draft
    PublishedClaimFactory()

    response = superuser_client.get(QUEUE)

    assert (response.context["claims"]["rows"], response.context["claims"]["total"]) == (
        [older, newer],
        2,
    )


def test_the_queue_lists_only_the_draft_quotes(superuser_client):
    waiting = draft_quote()
    QuoteFactory(status=Quote.Status.CONFIRMED)
    QuoteFactory(status=Quote.Status.REJECTED)

    response = superuser_client.get(QUEUE)

    assert (response.context["quotes"]["rows"], response.context["quotes"]["total"]) == (
        [waiting],
        1,
    )


def test_a_claim_row_says_how_many_citations_are_not_found(superuser_client):
    claim = in_review(statement="Exports rose by 12% last year.")
    CitationFactory(claim=claim)
    CitationFactory(claim=claim, exact="Exports fell sharply.")

    response = superuser_client.get(QUEUE)

    assertContains(response, "<td>2, <strong>1 not found</strong></td>", html=True)


def test_a_quote_row_says_in_how_many_sources_its_words_are_found(superuser_client):
    quote = draft_quote()
    AppearanceFactory(quote=quote)
    AppearanceFactory(quote=quote, exact="Exports fell sharply.")
    unfound = draft_quote(text="Words no source has.")
    AppearanceFactory(quote=unfound)

    response = superuser_client.get(QUEUE)

    assertContains(response, "<td>1 of 2 sources</td>", html=True)
    assertContains(response, "<td><strong>no source</strong> (1 checked)</td>", html=True)


def test_each_row_links_to_its_change_page(superuser_client):
    claim, quote = in_review(), draft_quote()

    response = superuser_client.get(QUEUE)

    assertContains(response, f'href="{reverse("admin:claims_claim_change", args=[claim.pk])}"')
    assertContains(response, f'href="{reverse("admin:quotes_quote_change", args=[quote.pk])}"')


def test_a_long_queue_shows_the_first_rows_and_links_to_the_rest(superuser_client, monkeypatch):
    monkeypatch.setattr("apps.claims.admin_review.QUEUE_LIMIT", 2)
    for _ in range(3):
        in_review()

    response = superuser_client.get(QUEUE)

    assert len(response.context["claims"]["rows"]) == 2
    changelist = reverse("admin:claims_claim_changelist")
    assertContains(
        response,
        f'<a href="{changelist}?status__exact=in_review">All 3 claims in review</a>',
        html=True,
    )


def test_an_empty_queue_says_so(superuser_client):
    response = superuser_client.get(QUEUE)

    assertContains(response, '<p class="help">No claim is waiting for a reviewer.</p>', html=True)
    assertContains(
        response, '<p class="help">No proposed change is waiting for a reviewer.</p>', html=True
    )
    assertContains(response, '<p class="help">No quote is waiting for confirmation.</p>', html=True)


@pytest.mark.parametrize("rows", [1, 10])
def test_queue_query_count_is_flat(superuser_client, django_assert_max_num_queries, rows):
    for _ in range(rows):
        CitationFactory(claim=in_review())
        AppearanceFactory(quote=draft_quote())
        ClaimRevisionFactory()

    # A count and a page of rows for each of the three lists, and the session and user.
    with django_assert_max_num_queries(8):
        response = superuser_client.get(QUEUE)

    assert (
        response.context["claims"]["total"],
        response.context["revisions"]["total"],
        response.context["quotes"]["total"],
    ) == (rows, rows, rows)


def test_the_queue_lists_the_pending_proposed_changes(superuser_client):
    pending = ClaimRevisionFactory(correction_note="The figure was revised.")
    ClaimRevisionFactory(status="rejected", decided_at=timezone.now())

    response = superuser_client.get(QUEUE)

    assert [revision.pk for revision in response.context["revisions"]["rows"]] == [pending.pk]
    assertContains(response, "The figure was revised.")


# --- who may see it ------------------------------------------------------------------------


@pytest.mark.parametrize("role", [Role.EDITOR, Role.REVIEWER])
def test_editors_and_reviewers_see_both_lists(client, db, role):
    claim, quote = in_review(), draft_quote()
    signed_in(client, role)

    response = client.get(QUEUE)

    assert (response.context["claims"]["rows"], response.context["quotes"]["rows"]) == (
        [claim],
        [quote],
    )


def test_superusers_see_both_lists(superuser_client):
    claim, quote = in_review(), draft_quote()

    response = superuser_client.get(QUEUE)

    assert (response.context["claims"]["rows"], response.context["quotes"]["rows"]) == (
        [claim],
        [quote],
    )


def test_who_may_see_only_quotes_sees_only_the_quotes(client, db):
    in_review()
    quote = draft_quote()
    user = UserFactory(is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="view_quote"))
    client.force_login(user)

    response = client.get(QUEUE)

    assert ("claims" in response.context, response.context["quotes"]["rows"]) == (False, [quote])
    assertNotContains(response, 'id="claims-in-review"')


def test_staff_without_permissions_are_refused(client, db):
    signed_in(client)

    response = client.get(QUEUE)

    assert response.status_code == 403


def test_anonymous_visitors_are_sent_to_the_login_page(client, db):
    response = client.get(QUEUE)

    assert (response.status_code, response["Location"]) == (
        302,
        f"{reverse('admin:login')}?next={QUEUE}",
    )


def test_the_index_links_to_the_queue(client, db):
    signed_in(client, Role.EDITOR)

    response = client.get(INDEX)

    assertContains(
        response,
        f'<a href="{QUEUE}">Claims in review and quotes awaiting confirmation</a>',
        html=True,
    )


def test_the_index_offers_no_link_to_staff_without_permissions(client, db):
    signed_in(client)

    response = client.get(INDEX)

    assertNotContains(response, QUEUE)
