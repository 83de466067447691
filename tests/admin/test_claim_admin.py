import pytest
from django.urls import reverse
from django.utils import timezone
from pytest_django.asserts import assertContains

from apps.claims.models import Claim
from tests.admin.helpers import form_data
from tests.factories import (
    ARTICLE_TEXT,
    CitationFactory,
    ClaimFactory,
    CorrectionFactory,
    SourceFactory,
    TopicFactory,
    arranged,
    rating,
)

CHANGELIST = reverse("admin:claims_claim_changelist")
ADD = reverse("admin:claims_claim_add")
PASSAGE = "exports rose by 12% last year"


def change_url(claim: Claim) -> str:
    return reverse("admin:claims_claim_change", args=[claim.pk])


@pytest.mark.parametrize("rows", [1, 10])
def test_changelist_query_count_is_flat(superuser_client, django_assert_max_num_queries, rows):
    for _ in range(rows):
        claim = CitationFactory(claim__rating=rating("false")).claim
        with arranged():
            claim.topics.set([TopicFactory()])

    with django_assert_max_num_queries(7):
        response = superuser_client.get(CHANGELIST)

    assert response.context["cl"].result_count == rows


def test_changelist_counts_the_citations_of_each_claim(superuser_client):
    claim = ClaimFactory()
    CitationFactory.create_batch(2, claim=claim)

    response = superuser_client.get(CHANGELIST)

    assertContains(response, '<td class="field-citation_count">2</td>', html=True)


def test_search_finds_a_claim_by_its_claimants_name(superuser_client):
    claim = ClaimFactory(claimant__name="Vladimir Putin")
    ClaimFactory(claimant__name="Donald Trump")

    response = superuser_client.get(CHANGELIST, {"q": "putin"})

    assert list(response.context["cl"].result_list) == [claim]


def test_filter_by_rating_lists_only_claims_with_it(superuser_client):
    false_claim = ClaimFactory(rating=rating("false"))
    ClaimFactory(rating=rating("true"))

    response = superuser_client.get(CHANGELIST, {"rating__id__exact": rating("false").pk})

    assert list(response.context["cl"].result_list) == [false_claim]


def test_add_page_offers_the_whole_rating_scale_in_a_select(superuser_client):
    response = superuser_client.get(ADD)

    choices = response.context["adminform"].form.fields["rating"].choices
    assert [label for _, label in choices] == [
        "---------",
        "True",
        "Mostly true",
        "Half true",
        "Mostly false",
        "False",
        "Unproven",
    ]


def test_add_with_a_citation_anchors_its_passage(superuser_client):
    source = SourceFactory()
    data = form_data(superuser_client.get(ADD))
    data.update(
        {
            "statement": "Exports rose by 12% last year.",
            "slug": "exports-rose-by-12-last-year",
            "citations-TOTAL_FORMS": "1",
            "citations-0-source": source.pk,
            "citations-0-relation": "states",
            "citations-0-exact": PASSAGE,
        }
    )

    response = superuser_client.post(ADD, data)

    assert response.status_code == 302
    citation = Claim.objects.get().citations.get()
    start = ARTICLE_TEXT.index(PASSAGE)
    assert (citation.match, citation.start, citation.end) == ("exact", start, start + len(PASSAGE))


def test_change_page_shows_each_citations_match_beside_it(superuser_client):
    citation = CitationFactory(exact="Exports rose by 12% last year")

    response = superuser_client.get(change_url(citation.claim))

    assertContains(response, '<td class="field-anchor_match"><p>Exact</p></td>', html=True)
    assertContains(response, f'<td class="field-found_passage"><p>{PASSAGE}</p></td>', html=True)


def test_change_page_lists_the_claims_corrections(superuser_client):
    correction = CorrectionFactory()

    response = superuser_client.get(change_url(correction.claim))

    _citations, corrections = response.context["inline_admin_formsets"]
    assert [form.instance for form in corrections.formset.initial_forms] == [correction]


def test_change_form_does_not_edit_the_status(superuser_client):
    claim = ClaimFactory()
    data = form_data(superuser_client.get(change_url(claim)))
    data["status"] = "published"

    response = superuser_client.post(change_url(claim), data)

    # The field is not in the form, so the posted value is ignored: the workflow's buttons
    # move a claim (tests/admin/test_claim_workflow_admin.py).
    assert response.status_code == 302
    claim.refresh_from_db()
    assert claim.status == "draft"


def test_change_page_shows_the_status_read_only(superuser_client):
    claim = ClaimFactory()

    response = superuser_client.get(change_url(claim))

    assert "status" not in response.context["adminform"].form.fields
    assertContains(response, '<div class="readonly">Draft</div>', html=True)


def test_change_writes_history_by_the_signed_in_user(superuser_client, superuser):
    claim = ClaimFactory()
    data = form_data(superuser_client.get(change_url(claim)))
    data["rating"] = rating("mostly-false").pk

    superuser_client.post(change_url(claim), data)

    latest = claim.history.latest()
    assert (latest.rating_id, latest.history_user) == (rating("mostly-false").pk, superuser)


def test_delete_is_refused_for_a_published_claim(superuser_client):
    claim = ClaimFactory(
        statement="Exports rose by 12% last year.", status="published", published_at=timezone.now()
    )

    response = superuser_client.post(
        reverse("admin:claims_claim_delete", args=[claim.pk]), {"post": "yes"}, follow=True
    )

    assert [str(message) for message in response.context["messages"]] == [
        "Cannot delete claim “Exports rose by 12% last year.”: it has been published. "
        "Retract it instead, so that readers can see what changed."
    ]
    assert Claim.objects.filter(pk=claim.pk).exists()


def test_delete_removes_a_draft_claim(superuser_client):
    claim = ClaimFactory()

    response = superuser_client.post(
        reverse("admin:claims_claim_delete", args=[claim.pk]), {"post": "yes"}
    )

    assert response.status_code == 302
    assert not Claim.objects.filter(pk=claim.pk).exists()


def test_changelist_offers_no_bulk_delete(superuser_client):
    response = superuser_client.get(CHANGELIST)

    # Claims are deleted one at a time, through the service; re-checking anchors is the one
    # bulk action left.
    assert [name for name, _ in response.context["action_form"].fields["action"].choices] == [
        "",
        "recheck_anchors",
    ]
