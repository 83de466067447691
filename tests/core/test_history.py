"""Every curated write leaves a history row naming what changed and who changed it."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from apps.claims.editing import claim_update
from apps.claims.services import citation_add, citation_update, claim_create
from apps.quotes.services import appearance_add, appearance_update, quote_create, quote_update
from apps.sources.services import source_create, source_update
from apps.speakers.models import Speaker
from apps.speakers.services import speaker_create, speaker_update
from tests.factories import (
    ARTICLE_TEXT,
    AppearanceFactory,
    CitationFactory,
    ClaimFactory,
    QuoteFactory,
    SourceFactory,
    SpeakerFactory,
    TopicFactory,
    UserFactory,
    arranged,
)

# The test client loads WhiteNoise, which warns that STATIC_ROOT was never collected.
no_static_root_warning = pytest.mark.filterwarnings("ignore:No directory at:UserWarning")


def history_of(obj) -> list[tuple[str, object]]:
    """(type, user) of each history row, newest first."""
    return [(row.history_type, row.history_user) for row in obj.history.all()]


def changes(obj) -> list[tuple]:
    """What the newest history row changed in editable fields, against the one before it."""
    newest, previous = obj.history.all()[:2]
    delta = newest.diff_against(previous)
    return [(change.field, change.old, change.new) for change in delta.changes]


@pytest.fixture
def actor(db):
    # No password: hashing one costs most of a second, and history needs only the user.
    return UserFactory(username="curator", password=None)


def test_speaker_create_records_the_actor(actor):
    speaker = speaker_create(name="Vladimir Putin", actor=actor)

    assert history_of(speaker) == [("+", actor)]


def test_speaker_create_records_the_actor_on_aliases(actor):
    speaker = speaker_create(name="Vladimir Putin", aliases=["Putin"], actor=actor)

    assert history_of(speaker.aliases.get()) == [("+", actor)]


def test_speaker_update_records_the_change_and_the_actor(actor):
    speaker = SpeakerFactory(description="Prime Minister of Russia")

    speaker_update(speaker=speaker, description="President of Russia", actor=actor)

    assert (history_of(speaker), changes(speaker)) == (
        [("~", actor), ("+", None)],
        [("description", "Prime Minister of Russia", "President of Russia")],
    )


def test_source_create_records_the_actor(actor):
    source = source_create(title="Grain exports", text=ARTICLE_TEXT, actor=actor)

    assert history_of(source) == [("+", actor)]


def test_source_update_records_the_change_and_the_actor(actor):
    source = SourceFactory(title="Grain exports")

    source_update(source=source, title="Grain exports at a record", actor=actor)

    assert (history_of(source), changes(source)) == (
        [("~", actor), ("+", None)],
        [("title", "Grain exports", "Grain exports at a record")],
    )


def test_quote_create_records_the_actor(actor):
    quote = quote_create(text="We will win.", speaker=SpeakerFactory(), actor=actor)

    assert history_of(quote) == [("+", actor)]


def test_quote_create_records_its_topics_as_a_change(actor):
    grain = TopicFactory(name="Grain")

    quote = quote_create(text="We will win.", speaker=SpeakerFactory(), topics=[grain], actor=actor)

    assert (history_of(quote), changes(quote)) == (
        [("~", actor), ("+", actor)],
        [("topics", [], [{"quote": quote.pk, "topic": grain.pk}])],
    )


@pytest.mark.parametrize("create", ["claim", "quote"])
def test_a_new_rows_history_looks_for_no_related_rows_it_cannot_have_yet(actor, create):
    write = {
        "claim": lambda: claim_create(statement="Exports rose.", actor=actor),
        "quote": lambda: quote_create(text="We will win.", speaker_name="A farmer", actor=actor),
    }[create]

    with CaptureQueriesContext(connection) as queries:
        write()

    assert [q["sql"] for q in queries if f"{create}_topics" in q["sql"]] == []


def test_quote_update_records_the_change_and_the_actor(actor):
    quote = QuoteFactory(occasion="")

    quote_update(quote=quote, occasion="St. Petersburg Economic Forum", actor=actor)

    assert (history_of(quote), changes(quote)) == (
        [("~", actor), ("+", None)],
        [("occasion", "", "St. Petersburg Economic Forum")],
    )


def test_claim_create_records_the_actor(actor):
    claim = claim_create(statement="Exports rose by 12% last year.", actor=actor)

    assert history_of(claim) == [("+", actor)]


def test_claim_create_records_its_topics_as_a_change(actor):
    grain, trade = TopicFactory(name="Grain"), TopicFactory(name="Trade")

    claim = claim_create(statement="Exports rose.", topics=[grain, trade], actor=actor)

    assert (history_of(claim), changes(claim)) == (
        [("~", actor), ("+", actor)],
        [
            (
                "topics",
                [],
                [{"claim": claim.pk, "topic": grain.pk}, {"claim": claim.pk, "topic": trade.pk}],
            )
        ],
    )


def test_claim_update_records_the_changed_topics_and_the_actor(actor):
    grain, trade = TopicFactory(name="Grain"), TopicFactory(name="Trade")
    claim = ClaimFactory()
    with arranged():
        claim.topics.set([grain])
    before = claim.history.first()

    claim_update(claim=claim, topics=[trade], actor=actor)

    # set() writes a row for the save, the removal and the addition: diff the update whole.
    written = list(claim.history.filter(history_date__gt=before.history_date))
    delta = written[0].diff_against(before)
    assert (
        [(row.history_type, row.history_user) for row in written],
        [(change.field, change.old, change.new) for change in delta.changes],
    ) == (
        [("~", actor), ("~", actor), ("~", actor)],
        [
            (
                "topics",
                [{"claim": claim.pk, "topic": grain.pk}],
                [{"claim": claim.pk, "topic": trade.pk}],
            )
        ],
    )


def test_claim_history_keeps_the_topics_of_each_version(actor):
    grain, trade = TopicFactory(name="Grain"), TopicFactory(name="Trade")
    claim = claim_create(statement="Exports rose.", topics=[grain], actor=actor)

    claim_update(claim=claim, topics=[grain, trade], actor=actor)

    # Each write keeps a row: the create's save and its topics, the update's save and its
    # added topic.
    assert [
        sorted(row.topics.values_list("topic__name", flat=True)) for row in claim.history.all()
    ] == [["Grain", "Trade"], ["Grain"], ["Grain"], []]


def test_appearance_add_records_the_actor(actor):
    appearance = appearance_add(
        quote=QuoteFactory(), source=SourceFactory(), exact="never sold more grain", actor=actor
    )

    assert history_of(appearance) == [("+", actor)]


def test_appearance_update_records_the_change_and_the_actor(actor):
    appearance = AppearanceFactory()

    appearance_update(appearance=appearance, exact="never sold more grain", actor=actor)

    assert (history_of(appearance), changes(appearance)) == (
        [("~", actor), ("+", None)],
        [
            ("exact", "We have never sold more grain abroad,", "never sold more grain"),
            ("prefix", 'exports rose by 12% last year. "', 'rose by 12% last year. "We have '),
            ("suffix", '" she said. Critics called the f', ' abroad," she said. Critics call'),
        ],
    )


def test_citation_add_records_the_actor(actor):
    citation = citation_add(
        claim=ClaimFactory(),
        source=SourceFactory(),
        relation="states",
        exact="exports rose by 12% last year",
        actor=actor,
    )

    assert history_of(citation) == [("+", actor)]


def test_citation_update_records_the_change_and_the_actor(actor):
    citation = CitationFactory(note="")

    citation_update(citation=citation, note="The ministry revised it to 9%.", actor=actor)

    assert (history_of(citation), changes(citation)) == (
        [("~", actor), ("+", None)],
        [("note", "", "The ministry revised it to 9%.")],
    )


def test_reanchoring_records_the_moved_anchor_in_history(db):
    source = SourceFactory()
    citation = CitationFactory(source=source, exact="exports rose by 12% last year")

    source_update(source=source, text="KYIV \u2014 " + ARTICLE_TEXT)

    # diff_against() compares editable fields only, and the anchor's are not: read the rows.
    assert [(row.history_type, row.start, row.end) for row in citation.history.all()] == [
        ("~", 53, 82),
        ("+", 46, 75),
    ]


def test_source_update_records_the_actor_on_reanchored_passages(actor):
    source = SourceFactory()
    appearance = AppearanceFactory(source=source)

    source_update(source=source, text="KYIV \u2014 " + ARTICLE_TEXT, actor=actor)

    assert history_of(appearance) == [("~", actor), ("+", None)]


@no_static_root_warning
def test_admin_change_by_signed_in_user_records_that_user(client, superuser):
    speaker = SpeakerFactory(name="Vladimir Putin", slug="vladimir-putin", description="")
    client.force_login(superuser)

    response = client.post(
        reverse("admin:speakers_speaker_change", args=[speaker.pk]),
        {
            "name": "Vladimir Putin",
            "slug": "vladimir-putin",
            "kind": Speaker.Kind.PERSON,
            "description": "President of Russia",
            "wikidata_id": "Q7747",
            "status": Speaker.Status.PUBLISHED,
            # The version the form was opened from (apps/core/admin_concurrency.py).
            "loaded_version": speaker.updated_at.isoformat(),
            **{
                f"{prefix}-{field}": value
                for prefix in ("aliases", "roles")
                for field, value in {
                    "TOTAL_FORMS": "0",
                    "INITIAL_FORMS": "0",
                    "MIN_NUM_FORMS": "0",
                    "MAX_NUM_FORMS": "1000",
                }.items()
            },
        },
    )

    assert (response.status_code, history_of(speaker), changes(speaker)) == (
        302,
        [("~", superuser), ("+", None)],
        [("description", "", "President of Russia"), ("wikidata_id", "", "Q7747")],
    )


@no_static_root_warning
@pytest.mark.urls("tests.core.history_urls")
def test_service_called_in_a_request_without_actor_records_the_signed_in_user(client, editor):
    client.force_login(editor)

    response = client.post("/speakers/", {"name": "Vladimir Putin"})

    speaker = Speaker.objects.get(pk=int(response.content))
    assert history_of(speaker) == [("+", editor)]
