"""Each process's copies of the response cache's entries (apps/ops/local_responses.py): a hit
on a copy reads only the cache's generation, and a copy is never served once a visible write
or a cleared cache could have made it stale."""

import time

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from apps.claims.editing import claim_update
from apps.ops.local_responses import LocalEntries, entry_size, local_entries
from apps.ops.response_cache import response_cache
from apps.ops.staleness import bump
from tests.response_cache import published_claim, reviewer

committing = pytest.mark.django_db(transaction=True, serialized_rollback=True)
cached = pytest.mark.usefixtures("response_cache_on")


def _read(client, url: str):
    """The answer's X-Cache and body, and the statements it took."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    return response.get("X-Cache"), response.content, [q["sql"] for q in queries]


def _reads_a_stored_answer(statements: list[str]) -> bool:
    return any(":1:r:" in (sql or "") for sql in statements)


@cached
@pytest.mark.django_db
def test_a_hit_on_an_answer_this_process_stored_reads_only_the_generation(anon):
    claim = published_claim(statement="Exports rose.")
    _read(anon, claim.get_absolute_url())

    state, _, statements = _read(anon, claim.get_absolute_url())

    assert state == "hit"
    assert len(statements) == 1
    assert not _reads_a_stored_answer(statements)


@cached
@pytest.mark.django_db
def test_without_copies_a_hit_reads_the_stored_answer(anon, settings):
    settings.RESPONSE_CACHE_LOCAL_BYTES = 0
    claim = published_claim(statement="Exports rose.")
    _read(anon, claim.get_absolute_url())

    state, _, statements = _read(anon, claim.get_absolute_url())

    assert (state, len(local_entries)) == ("hit", 0)
    assert _reads_a_stored_answer(statements)


@cached
@pytest.mark.django_db
def test_a_copy_is_not_served_once_the_cache_is_cleared(anon):
    claim = published_claim(statement="Exports rose.")
    _read(anon, claim.get_absolute_url())

    response_cache().clear()
    state, _, _ = _read(anon, claim.get_absolute_url())

    assert state == "miss"


@cached
@committing
def test_a_copy_is_not_served_after_a_write_that_changed_what_it_shows(anon):
    claim = published_claim(statement="Exports rose.")
    _read(anon, claim.get_absolute_url())
    _read(anon, claim.get_absolute_url())  # now a copy

    claim_update(
        claim=claim, actor=reviewer(), statement="Exports fell.", correction_note="Revised."
    )
    state, body, _ = _read(anon, claim.get_absolute_url())

    assert state == "miss"
    assert b"Exports fell." in body


@cached
@committing
def test_a_copy_found_fresh_again_after_an_unrelated_write_is_served_from_memory_again(anon):
    claim = published_claim(statement="Exports rose.")
    _read(anon, claim.get_absolute_url())
    bump(["speaker:unrelated"])

    checked = _read(anon, claim.get_absolute_url())
    again = _read(anon, claim.get_absolute_url())

    assert (checked[0], again[0]) == ("hit", "hit")
    assert len(checked[2]) == 2  # the generation, then the copy's tokens
    assert len(again[2]) == 1
    assert not _reads_a_stored_answer(checked[2] + again[2])
    assert again[1] == checked[1]


# --- the copies themselves ----------------------------------------------------------------


def _entry(body: bytes = b"x" * 1000, *, expires: float | None = None):
    return (
        "g",
        {"claim:1": "t"},
        200,
        [("Content-Type", "text/html")],
        body,
        expires or time.time() + 60,
    )


def test_a_copy_says_under_which_generation_it_was_found_fresh():
    copies = LocalEntries()
    copies.keep("r:a", _entry(), "g1")

    assert copies.get("r:a")[1] == "g1"
    assert copies.get("r:b") is None


def test_a_copy_is_not_served_once_its_entry_has_expired():
    copies = LocalEntries()
    copies.keep("r:a", _entry(expires=time.time() - 1), "g1")

    assert (copies.get("r:a"), len(copies)) == (None, 0)


def test_the_least_recently_served_copies_go_first_when_the_memory_is_full(settings):
    settings.RESPONSE_CACHE_LOCAL_BYTES = 5 * entry_size(_entry()) + 10
    copies = LocalEntries()
    keys = ["r:a", "r:b", "r:c", "r:d", "r:e"]
    for key in keys:
        copies.keep(key, _entry(), "g")
    copies.get("r:a")

    copies.keep("r:f", _entry(), "g")

    assert [copies.holds(k) for k in [*keys, "r:f"]] == [True, False, True, True, True, True]
    assert copies.nbytes <= settings.RESPONSE_CACHE_LOCAL_BYTES


def test_an_answer_larger_than_a_quarter_of_the_memory_is_not_copied(settings):
    settings.RESPONSE_CACHE_LOCAL_BYTES = 4 * entry_size(_entry())
    copies = LocalEntries()

    copies.keep("r:big", _entry(b"x" * 2000), "g")

    assert (len(copies), copies.nbytes) == (0, 0)
