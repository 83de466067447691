"""Query counts of the changelists that have no test module of their own here: the imports'
(quote proposals, ClaimReview origins) and those of the libraries the site registers (users,
groups, API tokens, and django-axes' login records). Each is read at two sizes with the same
budget, so that no changelist runs a query per row."""

import itertools

import pytest
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib.auth.models import Group, Permission
from django.urls import reverse
from rest_framework.authtoken.models import Token

from tests.factories import ClaimReviewOriginFactory, QuoteProposalFactory, UserFactory

_numbers = itertools.count()


def quote_proposal():
    QuoteProposalFactory(confidence=0.9, mention="she")


def claimreview_origin():
    ClaimReviewOriginFactory(reviewer_name="Example Check")


def user():
    UserFactory(is_staff=True).groups.add(Group.objects.get(name="Editor"))


def group():
    Group.objects.create(name=f"Desk {next(_numbers)}").permissions.set(
        Permission.objects.filter(codename__startswith="view_")[:3]
    )


def token():
    Token.objects.create(user=UserFactory())


def access_record(model):
    def make():
        fields = {
            "user_agent": "Mozilla/5.0",
            "ip_address": "192.0.2.1",
            "username": f"editor{next(_numbers)}",
            "http_accept": "text/html",
            "path_info": "/admin/login/",
        }
        if model is AccessAttempt:
            fields.update(get_data="", post_data="", failures_since_start=1)
        model.objects.create(**fields)

    return make


# changelist: (how to make a row, the budget of queries for the whole page)
CHANGELISTS = {
    "ingest_quoteproposal": (quote_proposal, 5),
    "ingest_claimrevieworigin": (claimreview_origin, 6),
    "auth_user": (user, 6),
    "auth_group": (group, 5),
    "authtoken_tokenproxy": (token, 5),
    "axes_accessattempt": (access_record(AccessAttempt), 8),
    "axes_accesslog": (access_record(AccessLog), 8),
    "axes_accessfailurelog": (access_record(AccessFailureLog), 8),
}


@pytest.mark.parametrize("rows", [1, 10])
@pytest.mark.parametrize("changelist", list(CHANGELISTS))
def test_changelist_query_count_is_flat(
    superuser_client, django_assert_max_num_queries, changelist, rows
):
    make, budget = CHANGELISTS[changelist]
    for _ in range(rows):
        make()

    with django_assert_max_num_queries(budget):
        response = superuser_client.get(reverse(f"admin:{changelist}_changelist"))

    # Besides the rows made here: the signed-in superuser, the record of their sign-in, and
    # the Editor and Reviewer groups.
    extra = {"auth_user": 1, "axes_accesslog": 1, "auth_group": 2}.get(changelist, 0)
    assert response.context["cl"].result_count == rows + extra
