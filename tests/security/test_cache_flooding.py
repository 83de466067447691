"""A client cannot fill the shared response cache with copies of one page
(apps/ops/response_cache.py): query parameters the view does not read, headers it does not
look at and unusual spellings of the host are answered, but not stored.

The outside test's case: `/claims/?utm=N` for 1,500 values of N stored 1,500 rows.
"""

import pytest
from django.db import connection

from apps.ops.response_cache import GENERATION_KEY, response_cache
from tests.factories import PublishedClaimFactory, SpeakerFactory

JSON = {"HTTP_ACCEPT": "application/json"}


pytestmark = pytest.mark.usefixtures("response_cache_on")


def stored_answers() -> int:
    table = connection.ops.quote_name(response_cache()._table)
    generation = response_cache().make_key(GENERATION_KEY)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COUNT(*) FROM {table} WHERE cache_key <> %s", [generation])
        return cursor.fetchone()[0]


@pytest.mark.slow
@pytest.mark.django_db
def test_a_parameter_no_page_reads_does_not_store_a_copy_per_value(anon):
    PublishedClaimFactory(statement="Exports rose.")

    answers = [anon.get("/claims/", {"utm": n}) for n in range(200)]

    assert {(a.status_code, a["X-Cache"]) for a in answers} == {(200, "miss")}
    assert b"Exports rose." in answers[-1].content
    assert stored_answers() == 0


@pytest.mark.django_db
def test_a_parameter_an_api_detail_does_not_read_is_not_stored_either(anon):
    claim = PublishedClaimFactory()

    statuses = {
        anon.get(f"/api/v1/claims/{claim.pk}/", {"utm": n}, **JSON).status_code for n in range(50)
    }

    assert (statuses, stored_answers()) == ({200}, 0)


@pytest.mark.django_db
def test_the_parameters_a_page_reads_are_still_cached(anon):
    speaker = SpeakerFactory(slug="minister")
    PublishedClaimFactory(claimant=speaker)
    urls = ["/claims/?speaker=minister", "/claims/?speaker=minister&page=1", "/search/?q=x"]

    first = [anon.get(url)["X-Cache"] for url in urls]
    second = [anon.get(url)["X-Cache"] for url in urls]

    assert (first, second) == (["miss"] * 3, ["hit"] * 3)
    assert stored_answers() == 3


@pytest.mark.django_db
def test_a_repeated_parameter_read_once_is_not_stored(anon):
    PublishedClaimFactory()

    for n in range(1, 20):
        anon.get("/claims/?" + "&".join(["page=1"] * n))

    assert stored_answers() == 1  # ?page=1 itself


@pytest.mark.django_db
@pytest.mark.parametrize(
    "header",
    ["HTTP_ACCEPT", "HTTP_ACCEPT_LANGUAGE"],
)
def test_headers_a_page_does_not_read_do_not_store_a_copy_per_value(anon, header):
    PublishedClaimFactory()

    answers = [anon.get("/claims/", **{header: f"text/html;q=0.{n}"}) for n in range(1, 30)]

    assert [a["X-Cache"] for a in answers[:2]] == ["miss", "hit"]
    assert stored_answers() == 1


@pytest.mark.django_db
def test_an_api_answer_is_stored_once_per_representation(anon):
    claim = PublishedClaimFactory(statement="Exports rose.")
    url = f"/api/v1/claims/{claim.pk}/"
    accepts = [f"application/json;q=0.{n}" for n in range(1, 30)] + ["*/*", "application/*"]

    compact = [anon.get(url, HTTP_ACCEPT=accept) for accept in accepts]
    indented = [anon.get(url, HTTP_ACCEPT="application/json; indent=4") for _ in range(2)]

    assert [a["X-Cache"] for a in compact[:2]] == ["miss", "hit"]
    assert {a.content for a in compact} == {compact[0].content}
    assert [a["X-Cache"] for a in indented] == ["miss", "hit"]
    assert indented[1].content.startswith(b'{\n    "id"')
    assert stored_answers() == 2


@pytest.mark.django_db
def test_unusual_spellings_of_the_host_are_not_stored(anon):
    PublishedClaimFactory()
    hosts = ["TESTSERVER", "TestServer", "testserver:1", "testserver:81", "testserver:080"]

    answers = [anon.get("/claims/", HTTP_HOST=host) for host in hosts]
    usual = [anon.get("/claims/", HTTP_HOST=host) for host in ["testserver", "testserver:80"]]

    assert {(a.status_code, a.get("X-Cache")) for a in answers} == {(200, None)}
    assert b"http://testserver:1/claims/" in answers[2].content
    assert [a["X-Cache"] for a in usual] == ["miss", "miss"]
    assert stored_answers() == 2
