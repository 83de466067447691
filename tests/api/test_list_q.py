"""`q` on the claim, quote, source and speaker lists: full-text matching by the search
service's rules (apps.search.selectors.text_match), in the list's own order, with its
cursor pages; published objects only for anonymous clients."""

from urllib.parse import urlsplit

import pytest

from apps.claims.models import Claim
from apps.quotes.models import Quote
from apps.sources.models import Source
from apps.speakers.models import Speaker
from tests.api.helpers import published_claim, results
from tests.factories import (
    ClaimFactory,
    QuoteFactory,
    SourceFactory,
    SpeakerAliasFactory,
    SpeakerFactory,
)


def _draft(resource: str, words: str):
    """An object of `resource` holding `words` that anonymous clients must not see."""
    return {
        "claims": lambda: ClaimFactory(statement=f"Draft: {words}.", status=Claim.Status.DRAFT),
        "quotes": lambda: QuoteFactory(text=f"Draft: {words}.", status=Quote.Status.DRAFT),
        "sources": lambda: SourceFactory(title=f"Draft: {words}", status=Source.Status.DRAFT),
        "speakers": lambda: SpeakerFactory(
            name="Draft Person", description=words, status=Speaker.Status.DRAFT
        ),
    }[resource]()


def _public(resource: str, words: str):
    return {
        "claims": lambda: published_claim(statement=f"{words}."),
        "quotes": lambda: QuoteFactory(text=f"{words}."),
        "sources": lambda: SourceFactory(title=words),
        "speakers": lambda: SpeakerFactory(description=words),
    }[resource]()


RESOURCES = ["claims", "quotes", "sources", "speakers"]


def _ids(response) -> list[int]:
    return [item["id"] for item in results(response)]


@pytest.mark.parametrize("resource", RESOURCES)
def test_q_finds_published_objects_and_never_a_draft(anon, resource):
    _draft(resource, "zeppelin raids over the coast")
    found = _public(resource, "zeppelin raids over the city")
    _public(resource, "grain exports")

    assert _ids(anon.get(f"/api/v1/{resource}/", {"q": "zeppelin raids"})) == [found.pk]


@pytest.mark.parametrize("resource", RESOURCES)
def test_q_finds_drafts_for_editors(api_editor, resource):
    draft = _draft(resource, "zeppelin raids")
    _public(resource, "grain exports")

    assert _ids(api_editor.get(f"/api/v1/{resource}/", {"q": "zeppelin"})) == [draft.pk]


def test_q_matches_whole_words_in_any_form_not_substrings(anon):
    strikes = published_claim(statement="Air strikes hit Fordow.")
    published_claim(statement="The bank raised its rates.")

    assert (
        _ids(anon.get("/api/v1/claims/", {"q": "strike"})),
        _ids(anon.get("/api/v1/claims/", {"q": "ban"})),
    ) == ([strikes.pk], [])


def test_q_reads_phrases_and_exclusions_as_the_search_box_does(anon):
    together = published_claim(statement="Operation Midnight Hammer began.")
    apart = published_claim(statement="The hammer fell at midnight.")

    assert (
        _ids(anon.get("/api/v1/claims/", {"q": '"midnight hammer"'})),
        _ids(anon.get("/api/v1/claims/", {"q": "hammer -operation"})),
    ) == ([together.pk], [apart.pk])


def test_q_finds_a_speaker_by_alias_but_not_a_draft_speaker_by_its_alias(anon):
    putin = SpeakerFactory(name="Vladimir Putin")
    SpeakerAliasFactory(speaker=putin, name="the Russian President")
    hidden = SpeakerFactory(name="Hidden Person", status=Speaker.Status.DRAFT)
    SpeakerAliasFactory(speaker=hidden, name="the Russian Envoy")

    assert _ids(anon.get("/api/v1/speakers/", {"q": "russian"})) == [putin.pk]


def test_q_keeps_the_lists_order_and_walks_its_cursor_pages(anon):
    claims = [published_claim(statement=f"Zeppelin sighting number {n}.") for n in range(7)]
    published_claim(statement="Grain exports rose.")
    expected = [
        claim.pk for claim in sorted(claims, key=lambda c: (c.published_at, c.pk), reverse=True)
    ]

    seen, url = [], "/api/v1/claims/?q=zeppelin&page_size=3"
    while url:
        body = anon.get(url).json()
        seen += [item["id"] for item in body["results"]]
        url = body["next"] and urlsplit(body["next"])._replace(scheme="", netloc="").geturl()

    assert seen == expected


# The lists' own queries (tests/api/test_<resource>.py: fewer here, as these objects have
# no quote, citations or appearances to prefetch): matching runs inside the list's query.
# Each includes the statement that counts the request against the client's rate; a quote's
# include its translations.
BUDGETS = {"claims": 6, "quotes": 6, "sources": 2, "speakers": 4}


@pytest.mark.parametrize("rows", [1, 6])
@pytest.mark.parametrize("resource", RESOURCES)
def test_q_query_count_is_flat(anon, django_assert_num_queries, resource, rows):
    _draft(resource, "zeppelin raids")
    for _ in range(rows):
        _public(resource, "zeppelin raids")

    with django_assert_num_queries(BUDGETS[resource]):
        listed = results(anon.get(f"/api/v1/{resource}/", {"q": "zeppelin"}))

    assert len(listed) == rows
