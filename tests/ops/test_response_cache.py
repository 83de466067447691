"""The shared response cache (apps/ops/response_cache.py): anonymous reads served again
while nothing they show changed, committed writes readers can see making them stale
(which ones: tests/ops/test_staleness.py), signed-in views never stored or served.

Tests that write use real commits (`transaction=True`): invalidation happens on commit,
which a test wrapped in a transaction never reaches. The cache's table is not flushed
between such tests, so every test here starts and ends with it cleared.
"""

import pytest
from django.contrib.auth.models import Permission
from django.db import transaction
from django.test import Client, override_settings
from rest_framework.authtoken.models import Token

from apps.claims.editing import claim_update
from apps.claims.models import Claim
from apps.claims.workflow import claim_publish
from apps.ops.staleness import _Bump, bump, everything_changed
from apps.speakers.models import Speaker
from apps.speakers.services import speaker_update
from tests.factories import (
    CitationFactory,
    ClaimFactory,
    SpeakerFactory,
    TopicFactory,
    UserFactory,
    arranged,
    rating,
)
from tests.response_cache import published_claim, reviewer

JSON = {"HTTP_ACCEPT": "application/json"}
# serialized_rollback: the flush after each committing test leaves the rating scale and
# content types as the migrations made them, for the tests that run after.
committing = pytest.mark.django_db(transaction=True, serialized_rollback=True)


pytestmark = pytest.mark.usefixtures("response_cache_on")


def read(client, url: str, **headers):
    response = client.get(url, **JSON, **headers)
    return response.status_code, response.headers.get("X-Cache"), response.content


def _revise_exports(claim) -> None:
    """A published claim's statement corrected, as a reviewer does: a public write."""
    claim_update(
        claim=claim,
        actor=reviewer(),
        statement="Exports fell.",
        correction_note="The ministry revised its figure.",
    )


def editor_with_token(**permission_filter):
    user = UserFactory(username="cache-editor", is_staff=True)
    user.user_permissions.set(Permission.objects.filter(**permission_filter))
    token, _ = Token.objects.get_or_create(user=user)
    return user, token.key


# --- serving -------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_second_anonymous_read_is_a_hit_with_the_same_body_in_two_queries(
    anon, django_assert_max_num_queries
):
    claim = published_claim(statement="Exports rose.")
    url = f"/api/v1/claims/{claim.pk}/"
    first = anon.get(url, **JSON)

    # The stored answer, and the statement that counts the request against the client's rate.
    with django_assert_max_num_queries(2):
        second = anon.get(url, **JSON)

    assert (first["X-Cache"], second["X-Cache"]) == ("miss", "hit")
    assert (second.status_code, second.content, second["ETag"]) == (
        200,
        first.content,
        first["ETag"],
    )
    assert second["Content-Type"] == first["Content-Type"] == "application/json"
    assert second.json()["statement"] == "Exports rose."


@pytest.mark.django_db
def test_a_hit_answers_304_to_the_etag_the_client_holds(anon):
    claim = published_claim()
    url = f"/api/v1/claims/{claim.pk}/"
    held = anon.get(url, **JSON)["ETag"]

    response = anon.get(url, HTTP_IF_NONE_MATCH=held, **JSON)

    assert (response.status_code, response["X-Cache"], response["ETag"]) == (304, "hit", held)
    assert response.content == b""


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/speakers/",
        "/api/v1/claims/?ordering=-id",
        "/api/v1/search/?q=exports&kind=claim",
        "/api/v1/claims/similar/?text=exports%20rose",
        "/",
        "/claims/",
        "/speakers/{speaker}/",
        "/search/?q=exports",
    ],
)
def test_public_pages_and_api_reads_are_served_from_the_cache(anon, url):
    speaker = SpeakerFactory(slug="minister")
    published_claim(statement="Exports rose by 12% last year.", claimant=speaker)
    url = url.format(speaker=speaker.slug)

    first, second = read(anon, url), read(anon, url)

    assert (first[:2], second[:2]) == ((200, "miss"), (200, "hit"))
    assert second[2] == first[2]


@pytest.mark.django_db
def test_json_and_html_of_one_url_are_kept_apart(anon):
    claim = published_claim()
    url = f"/api/v1/claims/{claim.pk}/"
    anon.get(url, **JSON)

    browsable = anon.get(url, HTTP_ACCEPT="text/html")

    assert browsable["Content-Type"].startswith("text/html")
    assert browsable.get("X-Cache") != "hit"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("query", "headers", "status", "code"),
    [
        ({"format": "xml"}, {}, 404, "not_found"),
        ({}, {"HTTP_ACCEPT": "application/xml"}, 406, "not_acceptable"),
    ],
)
def test_a_format_the_api_does_not_have_is_answered_by_the_api_in_its_shape(
    anon, query, headers, status, code
):
    response = anon.get("/api/v1/claims/", query, **headers)

    assert (response.status_code, response["Content-Type"]) == (status, "application/json")
    assert response.json()["errors"][0]["code"] == code


@pytest.mark.django_db
def test_a_404_is_not_stored(anon):
    assert [read(anon, "/api/v1/claims/999999/")[:2] for _ in range(2)] == [(404, "miss")] * 2


@pytest.mark.django_db
def test_writes_and_health_checks_are_not_cached(anon):
    assert anon.get("/healthz").get("X-Cache") is None
    assert anon.post("/api/v1/claims/", {}, content_type="application/json").get("X-Cache") is None


@pytest.mark.django_db
def test_nothing_is_cached_with_the_setting_off(anon, settings):
    settings.RESPONSE_CACHE = False
    claim = published_claim()

    statuses = [read(anon, f"/api/v1/claims/{claim.pk}/")[:2] for _ in range(2)]

    assert statuses == [(200, None), (200, None)]


@pytest.mark.django_db
def test_a_head_request_is_answered_from_the_stored_get(anon):
    claim = published_claim()
    url = f"/api/v1/claims/{claim.pk}/"
    anon.get(url, **JSON)

    response = anon.head(url, **JSON)

    assert (response.status_code, response["X-Cache"]) == (200, "hit")


@pytest.mark.django_db
def test_throttling_counts_hits_and_still_answers_429(anon, settings):
    settings.API_THROTTLE_ANON = "2/min"
    claim = published_claim()

    statuses = [read(anon, f"/api/v1/claims/{claim.pk}/")[:2] for _ in range(3)]

    assert statuses == [(200, "miss"), (200, "hit"), (429, "miss")]


# --- signed-in readers -----------------------------------------------------------------


@pytest.mark.django_db
def test_an_editors_view_of_a_draft_is_never_stored_nor_served_to_anyone(anon):
    draft = ClaimFactory(statement="Draft, not for readers.")
    url = f"/api/v1/claims/{draft.pk}/"
    _, key = editor_with_token(content_type__app_label="claims")
    editor = Client(HTTP_AUTHORIZATION=f"Token {key}")

    editor_reads = [read(editor, url) for _ in range(2)]
    anonymous = read(anon, url)

    assert [r[:2] for r in editor_reads] == [(200, None), (200, None)]
    assert b"Draft, not for readers." in editor_reads[1][2]
    assert anonymous[:2] == (404, "miss")
    assert b"Draft, not for readers." not in anonymous[2]


@pytest.mark.django_db
def test_a_signed_in_editor_is_not_served_what_anonymous_readers_were(anon):
    published_claim(statement="Public claim.")
    ClaimFactory(statement="Draft claim.")
    user, _ = editor_with_token(content_type__app_label="claims")
    editor = Client()
    editor.force_login(user)
    anon.get("/api/v1/claims/", **JSON)

    status, cached, body = read(editor, "/api/v1/claims/")

    assert (status, cached) == (200, None)
    assert b"Draft claim." in body
    assert b"Public claim." in body
    assert b"Draft claim." not in read(anon, "/api/v1/claims/")[2]


@pytest.mark.django_db
def test_a_page_that_sets_a_cookie_is_not_stored(anon):
    # The sign-in page hands out a CSRF token and cookie.
    responses = [anon.get("/admin/login/") for _ in range(2)]

    assert [r.get("X-Cache") for r in responses] == [None, None]


# --- invalidation --------------------------------------------------------------------


@committing
def test_a_change_through_a_service_makes_the_next_read_a_miss_with_the_new_content(anon):
    claim = published_claim(statement="Exports rose.")
    url = f"/api/v1/claims/{claim.pk}/"
    read(anon, url)
    assert read(anon, url)[1] == "hit"

    _revise_exports(claim)

    status, cached, body = read(anon, url)
    assert (status, cached) == (200, "miss")
    assert b"Exports fell." in body
    assert b"Exports rose." not in body
    assert read(anon, url)[1] == "hit"


@committing
def test_a_change_to_a_speaker_makes_every_page_that_shows_them_stale(anon):
    speaker = SpeakerFactory(name="Ann Minister", slug="ann")
    published_claim(claimant=speaker)
    pages = ["/", "/speakers/", "/speakers/ann/", "/api/v1/speakers/"]
    for url in pages:
        read(anon, url)

    with transaction.atomic():
        speaker_update(speaker=Speaker.objects.get(pk=speaker.pk), name="Ann Premier")

    after = [read(anon, url) for url in pages]
    assert [r[:2] for r in after] == [(200, "miss")] * 4
    assert all(b"Ann Premier" in r[2] for r in after[1:])


@committing
def test_a_write_through_the_api_makes_the_next_anonymous_read_a_miss(anon):
    claim = published_claim(statement="Exports rose.")
    url = f"/api/v1/claims/{claim.pk}/"
    _, key = editor_with_token(content_type__app_label="claims")
    editor = Client(HTTP_AUTHORIZATION=f"Token {key}")
    read(anon, url)
    held = editor.get(url, **JSON)["ETag"]

    written = editor.patch(
        url,
        {"statement": "Exports fell.", "correction_note": "The ministry revised its figure."},
        content_type="application/json",
        HTTP_IF_MATCH=held,
    )

    assert written.status_code == 200
    status, cached, body = read(anon, url)
    assert (status, cached) == (200, "miss")
    assert b"Exports fell." in body


@committing
def test_a_deletion_in_the_admin_makes_the_next_anonymous_read_a_miss(anon):
    SpeakerFactory(name="Kept Speaker")
    gone = SpeakerFactory(name="Deleted Speaker")
    admin = Client()
    admin.force_login(UserFactory(username="root", is_staff=True, is_superuser=True))
    assert b"Deleted Speaker" in read(anon, "/api/v1/speakers/")[2]

    response = admin.post(f"/admin/speakers/speaker/{gone.pk}/delete/", {"post": "yes"})

    assert response.status_code == 302
    status, cached, body = read(anon, "/api/v1/speakers/")
    assert (status, cached) == (200, "miss")
    assert b"Deleted Speaker" not in body
    assert b"Kept Speaker" in body


@committing
def test_publishing_a_claim_shows_it_to_the_next_anonymous_reader(anon):
    claim = ClaimFactory(
        statement="Soon public.",
        status=Claim.Status.IN_REVIEW,
        rating=rating("false"),
        summary="No.",
    )
    CitationFactory(claim=claim)
    read(anon, "/api/v1/claims/")

    claim_publish(claim=claim, actor=reviewer())

    status, cached, body = read(anon, "/api/v1/claims/")
    assert (status, cached) == (200, "miss")
    assert b"Soon public." in body


@committing
def test_a_bulk_write_is_served_stale_until_its_writer_announces_it(anon):
    claim = ClaimFactory(statement="Soon public.")
    read(anon, "/api/v1/claims/")

    with arranged():  # as a service's bulk write: update() sends no signal ...
        Claim.objects.filter(pk=claim.pk).update(
            status=Claim.Status.PUBLISHED, published_at="2026-01-02T00:00:00Z"
        )
    before = read(anon, "/api/v1/claims/")
    everything_changed()  # ... so bulk writers announce their changes themselves

    status, cached, body = read(anon, "/api/v1/claims/")
    assert (before[1], b"Soon public." in before[2]) == ("hit", False)
    assert (status, cached) == (200, "miss")
    assert b"Soon public." in body


@committing
def test_a_topic_added_to_a_claim_makes_the_cache_stale(anon):
    claim = published_claim()
    topic = TopicFactory(name="Farming")
    url = f"/api/v1/claims/{claim.pk}/"
    read(anon, url)

    claim_update(claim=claim, actor=reviewer(), topics=[topic])

    status, cached, body = read(anon, url)
    assert (status, cached) == (200, "miss")
    assert b"Farming" in body


@committing
def test_a_rolled_back_write_leaves_the_cache_alone(anon):
    claim = published_claim(statement="Exports rose.")
    url = f"/api/v1/claims/{claim.pk}/"
    read(anon, url)

    def write_then_fail():
        with transaction.atomic():
            claim_update(
                claim=claim,
                actor=reviewer(),
                statement="Exports fell.",
                correction_note="The ministry revised its figure.",
            )
            raise RuntimeError

    with pytest.raises(RuntimeError):
        write_then_fail()

    assert read(anon, url)[:2] == (200, "hit")


@pytest.mark.django_db
def test_many_writes_in_one_transaction_make_the_cache_stale_once(
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks() as callbacks, transaction.atomic():
        for n in range(3):
            SpeakerFactory(name=f"Speaker {n}")

    # The cache's one (search's vocabulary has its own: apps/search/vocabulary.py).
    assert sum(isinstance(callback, _Bump) for callback in callbacks) == 1


@committing
def test_without_its_table_the_cache_is_skipped_and_the_page_still_served(anon, settings):
    claim = published_claim(statement="Exports rose.")
    responses = {**settings.CACHES["responses"], "LOCATION": "no_such_table"}

    with override_settings(CACHES={**settings.CACHES, "responses": responses}):
        status, cached, body = read(anon, f"/api/v1/claims/{claim.pk}/")

    assert (status, cached) == (200, None)
    assert b"Exports rose." in body


# --- after a write elsewhere ---------------------------------------------------------


@pytest.mark.django_db
def test_after_a_write_it_does_not_show_an_entry_has_its_tokens_read_once(
    anon, django_assert_num_queries
):
    claim = published_claim(statement="Exports rose.")
    url = f"/api/v1/claims/{claim.pk}/"
    read(anon, url)
    bump({"speaker:0"})  # a visible write, of nothing this answer shows

    # The stored answer, its keys' tokens, the rate's count; then without the tokens.
    with django_assert_num_queries(3):
        first = read(anon, url)
    with django_assert_num_queries(2):
        second = read(anon, url)

    assert [first[1], second[1]] == ["hit", "hit"]
    assert second[2] == first[2]


@committing
def test_a_write_after_its_tokens_were_read_still_makes_it_stale(anon):
    claim = published_claim(statement="Exports rose.")
    url = f"/api/v1/claims/{claim.pk}/"
    read(anon, url)
    bump({"speaker:0"})
    assert read(anon, url)[1] == "hit"  # found fresh by its tokens, noted

    _revise_exports(claim)

    status, cached, body = read(anon, url)
    assert (status, cached) == (200, "miss")
    assert b"Exports fell." in body
