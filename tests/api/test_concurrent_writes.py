"""Two editors holding the same ETag: the second write, arriving while the first holds the
row, must be compared with what the first wrote, not with what both read."""

import threading
import time

import pytest
from django.db import connection, transaction

from apps.claims.editing import claim_update
from apps.claims.models import Claim
from tests.api.conftest import token_client
from tests.api.helpers import error
from tests.factories import ClaimFactory


@pytest.mark.postgres(reason="row locks (SELECT … FOR UPDATE) are PostgreSQL's")
# serialized_rollback: the flush after this test then leaves content types and the rating
# scale for the next transactional test (the browser tests) to restore, not duplicate.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_write_waiting_for_a_locked_claim_is_compared_with_the_committed_change(
    api_editor_user,
):
    claim = ClaimFactory(statement="Read by both.")
    url = f"/api/v1/claims/{claim.pk}/"
    second_editor = token_client(api_editor_user)
    read_etag = second_editor.get(url)["ETag"]
    answers = []

    def second_write():
        try:
            answers.append(
                second_editor.patch(url, {"statement": "Second."}, HTTP_IF_MATCH=read_etag)
            )
        finally:
            connection.close()  # this thread's own connection

    with transaction.atomic():
        # The first editor's write, in progress: the row is locked and changed.
        locked = Claim.objects.select_for_update().get(pk=claim.pk)
        claim_update(claim=locked, statement="First.")
        thread = threading.Thread(target=second_write)
        thread.start()
        time.sleep(0.5)  # the second write is now waiting for the row
        assert answers == []
    thread.join(timeout=10)

    claim.refresh_from_db()
    assert (error(answers[0]), claim.statement) == (
        (412, [(None, "precondition_failed")]),
        "First.",
    )
