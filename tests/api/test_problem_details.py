"""Errors as RFC 9457 problem details for clients that ask; today's JSON for the rest."""

import pytest

from tests.factories import TopicFactory

PROBLEMS = "application/json, application/problem+json"


def test_error_is_a_problem_when_the_client_accepts_problem_json(anon):
    response = anon.get("/api/v1/topics/", {"colour": "red"}, HTTP_ACCEPT=PROBLEMS)

    assert (response.status_code, response["Content-Type"], response.json()) == (
        400,
        "application/problem+json",
        {
            "type": "about:blank",
            "title": "Bad Request",
            "status": 400,
            "detail": response.json()["errors"][0]["detail"],
            "errors": [
                {
                    "code": "unknown_parameter",
                    "detail": response.json()["errors"][0]["detail"],
                    "attr": "colour",
                }
            ],
        },
    )


def test_error_stays_in_the_default_json_shape_for_other_clients(anon):
    response = anon.get("/api/v1/topics/", {"colour": "red"})

    assert (response.status_code, response["Content-Type"], sorted(response.json())) == (
        400,
        "application/json",
        ["errors", "type"],
    )


def test_problem_json_with_quality_zero_is_not_asked_for(anon):
    response = anon.get(
        "/api/v1/topics/999/", HTTP_ACCEPT="application/json, application/problem+json;q=0"
    )

    assert (response.status_code, response["Content-Type"]) == (404, "application/json")


@pytest.mark.parametrize("path", ["/api/v1/publishers/%0Aa.b/", "/api/v1/publishers/%0Aa.b"])
def test_an_api_path_holding_a_newline_is_answered_by_the_api_not_the_site(anon, path):
    # Found by schemathesis: "." in the API's catch-all routes did not match a newline, so
    # such a path fell through to the site's HTML 404 page.
    response = anon.get(path, HTTP_ACCEPT="application/json")

    assert (response.status_code, response["Content-Type"]) == (404, "application/json")


def test_not_found_as_a_problem_carries_its_detail_and_errors(anon):
    response = anon.get("/api/v1/topics/999/", HTTP_ACCEPT=PROBLEMS)

    body = response.json()
    assert (body["status"], body["title"], body["detail"], len(body["errors"])) == (
        404,
        "Not Found",
        "Not found.",
        1,
    )


def test_rate_limit_problem_keeps_retry_after(anon, settings):
    settings.API_THROTTLE_ANON = "1/min"
    anon.get("/api/v1/topics/")

    response = anon.get("/api/v1/topics/", HTTP_ACCEPT=PROBLEMS)

    assert (
        response.status_code,
        response["Content-Type"],
        response.json()["title"],
        int(response["Retry-After"]) > 0,
    ) == (429, "application/problem+json", "Too Many Requests", True)


def test_client_accepting_only_problems_is_told_406_as_a_problem(anon):
    TopicFactory()

    response = anon.get("/api/v1/topics/", HTTP_ACCEPT="application/problem+json")

    assert (response.status_code, response["Content-Type"], response.json()["status"]) == (
        406,
        "application/problem+json",
        406,
    )


@pytest.mark.parametrize("accept", [PROBLEMS, "application/ld+json, application/problem+json"])
def test_claimreview_feed_error_is_a_problem_too(anon, accept):
    response = anon.get("/api/v1/claimreview/", {"rating": "true"}, HTTP_ACCEPT=accept)

    assert (
        response.status_code,
        response["Content-Type"],
        response.json()["errors"][0]["attr"],
    ) == (
        400,
        "application/problem+json",
        "rating",
    )
