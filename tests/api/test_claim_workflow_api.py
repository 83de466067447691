"""The claim workflow and quote checking through the API: the same rules as the admin."""

import pytest

from apps.claims.editing import claim_update
from apps.claims.models import Claim
from apps.quotes.models import Quote
from tests.api.helpers import error, etag, results
from tests.factories import AppearanceFactory, CitationFactory, ClaimFactory, QuoteFactory, rating


def detail(claim) -> str:
    return f"/api/v1/claims/{claim.pk}/"


def post(client, url: str, action: str, data=None, *, if_match=None):
    headers = {"HTTP_IF_MATCH": if_match or etag(client, url)}
    return client.post(f"{url}{action}/", data or {}, format="json", **headers)


def ready_claim(**fields) -> Claim:
    claim = ClaimFactory(
        status=Claim.Status.IN_REVIEW, rating=rating("false"), summary="No.", **fields
    )
    CitationFactory(claim=claim)  # its passage stands in the factory's source text
    return claim


def test_an_editor_cannot_publish(api_editor):
    claim = ready_claim()

    response = post(api_editor, detail(claim), "publish")

    assert error(response) == (403, [(None, "permission_denied")])
    assert response.json()["errors"][0]["detail"] == "Only reviewers may publish a claim."
    claim.refresh_from_db()
    assert claim.status == Claim.Status.IN_REVIEW


def test_a_reviewer_publishes_and_readers_see_the_claim(api_reviewer, anon):
    claim = ready_claim()
    assert results(anon.get("/api/v1/claims/")) == []

    response = post(api_reviewer, detail(claim), "publish")

    assert response.status_code == 200, response.content
    assert response.json()["status"] == "published"
    assert response["ETag"] == etag(api_reviewer, detail(claim))
    assert [item["id"] for item in results(anon.get("/api/v1/claims/"))] == [claim.pk]


def test_publishing_an_unready_claim_lists_what_is_missing(api_reviewer):
    claim = ClaimFactory(status=Claim.Status.IN_REVIEW)

    response = post(api_reviewer, detail(claim), "publish")

    assert error(response) == (400, [(None, "invalid")] * 3)
    assert [item["detail"] for item in response.json()["errors"]] == [
        "Give the claim a rating.",
        "Write the verdict summary.",
        "Cite at least one passage that is found in the text of a published source.",
    ]
    claim.refresh_from_db()
    assert claim.status == Claim.Status.IN_REVIEW


def test_a_stale_etag_is_refused(api_reviewer):
    claim = ready_claim()
    stale = etag(api_reviewer, detail(claim))
    claim_update(claim=claim, summary="Changed meanwhile.")

    response = post(api_reviewer, detail(claim), "publish", if_match=stale)

    assert error(response) == (412, [(None, "precondition_failed")])
    claim.refresh_from_db()
    assert claim.status == Claim.Status.IN_REVIEW


def test_an_action_without_if_match_is_refused(api_reviewer):
    claim = ready_claim()

    response = api_reviewer.post(f"{detail(claim)}publish/")

    assert error(response) == (428, [(None, "precondition_required")])


def test_an_editor_submits_and_sends_back_with_a_note(api_editor):
    claim = ClaimFactory()

    assert post(api_editor, detail(claim), "submit").json()["status"] == "in_review"
    response = post(api_editor, detail(claim), "return-to-draft", {"note": "Cite the report."})

    assert response.json()["status"] == "draft"
    claim.refresh_from_db()
    assert claim.history.first().history_change_reason == "Sent back to draft: Cite the report."


def test_submitting_a_claim_in_review_is_a_400(api_editor):
    claim = ready_claim()

    response = post(api_editor, detail(claim), "submit")

    assert error(response) == (400, [(None, "invalid_transition")])


def test_retracting_needs_a_note(api_reviewer):
    claim = ready_claim()
    post(api_reviewer, detail(claim), "publish")

    assert error(post(api_reviewer, detail(claim), "retract")) == (400, [("note", "required")])
    response = post(api_reviewer, detail(claim), "retract", {"note": "The quote was fake."})

    assert response.json()["status"] == "retracted"


def test_anonymous_clients_cannot_act(anon):
    claim = ready_claim()

    response = anon.post(f"{detail(claim)}publish/", HTTP_IF_MATCH='"x"')

    assert response.status_code == 401


@pytest.mark.parametrize(("action", "status"), [("confirm", "confirmed"), ("reject", "rejected")])
def test_an_editor_confirms_or_rejects_a_quote(api_editor, action, status):
    quote = AppearanceFactory(quote__status=Quote.Status.DRAFT).quote

    response = post(api_editor, f"/api/v1/quotes/{quote.pk}/", action)

    assert response.status_code == 200, response.content
    assert response.json()["status"] == status


def test_confirming_a_quote_not_found_in_its_sources_is_a_400(api_editor):
    quote = QuoteFactory(status=Quote.Status.DRAFT)
    AppearanceFactory(quote=quote, exact="words that stand in no source at all")

    response = post(api_editor, f"/api/v1/quotes/{quote.pk}/", "confirm")

    assert error(response) == (400, [(None, "not_in_source")])
    quote.refresh_from_db()
    assert quote.status == Quote.Status.DRAFT


def test_a_user_without_the_change_permission_cannot_reject(outsider):
    quote = AppearanceFactory(quote__status=Quote.Status.CONFIRMED).quote

    response = post(outsider, f"/api/v1/quotes/{quote.pk}/", "reject")

    assert error(response) == (403, [(None, "permission_denied")])
