"""text_match(): the API lists' `q`, by the search service's full-text rules, on both
databases."""

import pytest

from apps.claims.models import Claim
from apps.quotes.models import Quote
from apps.search.selectors import MATCH_CAP, text_match
from apps.sources.models import Source
from apps.speakers.models import Speaker
from tests.factories import (
    PublishedClaimFactory,
    QuoteFactory,
    SourceFactory,
    SpeakerAliasFactory,
    SpeakerFactory,
    arranged,
)


def matching(model, kind: str, query: str) -> list:
    return list(model.objects.filter(text_match(kind, query)).order_by("pk"))


def test_text_match_finds_other_forms_of_a_word(db):
    struck = PublishedClaimFactory(statement="The bombers struck three sites.")
    strikes = PublishedClaimFactory(statement="Air strikes hit Fordow.")
    PublishedClaimFactory(statement="Nothing happened.")

    assert matching(Claim, "claim", "strike") == [strikes]
    assert matching(Claim, "claim", "struck") == [struck]


def test_text_match_reads_phrases_exclusions_and_or(db):
    together = PublishedClaimFactory(statement="Operation Midnight Hammer began.")
    apart = PublishedClaimFactory(statement="The hammer fell at midnight.")
    other = PublishedClaimFactory(statement="Grain exports rose.")

    assert (
        matching(Claim, "claim", '"midnight hammer"'),
        matching(Claim, "claim", "hammer -operation"),
        matching(Claim, "claim", "grain OR operation"),
    ) == ([together], [apart], [together, other])


def test_text_match_searches_each_kinds_indexed_fields(db):
    quote = QuoteFactory(text="We never sold more grain.", occasion="a press conference")
    source = SourceFactory(title="Harvest report", text="Grain exports rose sharply.")
    speaker = SpeakerFactory(name="Ada Lovelace", description="Analyst of engines")

    assert (
        matching(Quote, "quote", "press conference"),
        matching(Source, "source", "exports"),
        matching(Source, "source", "harvest"),
        matching(Speaker, "speaker", "engines"),
    ) == ([quote], [source], [source], [speaker])


def test_text_match_finds_a_speaker_by_an_alias(db):
    putin = SpeakerFactory(name="Vladimir Putin")
    SpeakerAliasFactory(speaker=putin, name="the Russian President")
    SpeakerFactory(name="Donald Trump")

    assert matching(Speaker, "speaker", "russian presidents") == [putin]


@pytest.mark.parametrize("typed", ["!!!", '""', "-", "-grain", "OR"])
def test_text_match_with_nothing_to_search_for_matches_nothing(db, typed):
    PublishedClaimFactory(statement="Grain exports rose.")

    assert matching(Claim, "claim", typed) == []


def test_text_match_leaves_visibility_to_the_callers_queryset(db):
    draft = PublishedClaimFactory(statement="A zeppelin claim.", status=Claim.Status.DRAFT)
    public = PublishedClaimFactory(statement="Another zeppelin claim.")

    everything = matching(Claim, "claim", "zeppelin")
    found = list(Claim.objects.public().filter(text_match("claim", "zeppelin")))

    assert (everything, found) == ([draft, public], [public])


def test_text_match_is_not_capped_and_keeps_the_callers_order(db):
    with arranged():  # in one statement: a factory would take a query for each
        Quote.objects.bulk_create(
            Quote(
                text=f"Zeppelin number {n}.", speaker_name="A pilot", status=Quote.Status.CONFIRMED
            )
            for n in range(MATCH_CAP + 5)
        )

    found = Quote.objects.filter(text_match("quote", "zeppelin")).order_by("-pk")

    assert list(found.values_list("pk", flat=True)) == list(
        Quote.objects.order_by("-pk").values_list("pk", flat=True)
    )
    assert found.count() == MATCH_CAP + 5
