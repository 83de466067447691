"""HTTP caching for what sits in front (apps/ops/http_caching.py, the feeds' Last-Modified in
apps/web/feeds.py): ETags and 304s on every public read, on response-cache hits as on
misses, Cache-Control by audience, compression.

Tests that write through a service use real commits (`transaction=True`), as the response
cache is made stale on commit.
"""

import gzip
from datetime import UTC, datetime, timedelta

import pytest
from django.contrib.auth.models import Permission
from django.core.exceptions import ImproperlyConfigured
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django.utils.http import http_date
from rest_framework.authtoken.models import Token

from apps.claims.editing import claim_update
from apps.claims.models import Claim
from apps.claims.workflow import claim_retract
from apps.ops.response_cache import response_cache
from tests.factories import (
    SpeakerFactory,
    arranged,
)
from tests.ops.settings_loader import PRODUCTION
from tests.response_cache import published_claim, reviewer

PUBLIC = "public, max-age=60, s-maxage=300, stale-while-revalidate=30, stale-if-error=86400"
LIFETIMES = [
    "HTTP_CACHE_MAX_AGE",
    "HTTP_CACHE_S_MAXAGE",
    "HTTP_CACHE_STALE_WHILE_REVALIDATE",
    "HTTP_CACHE_STALE_IF_ERROR",
]
committing = pytest.mark.django_db(transaction=True, serialized_rollback=True)
A_WHILE_AGO = datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC)

# A page, a list, a detail page, a feed, the sitemap index and one of its files, an API
# list and the API search: every kind of public read that carries no ETag of its own.
READS = [
    "/",
    "/claims/",
    "/claims/{slug}/",
    "/feeds/claims/",
    "/sitemap.xml",
    "/sitemap-claims.xml",
    "/api/v1/claims/",
    "/api/v1/search/?q=exports&kind=claim",
]


@pytest.fixture(autouse=True)
def _http_cache_settings(settings):
    settings.HTTP_CACHE_MAX_AGE = 60
    settings.HTTP_CACHE_S_MAXAGE = 300
    settings.HTTP_CACHE_STALE_WHILE_REVALIDATE = 30
    settings.HTTP_CACHE_STALE_IF_ERROR = 86_400


def vary(response) -> set[str]:
    return {name.strip().lower() for name in response.get("Vary", "").split(",")}


def long_ago(claim: Claim) -> None:
    """Date the claim's last change and publication well in the past."""
    with arranged():
        Claim.objects.filter(pk=claim.pk).update(updated_at=A_WHILE_AGO, published_at=A_WHILE_AGO)


# --- ETag and 304 --------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("url", READS)
def test_a_read_answers_304_to_the_etag_the_client_holds(url):
    claim = published_claim(statement="Exports rose.")
    url = url.format(slug=claim.slug)
    first = Client().get(url)

    again = Client().get(url, HTTP_IF_NONE_MATCH=first["ETag"])

    assert first.status_code == 200
    assert first["ETag"].startswith('"')
    assert (again.status_code, again.content, again["ETag"]) == (304, b"", first["ETag"])
    assert again["Cache-Control"] == first["Cache-Control"] == PUBLIC
    assert again["Vary"] == first["Vary"]


@pytest.mark.django_db
@pytest.mark.parametrize("url", READS)
def test_a_response_cache_hit_answers_304_to_the_etag_the_client_holds(response_cache_on, url):
    claim = published_claim(statement="Exports rose.")
    url = url.format(slug=claim.slug)
    first = Client().get(url)
    hit = Client().get(url)

    again = Client().get(url, HTTP_IF_NONE_MATCH=first["ETag"])

    assert (first["X-Cache"], hit["X-Cache"]) == ("miss", "hit")
    assert hit["ETag"] == first["ETag"]
    assert (again.status_code, again.content, again["X-Cache"]) == (304, b"", "hit")
    assert again["Cache-Control"] == PUBLIC


@pytest.mark.django_db
@pytest.mark.parametrize("url", READS)
def test_a_response_cache_miss_answers_304_to_the_etag_the_client_holds(response_cache_on, url):
    claim = published_claim(statement="Exports rose.")
    url = url.format(slug=claim.slug)
    held = Client().get(url)["ETag"]
    response_cache().clear()  # as after the entry was culled or outlived its TTL

    again = Client().get(url, HTTP_IF_NONE_MATCH=held)

    assert (again.status_code, again.content, again["X-Cache"]) == (304, b"", "miss")
    assert again["ETag"] == held


@pytest.mark.django_db
def test_a_read_answers_200_to_an_etag_it_does_not_have():
    published_claim(statement="Exports rose.")

    response = Client().get("/claims/", HTTP_IF_NONE_MATCH='"something-else"')

    assert response.status_code == 200
    assert b"Exports rose." in response.content


@pytest.mark.django_db
def test_an_api_detail_keeps_its_own_etag():
    claim = published_claim()

    response = Client().get(f"/api/v1/claims/{claim.pk}/")

    assert response["ETag"] == f'"{claim.updated_at.timestamp() * 1_000_000:.0f}-public"'
    assert response["Cache-Control"] == PUBLIC


@pytest.mark.django_db
def test_head_answers_with_the_headers_of_get_and_304_to_its_etag():
    claim = published_claim()
    url = f"/claims/{claim.slug}/"
    get = Client().get(url)

    head = Client().head(url)
    conditional = Client().head(url, HTTP_IF_NONE_MATCH=get["ETag"])

    assert (head.status_code, head.content) == (200, b"")
    assert (head["ETag"], head["Cache-Control"]) == (get["ETag"], get["Cache-Control"])
    assert (conditional.status_code, conditional["ETag"]) == (304, get["ETag"])


@committing
@pytest.mark.parametrize(
    "url", ["/claims/", "/claims/{slug}/", "/feeds/claims/", "/api/v1/claims/"]
)
def test_a_published_change_is_never_answered_304(response_cache_on, url):
    claim = published_claim(statement="Exports rose.")
    url = url.format(slug=claim.slug)
    held = Client().get(url)["ETag"]
    assert Client().get(url, HTTP_IF_NONE_MATCH=held).status_code == 304

    claim_update(
        claim=claim,
        actor=reviewer(),
        statement="Exports fell.",
        correction_note="The ministry revised its figure.",
    )
    response = Client().get(url, HTTP_IF_NONE_MATCH=held)

    assert response.status_code == 200
    assert response["ETag"] != held
    assert b"Exports fell." in response.content
    assert b"Exports rose." not in response.content


# --- Last-Modified -------------------------------------------------------------------


@pytest.mark.django_db
def test_a_feed_answers_304_to_if_modified_since_its_last_change():
    long_ago(published_claim())
    response = Client().get("/feeds/claims/")

    again = Client().get("/feeds/claims/", HTTP_IF_MODIFIED_SINCE=response["Last-Modified"])

    assert response["Last-Modified"] == http_date(A_WHILE_AGO.timestamp())
    assert (again.status_code, again.content) == (304, b"")


@pytest.mark.django_db
def test_a_speakers_feed_is_as_new_as_the_speaker():
    speaker = SpeakerFactory()
    long_ago(published_claim(claimant=speaker))
    with arranged():
        type(speaker).objects.filter(pk=speaker.pk).update(
            updated_at=A_WHILE_AGO + timedelta(days=1)
        )

    response = Client().get(f"/feeds/speakers/{speaker.slug}/")

    assert response["Last-Modified"] == http_date((A_WHILE_AGO + timedelta(days=1)).timestamp())


@pytest.mark.django_db
def test_a_feed_whose_last_change_is_not_a_second_old_has_no_last_modified():
    claim = published_claim()
    # Not yet a whole second old, as a change a moment ago would be (or one stamped by a
    # host whose clock runs ahead): a later change could carry the same HTTP date.
    with arranged():
        Claim.objects.filter(pk=claim.pk).update(updated_at=timezone.now() + timedelta(hours=1))

    response = Client().get("/feeds/claims/")

    assert response.status_code == 200
    assert "Last-Modified" not in response


@committing
def test_a_retraction_of_an_older_claim_answers_200_to_if_modified_since(response_cache_on):
    older = published_claim(statement="Exports rose.")
    long_ago(older)
    newest = published_claim(statement="Imports fell.")
    with arranged():
        Claim.objects.filter(pk=newest.pk).update(
            updated_at=A_WHILE_AGO + timedelta(days=1),
            published_at=A_WHILE_AGO + timedelta(days=1),
        )
    held = Client().get("/feeds/claims/")["Last-Modified"]

    claim_retract(claim=Claim.objects.get(pk=older.pk), actor=reviewer(), note="Wrong figure.")
    response = Client().get("/feeds/claims/", HTTP_IF_MODIFIED_SINCE=held)

    # Django's own Last-Modified (the newest entry's date) would not have moved: 304.
    assert response.status_code == 200
    assert b"Exports rose." not in response.content
    assert b"Imports fell." in response.content


# --- Cache-Control and Vary ----------------------------------------------------------


@pytest.mark.django_db
def test_an_anonymous_page_is_public_and_varies_on_cookie_and_encoding():
    response = Client().get("/claims/")

    assert response["Cache-Control"] == PUBLIC
    assert vary(response) == {"cookie", "accept-encoding"}


@pytest.mark.django_db
def test_an_anonymous_api_answer_varies_on_accept_and_on_who_asks():
    published_claim()

    response = Client().get("/api/v1/claims/")

    assert response["Cache-Control"] == PUBLIC
    # (and Origin, for CORS)
    assert vary(response) >= {"accept", "cookie", "authorization", "accept-encoding"}


@pytest.mark.django_db
def test_a_missing_claim_is_public_like_its_page():
    response = Client().get("/claims/no-such-claim/")

    assert (response.status_code, response["Cache-Control"]) == (404, PUBLIC)


@pytest.mark.django_db
def test_a_settings_value_of_zero_leaves_its_directive_out(settings):
    settings.HTTP_CACHE_STALE_WHILE_REVALIDATE = 0
    settings.HTTP_CACHE_STALE_IF_ERROR = 0

    response = Client().get("/claims/")

    assert response["Cache-Control"] == "public, max-age=60, s-maxage=300"


@pytest.mark.django_db
def test_a_signed_in_page_is_private(editor):
    client = Client()
    client.force_login(editor)

    response = client.get("/claims/")

    assert response["Cache-Control"] == "private, no-cache"


@pytest.mark.django_db
def test_a_token_holders_api_answer_is_private(editor):
    token = Token.objects.create(user=editor)

    response = Client().get("/api/v1/claims/", HTTP_AUTHORIZATION=f"Token {token.key}")

    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-cache"


@pytest.mark.django_db
def test_the_admin_is_never_stored(superuser, settings):
    client = Client()
    client.force_login(superuser)

    response = client.get(f"/{settings.ADMIN_URL}claims/claim/")

    assert response.status_code == 200
    assert set(response["Cache-Control"].split(", ")) == {
        "max-age=0",
        "no-cache",
        "no-store",
        "must-revalidate",
        "private",
    }


@pytest.mark.django_db
def test_an_anonymous_write_is_not_stored():
    response = Client().post("/api/v1/claims/", {}, content_type="application/json")

    assert response.status_code == 401
    assert response["Cache-Control"] == "no-store"


@pytest.mark.django_db
def test_an_answer_that_sets_a_cookie_is_private(settings):
    response = Client().get(f"/{settings.ADMIN_URL}login/")

    assert "csrftoken" in response.cookies
    assert "public" not in response["Cache-Control"]
    assert "private" in response["Cache-Control"].split(", ")


@pytest.mark.django_db
def test_a_refused_read_is_not_stored(settings):
    settings.API_THROTTLE_ANON = "1/min"
    Client().get("/api/v1/claims/")

    response = Client().get("/api/v1/claims/")

    assert (response.status_code, response["Cache-Control"]) == (429, "no-store")


@pytest.mark.django_db
def test_a_page_outside_the_public_site_is_not_stored():
    response = Client().get("/no-such-page/")

    assert (response.status_code, response["Cache-Control"]) == (404, "no-store")


def test_lifetimes_default_to_a_minute_in_browsers_and_five_in_shared_caches(load_settings):
    production = load_settings(**PRODUCTION)
    development = load_settings(DEBUG="1")

    assert [production[name] for name in LIFETIMES] == [60, 300, 30, 86_400]
    assert development["HTTP_CACHE_MAX_AGE"] == 0  # a developer sees a template change


def test_a_negative_lifetime_stops_start_up(load_settings):
    with pytest.raises(ImproperlyConfigured, match="HTTP_CACHE_S_MAXAGE=-1 is negative"):
        load_settings(**PRODUCTION, HTTP_CACHE_S_MAXAGE="-1")


# --- compression ---------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("url", READS)
def test_a_read_is_compressed_for_a_client_that_accepts_gzip(url):
    # Enough claims that every body is worth compressing (200 bytes and more).
    claim = [published_claim() for _ in range(5)][-1]
    url = url.format(slug=claim.slug)
    plain = Client().get(url)

    compressed = Client().get(url, HTTP_ACCEPT_ENCODING="gzip, deflate, br")

    assert "Content-Encoding" not in plain
    assert compressed["Content-Encoding"] == "gzip"
    assert gzip.decompress(compressed.content) == plain.content
    assert compressed["ETag"] == f"W/{plain['ETag']}"


@pytest.mark.django_db
def test_a_compressed_hit_answers_304_to_the_etag_of_the_plain_one(response_cache_on):
    published_claim()
    plain = Client().get("/claims/")

    again = Client().get(
        "/claims/", HTTP_ACCEPT_ENCODING="gzip", HTTP_IF_NONE_MATCH=f"W/{plain['ETag']}"
    )

    assert (again.status_code, again["X-Cache"]) == (304, "hit")
    assert again["ETag"] == f"W/{plain['ETag']}"  # as the compressed 200's
    assert vary(again) == {"cookie", "accept-encoding"}


@pytest.mark.django_db
def test_a_signed_in_browser_is_answered_uncompressed(editor):
    client = Client()
    client.force_login(editor)

    response = client.get("/claims/", HTTP_ACCEPT_ENCODING="gzip")

    assert response.status_code == 200
    assert "Content-Encoding" not in response
    assert b"</html>" in response.content


@pytest.mark.django_db
def test_an_editor_writes_with_the_etag_read_by_a_client_asking_for_gzip(editor):
    editor.user_permissions.set(
        Permission.objects.filter(codename__in=["view_speaker", "change_speaker"])
    )
    token = Token.objects.create(user=editor)
    speaker = SpeakerFactory(description="A long description, " * 10)
    client = Client(HTTP_AUTHORIZATION=f"Token {token.key}", HTTP_ACCEPT_ENCODING="gzip")
    read = client.get(f"/api/v1/speakers/{speaker.pk}/")

    response = client.patch(
        f"/api/v1/speakers/{speaker.pk}/",
        {"name": "Ann Premier"},
        content_type="application/json",
        HTTP_IF_MATCH=read["ETag"],
    )

    assert response.status_code == 200  # not 412, as for a weak W/"…" tag
    assert response.json()["name"] == "Ann Premier"
    assert "Content-Encoding" not in read


# --- cost ----------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/claims/", "/api/v1/claims/"])
def test_http_caching_adds_no_query_to_a_list(settings, url):
    for _ in range(3):
        published_claim()
    with CaptureQueriesContext(connection) as with_caching:
        Client().get(url, HTTP_ACCEPT_ENCODING="gzip")
    settings.MIDDLEWARE = [
        name
        for name in settings.MIDDLEWARE
        if not name.startswith("apps.ops.http_caching.") and "gzip" not in name
    ]

    with CaptureQueriesContext(connection) as without:
        Client().get(url, HTTP_ACCEPT_ENCODING="gzip")

    assert len(with_caching) == len(without)
