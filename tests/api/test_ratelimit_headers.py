"""RateLimit-Policy and RateLimit (draft-ietf-httpapi-ratelimit-headers) on counted answers."""

import re

from django.test import Client

from tests.factories import TopicFactory

RATE_LIMIT = re.compile(r'^"(?P<policy>\w+)";r=(?P<remaining>\d+);t=(?P<reset>\d+)$')


def remaining(response) -> tuple[str, int]:
    match = RATE_LIMIT.match(response["RateLimit"])
    assert match, response["RateLimit"]
    assert 0 < int(match["reset"]) <= 60
    return match["policy"], int(match["remaining"])


def test_anonymous_answers_count_down_the_anonymous_rate(anon, settings):
    settings.API_THROTTLE_ANON = "3/min"

    responses = [anon.get("/api/v1/topics/") for _ in range(3)]

    assert (
        [response["RateLimit-Policy"] for response in responses],
        [remaining(response) for response in responses],
    ) == (['"anon";q=3;w=60'] * 3, [("anon", 2), ("anon", 1), ("anon", 0)])


def test_refused_answer_has_retry_after_beside_the_rate_limit_headers(anon, settings):
    settings.API_THROTTLE_ANON = "1/min"
    anon.get("/api/v1/topics/")

    response = anon.get("/api/v1/topics/")

    assert (
        response.status_code,
        response["RateLimit-Policy"],
        remaining(response),
        0 < int(response["Retry-After"]) <= 60,
    ) == (429, '"anon";q=1;w=60', ("anon", 0), True)


def test_editors_see_their_own_rate(api_editor, settings):
    settings.API_THROTTLE_USER = "5/min"

    response = api_editor.get("/api/v1/topics/")

    assert (response["RateLimit-Policy"], remaining(response)) == (
        '"user";q=5;w=60',
        ("user", 4),
    )


def test_answer_from_the_response_cache_carries_its_own_count(db, response_cache_on, settings):
    settings.API_THROTTLE_ANON = "5/min"
    TopicFactory()
    reader = Client()

    first = reader.get("/api/v1/topics/")
    second = reader.get("/api/v1/topics/")

    assert ((first["X-Cache"], remaining(first)), (second["X-Cache"], remaining(second))) == (
        ("miss", ("anon", 4)),
        ("hit", ("anon", 3)),
    )


def test_pages_carry_no_rate_limit_headers(client, db):
    response = client.get("/topics/")

    assert (response.status_code, response.has_header("RateLimit")) == (200, False)
