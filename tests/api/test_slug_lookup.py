"""`?slug=` finds the object a page shows, and every page links its object in the API."""

import re

import pytest

from tests.api.helpers import published_claim
from tests.factories import ClaimFactory, SourceFactory, SpeakerFactory, TopicFactory

ALTERNATE = re.compile(r'<link rel="alternate" type="application/json"[^>]* href="([^"]+)">')


def make_claim(slug, **fields):
    if fields:  # a claim in some other state, such as a draft
        return ClaimFactory(slug=slug, **fields)
    return published_claim(slug=slug)


MAKERS = {
    "claims": make_claim,
    "speakers": lambda slug, **fields: SpeakerFactory(slug=slug, **fields),
    "sources": lambda slug, **fields: SourceFactory(slug=slug, **fields),
    "topics": lambda slug, **fields: TopicFactory(slug=slug, **fields),
}


@pytest.mark.parametrize("kind", sorted(MAKERS))
def test_slug_finds_the_object_of_that_page(anon, kind):
    wanted = MAKERS[kind]("the-one")
    MAKERS[kind]("another-one")

    response = anon.get(f"/api/v1/{kind}/", {"slug": "the-one"})

    assert [item["id"] for item in response.json()["results"]] == [wanted.pk]


@pytest.mark.parametrize("kind", sorted(MAKERS))
def test_slug_that_names_nothing_gives_an_empty_list(anon, kind):
    MAKERS[kind]("the-one")

    response = anon.get(f"/api/v1/{kind}/", {"slug": "no-such-slug"})

    assert (response.status_code, response.json()["results"]) == (200, [])


@pytest.mark.parametrize("kind", ["claims", "speakers", "sources"])
def test_slug_of_a_draft_gives_an_empty_list_to_anonymous_clients(anon, kind):
    MAKERS[kind]("a-draft", status="draft")

    response = anon.get(f"/api/v1/{kind}/", {"slug": "a-draft"})

    assert (response.status_code, response.json()["results"]) == (200, [])


@pytest.mark.parametrize("rows", [1, 8])
def test_slug_lookup_reads_a_flat_number_of_queries(anon, django_assert_max_num_queries, rows):
    for number in range(rows):
        SpeakerFactory(slug=f"speaker-number-{number}")

    with django_assert_max_num_queries(4):
        response = anon.get("/api/v1/speakers/", {"slug": "speaker-number-0"})

    assert [item["slug"] for item in response.json()["results"]] == ["speaker-number-0"]


# --- pages link their object ---------------------------------------------------------------


def alternate(client, path: str) -> str:
    response = client.get(path)
    assert response.status_code == 200, path
    [href] = ALTERNATE.findall(response.content.decode())
    return href


@pytest.mark.parametrize("kind", sorted(MAKERS))
def test_detail_page_links_its_object_in_the_api(client, anon, kind):
    made = MAKERS[kind]("linked")

    href = alternate(client, f"/{kind}/linked/")

    assert (href, anon.get(href).json()["id"]) == (
        f"http://testserver/api/v1/{kind}/{made.pk}/",
        made.pk,
    )


@pytest.mark.parametrize("kind", ["claims", "quotes", "speakers", "sources", "topics"])
def test_list_page_links_its_list_in_the_api(client, db, kind):
    assert alternate(client, f"/{kind}/") == f"http://testserver/api/v1/{kind}/"
