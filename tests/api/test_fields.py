"""Links built from per-request templates are the links reverse() builds."""

import pytest
from django.test import RequestFactory
from rest_framework.request import Request

from apps.api.serializers.fields import PAGE_ROUTES, absolute_url, page_url
from tests.factories import (
    AppearanceFactory,
    CitationFactory,
    PublishedClaimFactory,
    QuoteFactory,
    SourceFactory,
    SpeakerFactory,
    TopicFactory,
)


@pytest.fixture
def request_():
    return Request(RequestFactory().get("/api/v1/quotes/"))


@pytest.mark.django_db
@pytest.mark.parametrize(
    "factory",
    [
        SpeakerFactory,
        SourceFactory,
        TopicFactory,
        PublishedClaimFactory,
        QuoteFactory,
        AppearanceFactory,
        CitationFactory,
    ],
)
def test_page_url_is_the_absolute_get_absolute_url(factory, request_):
    first, second = factory(), factory()

    urls = [page_url(request_, obj) for obj in (first, second)]

    assert urls == [request_.build_absolute_uri(obj.get_absolute_url()) for obj in (first, second)]


def test_every_page_route_is_a_model_with_get_absolute_url():
    assert all(hasattr(model, "get_absolute_url") for model in PAGE_ROUTES)


def test_absolute_url_takes_reverse_for_values_a_template_cannot_hold(request_):
    assert absolute_url(request_, "web:claim-detail", "slug", "grain-2024") == (
        "http://testserver/claims/grain-2024/"
    )
    assert absolute_url(request_, "web:quote-detail", "pk", 12) == "http://testserver/quotes/12/"


@pytest.mark.django_db
def test_api_links_keep_the_format_parameter(client):
    speaker = SpeakerFactory()

    response = client.get("/api/v1/speakers/?format=json")

    assert response.json()["results"][0]["api_url"] == (
        f"http://testserver/api/v1/speakers/{speaker.pk}/?format=json"
    )


@pytest.mark.django_db
def test_serializers_made_from_cached_fields_link_to_their_own_request(settings):
    from apps.api.serializers.links import SpeakerLinkSerializer

    settings.ALLOWED_HOSTS = ["one.example", "two.example"]
    speaker = SpeakerFactory()
    first = Request(RequestFactory().get("/", HTTP_HOST="one.example"))
    second = Request(RequestFactory().get("/", HTTP_HOST="two.example"))

    urls = [
        SpeakerLinkSerializer(speaker, context={"request": request}).data["page_url"]
        for request in (first, second)
    ]

    assert urls == [
        f"http://one.example/speakers/{speaker.slug}/",
        f"http://two.example/speakers/{speaker.slug}/",
    ]


@pytest.mark.django_db
def test_links_follow_the_script_prefix_of_their_request():
    # Paths are reversed once per process and script prefix (a site served under /facts/).
    from django.urls import get_script_prefix, set_script_prefix

    speaker = SpeakerFactory()
    before = get_script_prefix()
    urls = []
    try:
        for prefix in ("/", "/facts/", "/"):
            set_script_prefix(prefix)
            urls.append(page_url(Request(RequestFactory().get("/")), speaker))
    finally:
        set_script_prefix(before)

    assert urls == [
        f"http://testserver/speakers/{speaker.slug}/",
        f"http://testserver/facts/speakers/{speaker.slug}/",
        f"http://testserver/speakers/{speaker.slug}/",
    ]
