"""/api/v1/claimreview/ is the ClaimReview export, paged: a schema.org DataFeed as JSON-LD."""

import io
import json

import pytest
from django.core.management import call_command
from django.core.management.base import SystemCheckError
from pyld import jsonld

from apps.claims.checks import organisation_url_check
from apps.ingest.claimreview.exporter import write_feed
from tests.api.helpers import published_claim
from tests.factories import CitationFactory, SourceFactory, SpeakerFactory, rating

FEED = "/api/v1/claimreview/"
SCHEMA = "http://schema.org/"
HYDRA = "http://www.w3.org/ns/hydra/core#"

# schema.org's context, as far as these tests need it: its vocabulary (the published
# context, https://schema.org/docs/jsonldcontext.jsonld, maps terms to http://schema.org/).
# Served locally: tests do not reach the network.
SCHEMA_CONTEXT = {"@context": {"@vocab": SCHEMA}}


def load_document(url, options=None):
    assert url.rstrip("/") == "https://schema.org", url
    return {"contextUrl": None, "documentUrl": url, "document": SCHEMA_CONTEXT}


def expand(document: dict) -> list[dict]:
    return jsonld.expand(document, {"documentLoader": load_document})


def types(node: dict) -> list[str]:
    return node.get("@type", [])


def claims(count: int) -> list:
    made = []
    for number in range(count):
        claim = published_claim(
            statement=f"Claim number {number}.",
            claimant=SpeakerFactory(name=f"Speaker {number}"),
            rating=rating("false"),
        )
        CitationFactory(claim=claim, source=SourceFactory(published_on="2024-05-01"))
        made.append(claim)
    return made


def test_feed_is_a_json_ld_data_feed_of_claim_reviews(anon):
    claims(2)

    response = anon.get(FEED)

    [feed] = expand(response.json())
    elements = feed[f"{SCHEMA}dataFeedElement"]
    items = [item for element in elements for item in element[f"{SCHEMA}item"]]
    assert (
        response["Content-Type"],
        types(feed),
        [types(element) for element in elements],
        [types(item) for item in items],
    ) == (
        "application/ld+json",
        [f"{SCHEMA}DataFeed"],
        [[f"{SCHEMA}DataFeedItem"]] * 2,
        [[f"{SCHEMA}ClaimReview"]] * 2,
    )


def test_feed_review_names_its_rating_and_maps_the_claim_as_google_reads_it(anon):
    claims(1)

    [element] = anon.get(FEED).json()["dataFeedElement"]

    review = element["item"][0]
    reviewed = review["itemReviewed"]
    assert (
        review["claimReviewed"],
        review["reviewRating"]["name"],
        review["reviewRating"]["alternateName"],
        sorted(reviewed),
        reviewed["author"]["name"],
    ) == (
        "Claim number 0.",
        rating("false").label,
        rating("false").label,
        ["@type", "appearance", "author", "datePublished", "firstAppearance"],
        "Speaker 0",
    )


def test_feed_pages_link_to_the_next_page_in_a_header_and_a_property(anon):
    claims(3)

    first = anon.get(FEED, {"page_size": 2})
    following = anon.get(first.json()["next"])

    [expanded] = expand(first.json())
    assert (
        len(first.json()["dataFeedElement"]),
        first["Link"],
        expanded[f"{HYDRA}next"],
        len(following.json()["dataFeedElement"]),
        "next" in following.json(),
        following["Link"],
    ) == (
        2,
        f'<{first.json()["next"]}>; rel="next"',
        [{"@id": first.json()["next"]}],
        1,
        False,
        f'<{following.json()["previous"]}>; rel="prev"',
    )


def test_feed_pages_together_are_the_export(anon):
    claims(3)
    out = io.StringIO()
    write_feed(out, "http://testserver/")
    exported = json.loads(out.getvalue())["dataFeedElement"]

    first = anon.get(FEED, {"page_size": 2}).json()
    second = anon.get(first["next"]).json()

    paged = first["dataFeedElement"] + second["dataFeedElement"]
    assert sorted(paged, key=json.dumps) == sorted(exported, key=json.dumps)


def test_feed_answers_an_error_as_json_not_json_ld(anon):
    response = anon.get(FEED, {"rating": "true"})

    assert (response.status_code, response["Content-Type"], response.json()["type"]) == (
        400,
        "application/json",
        "validation_error",
    )


# --- the organisation's address in production -------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:8000/",
        "http://localhost:8000/",
        "http://[::1]/",
        "http://0.0.0.0:8000/",
        "http://factbase.localhost/",
        "factbase.example.org",
    ],
)
def test_check_refuses_a_development_organisation_url_with_debug_off(settings, url):
    settings.DEBUG = False
    settings.FACTBASE_ORGANISATION_URL = url

    errors = organisation_url_check()

    assert [error.id for error in errors] == ["claims.E001"]


def test_check_accepts_a_public_organisation_url_with_debug_off(settings):
    settings.DEBUG = False
    settings.FACTBASE_ORGANISATION_URL = "https://factcheck.example.org/"

    assert organisation_url_check() == []


def test_check_accepts_the_development_default_with_debug_on(settings):
    settings.DEBUG = True
    settings.FACTBASE_ORGANISATION_URL = "http://127.0.0.1:8000/"

    assert organisation_url_check() == []


def test_manage_check_stops_with_the_development_default_and_debug_off(settings):
    settings.DEBUG = False
    settings.FACTBASE_ORGANISATION_URL = "http://127.0.0.1:8000/"

    with pytest.raises(SystemCheckError, match=r"claims\.E001"):
        call_command("check")
