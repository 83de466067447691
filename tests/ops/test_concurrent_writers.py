"""Several editors write the same claim at the same moment, through the API (If-Match) and
the admin (the version its form was opened from), on PostgreSQL.

Whatever the interleaving, every write that was acknowledged (200 from the API, the
admin's redirect after saving) is one row in the claim's history, each of them was made
from the version written just before it (so none silently replaced another), every write
that was not acknowledged left no trace, and the claim ends as the last acknowledged write
left it.
"""

import threading

import lxml.html
import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.urls import reverse
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from apps.claims.models import Claim
from tests.factories import ClaimFactory, UserFactory

pytestmark = [
    pytest.mark.postgres(
        reason="needs PostgreSQL (set DATABASE_URL=postgres://…): SQLite takes no row locks "
        "(SELECT … FOR UPDATE) and lets one writer in at a time",
    ),
    # Each thread has its own connection, which must see what the others commit.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

API_WRITERS = 4
ADMIN_WRITERS = 3
ATTEMPTS = 6


def superuser(username: str):
    return UserFactory(username=username, is_staff=True, is_superuser=True, password="!")


def api_writer(name: str, claim_id: int, start: threading.Barrier, outcomes: list):
    client = APIClient()
    token, _ = Token.objects.get_or_create(user=superuser(name))
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    url = f"/api/v1/claims/{claim_id}/"

    def run():
        start.wait()
        for attempt in range(ATTEMPTS):
            read = client.get(url)
            statement = f"{name} write {attempt}."
            answer = client.patch(url, {"statement": statement}, HTTP_IF_MATCH=read["ETag"])
            # 200: written; 412: another write came first (any other answer is a failure).
            assert answer.status_code in {200, 412}, answer.content
            outcomes.append((statement, read.json()["statement"], answer.status_code == 200))

    return run


def posted_form(response) -> dict[str, list[str]]:
    """What a browser would post for the admin's change form in `response`, read from its
    HTML: the test client's `response.context` collects templates rendered in every thread.
    """
    (form,) = lxml.html.fromstring(response.content).xpath('//form[@id="claim_form"]')
    data = {}
    for name, value in form.form_values():
        data.setdefault(name, []).append(value)
    return data


def admin_writer(name: str, claim_id: int, start: threading.Barrier, outcomes: list):
    client = Client()
    client.force_login(superuser(name))
    url = reverse("admin:claims_claim_change", args=[claim_id])

    def run():
        start.wait()
        for attempt in range(ATTEMPTS):
            data = posted_form(client.get(url))
            [read], statement = data["statement"], f"{name} write {attempt}."
            data["statement"] = [statement]
            answer = client.post(url, data)
            # 302: saved; 200: the form is shown again, refused (any other answer: a failure).
            assert answer.status_code in {200, 302}, answer.content
            if answer.status_code == 200:
                page = answer.content.decode()
                assert ("This claim was changed by " in page, statement in page) == (True, True)
            outcomes.append((statement, read.strip(), answer.status_code == 302))

    return run


def in_thread(work, failures: list):
    def target():
        try:
            work()
        except BaseException as error:  # reported by the test, not lost in the thread
            failures.append(error)
        finally:
            connection.close()  # this thread's own connection

    return threading.Thread(target=target)


def test_concurrent_api_and_admin_writers_lose_no_acknowledged_write():
    cache.clear()  # the API's rate limits count in the cache
    claim = ClaimFactory(statement="As created.")
    start = threading.Barrier(API_WRITERS + ADMIN_WRITERS)
    outcomes, failures = [], []
    works = [api_writer(f"api{n}", claim.pk, start, outcomes) for n in range(API_WRITERS)]
    works += [admin_writer(f"admin{n}", claim.pk, start, outcomes) for n in range(ADMIN_WRITERS)]
    threads = [in_thread(work, failures) for work in works]

    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)

    assert failures == []
    acknowledged = {statement: read for statement, read, done in outcomes if done}
    refused = {statement for statement, _, done in outcomes if not done}
    assert len(outcomes) == (API_WRITERS + ADMIN_WRITERS) * ATTEMPTS
    assert acknowledged
    assert refused  # the writers did meet

    history = list(claim.history.order_by("history_id").values_list("statement", flat=True))
    claim.refresh_from_db()
    # One row for the creation, then one per acknowledged write, in the order they were made;
    # each made from the version before it.
    assert history[0] == "As created."
    assert sorted(history[1:]) == sorted(acknowledged)
    assert [acknowledged[statement] for statement in history[1:]] == history[:-1]
    assert set(history).isdisjoint(refused)
    assert claim.statement == history[-1]
    assert Claim.objects.count() == 1
