"""The API's side of a trustworthy record: editors' changes to published claims are proposed
(202) and decided by reviewers, quotes are confirmed only by their action, sources list their
earlier texts, and removals leave tombstones."""

import datetime

import pytest
from django.contrib.auth.models import Group

from apps.accounts.roles import Role
from apps.claims import workflow
from apps.claims.models import ClaimRevision
from apps.sources.models import Source
from apps.sources.services import source_update
from tests.api.conftest import token_client
from tests.api.helpers import api, error, etag, results
from tests.factories import (
    ARTICLE_TEXT,
    CitationFactory,
    PublishedClaimFactory,
    SourceFactory,
    UserFactory,
)


def member(role: str, username: str):
    user = UserFactory(username=username, password="!")
    user.groups.add(Group.objects.get(name=role))
    return user


@pytest.fixture
def editor(db):
    return token_client(member(Role.EDITOR, "editor"))


@pytest.fixture
def reviewer(db):
    return token_client(member(Role.REVIEWER, "reviewer"))


@pytest.fixture
def published(db):
    claim = PublishedClaimFactory(analysis="First.", summary="They did.")
    CitationFactory(claim=claim)
    return claim


def _patch(client, claim, body):
    url = api(f"claims/{claim.pk}/")
    return client.patch(url, body, format="json", HTTP_IF_MATCH=etag(client, url))


# --- proposals -----------------------------------------------------------------------------


def test_an_editors_patch_of_a_published_claim_answers_202_with_the_proposal(editor, published):
    response = _patch(editor, published, {"analysis": "Second."})

    revision = ClaimRevision.objects.get()
    published.refresh_from_db()
    assert (
        response.status_code,
        response["Location"],
        response.json()["changes"],
        response.json()["status"],
        published.analysis,
    ) == (
        202,
        api(f"claim-revisions/{revision.pk}/"),
        {"analysis": "Second."},
        "pending",
        "First.",
    )


def test_an_editors_proposal_of_substance_needs_a_correction_note(editor, published):
    response = _patch(editor, published, {"statement": "Exports fell."})

    assert error(response) == (400, [("correction_note", "correction_required")])


def test_a_reviewers_patch_of_a_published_claim_changes_it(reviewer, published):
    response = _patch(reviewer, published, {"analysis": "Second."})

    assert (response.status_code, response.json()["analysis"]) == (200, "Second.")


def test_a_reviewer_accepts_a_proposal(editor, reviewer, published):
    _patch(editor, published, {"analysis": "Second."})
    revision = ClaimRevision.objects.get()

    response = reviewer.post(api(f"claim-revisions/{revision.pk}/accept/"))

    published.refresh_from_db()
    assert (response.status_code, response.json()["status"], published.analysis) == (
        200,
        "accepted",
        "Second.",
    )


def test_an_editor_may_not_accept_a_proposal(editor, published):
    _patch(editor, published, {"analysis": "Second."})
    revision = ClaimRevision.objects.get()

    response = editor.post(api(f"claim-revisions/{revision.pk}/accept/"))

    assert (response.status_code, ClaimRevision.objects.get().status) == (403, "pending")


def test_a_reviewer_rejects_a_proposal_with_a_note(editor, reviewer, published):
    _patch(editor, published, {"analysis": "Second."})
    revision = ClaimRevision.objects.get()

    response = reviewer.post(
        api(f"claim-revisions/{revision.pk}/reject/"), {"note": "Unsourced."}, format="json"
    )

    assert (response.status_code, response.json()["decision_note"]) == (200, "Unsourced.")


def test_revisions_are_for_editors_only(anon, published):
    outsider = token_client(UserFactory(username="outsider", password="!"))

    assert (
        anon.get(api("claim-revisions/")).status_code,
        outsider.get(api("claim-revisions/")).status_code,
    ) == (401, 404)


@pytest.mark.parametrize("rows", [1, 8])
def test_the_revision_list_query_count_is_flat(editor, published, django_assert_num_queries, rows):
    for number in range(rows):
        _patch(editor, published, {"analysis": f"Version {number}."})

    with django_assert_num_queries(6):  # token, permissions, group permissions, the page
        listed = results(editor.get(api("claim-revisions/")))

    assert len(listed) == rows


# --- quotes are confirmed by their action -------------------------------------------------


def test_a_quote_is_not_created_confirmed(editor, db):
    source = SourceFactory(slug="exports")

    response = editor.post(
        api("quotes/"),
        {
            "text": "We have never sold more grain abroad,",
            "speaker_name": "The minister",
            "status": "confirmed",
            "appearances": [{"source": "exports"}],
        },
        format="json",
    )

    assert (error(response), source.appearances.count()) == ((400, [("status", "workflow")]), 0)


# --- sources list their earlier texts -----------------------------------------------------


def test_a_source_lists_its_earlier_texts(anon, db):
    source = SourceFactory()
    source_update(source=source, text="Updated. " + ARTICLE_TEXT, text_change_note="Updated.")

    body = anon.get(api(f"sources/{source.pk}/")).json()
    versions = anon.get(body["versions_url"]).json()

    assert (
        body["text_version"],
        [(v["number"], v["text"], v["change_note"]) for v in versions],
    ) == (
        2,
        [(1, ARTICLE_TEXT, "Updated.")],
    )


def test_a_draft_sources_texts_are_not_public(anon, db):
    source = SourceFactory(status=Source.Status.DRAFT)

    assert anon.get(api(f"sources/{source.pk}/versions/")).status_code == 404


# --- removals leave tombstones -------------------------------------------------------------


def test_a_retracted_claim_leaves_a_tombstone(anon, published):
    workflow.claim_retract(
        claim=published, actor=member(Role.REVIEWER, "retracting"), note="Misread."
    )

    (tombstone,) = results(anon.get(api("tombstones/")))
    assert (tombstone["kind"], tombstone["id"], tombstone["reason"]) == (
        "claim",
        published.pk,
        "retracted",
    )


def test_tombstones_since_a_moment_leave_out_older_ones(anon, published):
    workflow.claim_retract(
        claim=published, actor=member(Role.REVIEWER, "retracting"), note="Misread."
    )
    later = datetime.datetime.now(datetime.UTC) + datetime.timedelta(seconds=1)

    assert results(anon.get(api("tombstones/"), {"since": later.isoformat()})) == []


@pytest.mark.parametrize("rows", [1, 8])
def test_the_tombstone_list_query_count_is_flat(anon, db, django_assert_num_queries, rows):
    for source in SourceFactory.create_batch(rows):
        source_update(source=source, status=Source.Status.DRAFT)

    with django_assert_num_queries(2):
        listed = results(anon.get(api("tombstones/")))

    assert len(listed) == rows


def test_an_editors_proposal_to_remove_every_citation_is_refused(editor, published):
    response = _patch(editor, published, {"citations": [], "correction_note": "Wrong source."})

    assert (error(response), ClaimRevision.objects.count()) == (
        (400, [("citations", "citation_required")]),
        0,
    )


def test_a_reviewer_may_not_publish_a_claim_they_wrote_through_the_api(reviewer, db):
    source = SourceFactory(slug="exports")
    created = reviewer.post(
        api("claims/"),
        {
            "statement": "Exports rose by 12% last year.",
            "rating": "true",
            "summary": "They did.",
            "citations": [
                {"source": "exports", "relation": "states", "exact": "exports rose by 12%"}
            ],
        },
        format="json",
    ).json()
    url = created["api_url"]
    reviewer.post(f"{url}submit/", HTTP_IF_MATCH=etag(reviewer, url))

    response = reviewer.post(f"{url}publish/", HTTP_IF_MATCH=etag(reviewer, url))

    assert (response.status_code, source.citations.get().claim.status) == (403, "in_review")


def test_an_editors_new_text_for_a_published_source_keeps_the_old_one(editor, db):
    source = SourceFactory()
    url = api(f"sources/{source.pk}/")

    response = editor.patch(
        url,
        {"text": "Updated. " + ARTICLE_TEXT, "text_change_note": "A line added."},
        format="json",
        HTTP_IF_MATCH=etag(editor, url),
    )

    assert (response.status_code, response.json()["text_version"]) == (200, 2)
    assert list(source.versions.values_list("text", "change_note")) == [
        (ARTICLE_TEXT, "A line added.")
    ]
