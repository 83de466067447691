"""Request size limits: a body over them answers 413 saying which limit, never a 500.

The admin and the API read form data and JSON into memory; DATA_UPLOAD_MAX_MEMORY_SIZE
(10 MiB) and DATA_UPLOAD_MAX_NUMBER_FIELDS (2,000) bound them, while a long article
(about 1 MB) still fits in any encoding.
"""

import json
from urllib.parse import urlencode

import pytest
from django.core.cache import cache
from django.urls import reverse

from apps.quotes.models import Quote
from apps.topics.models import Topic
from tests.api.conftest import token_client
from tests.factories import SourceFactory, TopicFactory, UserFactory

LIMIT = 10 * 1024 * 1024
# Cyrillic takes two bytes a letter in UTF-8 and six once percent-encoded in a form.
ARTICLE = ("Путин сказал, что около двух миллионов человек живут в Израиле. " * 16_000).strip()


@pytest.fixture(autouse=True)
def _clean_throttle_counts():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def superuser_token(db):
    return token_client(UserFactory(username="chief", is_superuser=True, is_staff=True))


def api_error(detail: str) -> dict:
    return {
        "type": "client_error",
        "errors": [{"code": "request_too_large", "detail": detail, "attr": None}],
    }


BODY_DETAIL = (
    "The request body is over 1,000 bytes, the most this site accepts besides uploaded "
    "files (DATA_UPLOAD_MAX_MEMORY_SIZE)."
)


def test_the_default_limits_hold_a_long_article_in_any_encoding(settings):
    form_encoded = len(urlencode({"text": ARTICLE}))

    assert (
        len(ARTICLE.encode()) > 1_000_000,
        form_encoded < settings.DATA_UPLOAD_MAX_MEMORY_SIZE == LIMIT,
        settings.DATA_UPLOAD_MAX_NUMBER_FIELDS,
        settings.FILE_UPLOAD_MAX_MEMORY_SIZE,
    ) == (True, True, 2000, 2621440)


def test_the_limits_are_read_from_the_environment(load_settings):
    settings = load_settings(
        DATA_UPLOAD_MAX_MEMORY_SIZE="1048576",
        DATA_UPLOAD_MAX_NUMBER_FIELDS="500",
        FILE_UPLOAD_MAX_MEMORY_SIZE="65536",
    )

    assert (
        settings["DATA_UPLOAD_MAX_MEMORY_SIZE"],
        settings["DATA_UPLOAD_MAX_NUMBER_FIELDS"],
        settings["FILE_UPLOAD_MAX_MEMORY_SIZE"],
    ) == (1048576, 500, 65536)


def test_the_api_accepts_a_long_article(superuser_token):
    response = superuser_token.post(
        "/api/v1/sources/",
        data=json.dumps({"title": "A long article", "text": ARTICLE}),
        content_type="application/json",
    )

    assert (response.status_code, len(response.json()["text"])) == (201, len(ARTICLE))


def test_the_api_answers_413_for_a_body_over_the_limit(superuser_token, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    body = json.dumps({"text": "x" * 2000, "speaker_name": "A. Minister"})

    response = superuser_token.post("/api/v1/quotes/", data=body, content_type="application/json")

    assert (response.status_code, response.json(), Quote.objects.count()) == (
        413,
        api_error(BODY_DETAIL),
        0,
    )


def test_the_api_answers_413_for_a_change_over_the_limit(superuser_token, settings):
    topic = TopicFactory(description="Before.")
    url = f"/api/v1/topics/{topic.pk}/"
    tag = superuser_token.get(url)["ETag"]
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000

    response = superuser_token.patch(
        url,
        data=json.dumps({"description": "y" * 2000}),
        content_type="application/json",
        HTTP_IF_MATCH=tag,
    )

    topic.refresh_from_db()
    assert (response.status_code, response.json(), topic.description) == (
        413,
        api_error(BODY_DETAIL),
        "Before.",
    )


def test_an_anonymous_write_over_the_limit_is_refused_before_it_is_read(client, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000

    response = client.post(
        "/api/v1/quotes/", data=json.dumps({"text": "x" * 2000}), content_type="application/json"
    )

    assert (response.status_code, response.json()["errors"][0]["code"]) == (
        401,
        "not_authenticated",
    )


def test_an_api_body_over_the_limit_outside_a_view_answers_413_as_json(rf, settings):
    from django.core.exceptions import RequestDataTooBig

    from apps.ops.limits import bad_request

    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000

    response = bad_request(rf.post("/api/v1/quotes/"), RequestDataTooBig("too big"))

    assert (response.status_code, json.loads(response.content)) == (413, api_error(BODY_DETAIL))


@pytest.fixture
def admin_client_for_chief(client, db):
    client.force_login(UserFactory(username="chief", is_superuser=True, is_staff=True))
    return client


def test_the_admin_accepts_a_long_text(admin_client_for_chief):
    response = admin_client_for_chief.post(
        reverse("admin:topics_topic_add"),
        data={"name": "Migration", "slug": "migration", "description": ARTICLE},
    )

    assert (response.status_code, Topic.objects.get().description) == (302, ARTICLE)


def test_the_admin_answers_413_for_a_form_over_the_limit(admin_client_for_chief, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000

    response = admin_client_for_chief.post(
        reverse("admin:topics_topic_add"),
        data={"name": "Migration", "slug": "migration", "description": "z" * 2000},
    )

    page = response.content.decode()
    assert (
        response.status_code,
        "That was too large to accept" in page,
        BODY_DETAIL in page,
        Topic.objects.count(),
    ) == (413, True, True, 0)


def test_the_admin_answers_413_for_a_form_with_too_many_fields(admin_client_for_chief):
    fields = {f"field-{n}": "1" for n in range(2001)}

    response = admin_client_for_chief.post(
        reverse("admin:sources_source_add"), data={**fields, "title": "T", "text": "T"}
    )

    assert (
        response.status_code,
        "The request has more than 2,000 fields, the most this site accepts "
        "(DATA_UPLOAD_MAX_NUMBER_FIELDS)." in response.content.decode(),
    ) == (413, True)


def test_an_article_upload_is_not_counted_as_form_data(admin_client_for_chief, settings):
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    article = "Exports rose.\n\n" + "The minister spoke at length. " * 100

    response = admin_client_for_chief.post(
        reverse("admin:ingest_quoteproposal_import"),
        data={"file": SimpleUploadedFile("article.txt", article.encode())},
    )

    assert (response.status_code, SourceFactory._meta.model.objects.get().title) == (
        302,
        "Exports rose.",
    )


def test_other_bad_requests_keep_django_s_400(client, db):
    response = client.get("/", HTTP_HOST="evil.example")

    assert response.status_code == 400
