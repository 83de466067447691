"""CORS: any web page may read the public API; no other origin may write to it."""

from tests.factories import TopicFactory

ORIGIN = "https://widget.example"


def test_preflight_of_a_read_from_another_origin_is_allowed(anon):
    response = anon.options(
        "/api/v1/topics/",
        HTTP_ORIGIN=ORIGIN,
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET",
        HTTP_ACCESS_CONTROL_REQUEST_HEADERS="accept, if-none-match",
    )

    assert (
        response.status_code,
        response["Access-Control-Allow-Origin"],
        response["Access-Control-Allow-Methods"],
        response["Access-Control-Allow-Headers"],
        response.has_header("Access-Control-Allow-Credentials"),
    ) == (
        200,
        "*",
        "GET, HEAD, OPTIONS",
        "accept, accept-language, if-none-match, if-modified-since",
        False,
    )


def test_get_from_another_origin_is_readable_with_its_paging_and_rate_headers(anon):
    TopicFactory(name="Trade")

    response = anon.get("/api/v1/topics/", HTTP_ORIGIN=ORIGIN)

    exposed = {name.strip() for name in response["Access-Control-Expose-Headers"].split(",")}
    assert (
        response.status_code,
        [topic["name"] for topic in response.json()["results"]],
        response["Access-Control-Allow-Origin"],
        {"ETag", "Link", "RateLimit", "RateLimit-Policy", "Retry-After"} <= exposed,
        response.has_header("Access-Control-Allow-Credentials"),
    ) == (200, ["Trade"], "*", True, False)


def test_preflight_of_a_write_from_another_origin_does_not_allow_it(anon):
    response = anon.options(
        "/api/v1/topics/",
        HTTP_ORIGIN=ORIGIN,
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="POST",
        HTTP_ACCESS_CONTROL_REQUEST_HEADERS="authorization, content-type",
    )

    allowed = response["Access-Control-Allow-Methods"].split(", ")
    assert ("POST" in allowed, "authorization" in response["Access-Control-Allow-Headers"]) == (
        False,
        False,
    )


def test_write_from_another_origin_gets_no_cors_header(api_editor):
    response = api_editor.post(
        "/api/v1/topics/", {"name": "Energy"}, format="json", HTTP_ORIGIN=ORIGIN
    )

    assert (response.status_code, response.has_header("Access-Control-Allow-Origin")) == (
        201,
        False,
    )


def test_pages_are_not_opened_to_other_origins(client, db):
    response = client.get("/topics/", HTTP_ORIGIN=ORIGIN)

    assert (response.status_code, response.has_header("Access-Control-Allow-Origin")) == (
        200,
        False,
    )
