"""A request without the trailing slash: a read is redirected, a write told where to go."""

import pytest

from apps.topics.models import Topic
from tests.factories import TopicFactory


def test_post_without_the_slash_answers_404_naming_the_right_address(api_editor):
    response = api_editor.post("/api/v1/topics", {"name": "Energy"}, format="json")

    assert (response.status_code, response.json(), Topic.objects.count()) == (
        404,
        {
            "type": "client_error",
            "errors": [
                {
                    "code": "missing_trailing_slash",
                    "detail": "POST /api/v1/topics has no trailing slash: send it to "
                    "/api/v1/topics/ (a redirect would drop the body).",
                    "attr": None,
                }
            ],
        },
        0,
    )


@pytest.mark.parametrize("method", ["put", "patch", "delete"])
def test_write_to_an_object_without_the_slash_names_its_address(api_editor, method):
    topic = TopicFactory()

    response = getattr(api_editor, method)(f"/api/v1/topics/{topic.pk}", {}, format="json")

    assert (response.status_code, response.json()["errors"][0]["detail"]) == (
        404,
        f"{method.upper()} /api/v1/topics/{topic.pk} has no trailing slash: send it to "
        f"/api/v1/topics/{topic.pk}/ (a redirect would drop the body).",
    )


def test_post_without_the_slash_is_not_a_500_with_debug_on(api_editor, settings):
    settings.DEBUG = True  # Django's APPEND_SLASH raises RuntimeError for a POST then

    response = api_editor.post("/api/v1/topics", {"name": "Energy"}, format="json")

    assert (response.status_code, response.json()["errors"][0]["code"]) == (
        404,
        "missing_trailing_slash",
    )


def test_get_without_the_slash_is_redirected_with_its_query(anon):
    response = anon.get("/api/v1/topics", {"q": "trade"})

    assert (response.status_code, response["Location"]) == (301, "/api/v1/topics/?q=trade")


def test_post_to_an_address_that_is_nothing_answers_404_without_a_suggestion(api_editor):
    response = api_editor.post("/api/v1/nothing-here", {}, format="json")

    assert (response.status_code, response.json()["errors"][0]) == (
        404,
        {
            "code": "not_found",
            "detail": "No such endpoint: see /api/v1/docs/ for the ones there are.",
            "attr": None,
        },
    )
