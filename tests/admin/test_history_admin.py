"""The History page of every curated object: each version with what changed in it
(django-simple-history's own "Changes" column), and for passages where the anchor stood."""

import pytest
from django.urls import reverse

from apps.claims.editing import claim_update
from apps.sources.models import Source
from apps.sources.services import source_update
from tests.admin.helpers import signed_in
from tests.factories import (
    ARTICLE_TEXT,
    AppearanceFactory,
    CitationFactory,
    ClaimFactory,
    TopicFactory,
    rating,
)


def history_url(obj) -> str:
    opts = obj._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_history", args=[obj.pk])


def changes_on_page(response) -> list[list[tuple[str, str, str]]]:
    """Each version's changes, newest first: [(field, before, after), …]."""
    return [
        [
            (change["field"], str(change["old"]), str(change["new"]))
            for change in getattr(record, "history_delta_changes", [])
        ]
        for record in response.context["page_obj"]
    ]


def test_each_version_of_a_claim_shows_what_changed_in_it(superuser_client):
    claim = ClaimFactory(statement="Exports rose by 12% last year.")
    claim_update(claim=claim, rating=rating("false"), summary="The ministry says 9%.")
    claim_update(claim=claim, statement="Exports rose by 12% in 2024.")

    response = superuser_client.get(history_url(claim))

    assert changes_on_page(response) == [
        [("Statement", "Exports rose by 12% last year.", "Exports rose by 12% in 2024.")],
        [("Rating", "(none)", "False"), ("Verdict summary", "(none)", "The ministry says 9%.")],
        [],  # the version it was created as
    ]


def test_a_version_that_changed_the_topics_lists_them_before_and_after(superuser_client):
    claim = ClaimFactory()
    grain, trade = TopicFactory(name="Grain"), TopicFactory(name="Trade")
    claim_update(claim=claim, topics=[grain])
    claim_update(claim=claim, topics=[grain, trade])

    response = superuser_client.get(history_url(claim))

    topic_changes = [
        change
        for changes in changes_on_page(response)
        for change in changes
        if change[0] == "Topics"
    ]
    assert topic_changes == [("Topics", "[Grain]", "[Grain, Trade]"), ("Topics", "[]", "[Grain]")]


def test_a_change_to_a_long_text_shows_where_it_differs(superuser_client):
    source = Source.objects.get(pk=AppearanceFactory().source.pk)
    source_update(source=source, text=ARTICLE_TEXT.replace("by 9%", "by 8%"))

    response = superuser_client.get(history_url(source))

    ((field, before, after),) = changes_on_page(response)[0]
    assert (field, before[-11:], after[-11:]) == ("Text", "rose by 9%.", "rose by 8%.")


def test_each_version_of_a_citation_shows_where_its_anchor_stood(superuser_client):
    citation = CitationFactory(exact="exports rose by 12% last year")
    source_update(source=citation.source, text="KYIV — " + ARTICLE_TEXT)
    source_update(source=citation.source, text=ARTICLE_TEXT.replace("by 12%", "sharply"))

    response = superuser_client.get(history_url(citation))

    start = ARTICLE_TEXT.index("exports rose by 12% last year")
    assert [record.anchor for record in response.context["page_obj"]] == [
        "Not found",
        f"Exact, characters {start + 7}–{start + 7 + 29}",
        f"Exact, characters {start}–{start + 29}",
    ]


def test_each_version_of_an_appearance_shows_an_approximate_anchor_with_its_similarity(
    superuser_client,
):
    appearance = AppearanceFactory(exact="We have never sold so much grain abroad,")

    response = superuser_client.get(history_url(appearance))

    assert [record.anchor for record in response.context["page_obj"]] == [
        "Approximate (83% similar), characters 78–120"
    ]


@pytest.mark.parametrize("versions", [2, 10])
def test_history_page_query_count_is_flat(
    superuser_client, django_assert_max_num_queries, versions
):
    claim = ClaimFactory()
    for number in range(versions - 1):
        claim_update(
            claim=claim,
            summary=f"Version {number}.",
            rating=rating("false"),
            topics=[TopicFactory()],
        )

    with django_assert_max_num_queries(9):
        response = superuser_client.get(history_url(claim))

    assert len(response.context["page_obj"]) == claim.history.count()


@pytest.mark.parametrize("role", ["Editor", "Reviewer"])
def test_editors_and_reviewers_may_read_a_claims_history(client, db, role):
    claim = ClaimFactory()
    claim_update(claim=claim, summary="The ministry says 9%.")
    signed_in(client, role)

    response = client.get(history_url(claim))

    assert changes_on_page(response) == [
        [("Verdict summary", "(none)", "The ministry says 9%.")],
        [],
    ]


def test_staff_without_permissions_may_not_read_a_history(client, db):
    claim = ClaimFactory()
    signed_in(client)

    response = client.get(history_url(claim))

    assert response.status_code == 403
