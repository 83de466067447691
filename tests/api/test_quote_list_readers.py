"""A reader's speaker's quotes and pages of every quote, filtered by the view instead of
the filter set (apps/api/views/quotes.py, `readers_filtered`): the same answers, errors
included, and the same statements."""

import pytest

from apps.speakers.models import Speaker
from tests.api.helpers import error, results
from tests.factories import QuoteFactory, SpeakerFactory, arranged

LIST = "/api/v1/quotes/"


def walk(client, params: dict) -> list[int]:
    """Every quote's id, page by page through the `next` links."""
    response = client.get(LIST, params)
    ids = []
    while True:
        body = response.json()
        assert response.status_code == 200, body
        ids += [item["id"] for item in body["results"]]
        if not body["next"]:
            return ids
        response = client.get(body["next"])


def test_a_speakers_quotes_newest_first_page_by_page(anon):
    speaker = SpeakerFactory(slug="minister")
    theirs = [QuoteFactory(speaker=speaker, said_on=f"2024-01-{day:02d}") for day in range(1, 26)]
    QuoteFactory(said_on="2024-01-15")

    assert walk(anon, {"speaker": "minister"}) == [q.pk for q in reversed(theirs)]


def test_every_quote_page_by_page(anon):
    quotes = [QuoteFactory(said_on=f"2024-02-{day:02d}") for day in range(1, 25)]

    assert walk(anon, {}) == [q.pk for q in reversed(quotes)]


@pytest.mark.parametrize("slug", ["nobody", "Not a slug!", ""])
def test_an_unknown_or_malformed_speaker_is_refused(anon, slug):
    SpeakerFactory(slug="minister")

    assert error(anon.get(LIST, {"speaker": slug}))[0] == 400


def test_a_speaker_out_of_public_view_is_refused_to_readers(anon):
    speaker = SpeakerFactory(slug="hidden")
    QuoteFactory(speaker=speaker)
    with arranged():
        Speaker.objects.filter(pk=speaker.pk).update(status=Speaker.Status.DRAFT)

    assert error(anon.get(LIST, {"speaker": "hidden"})) == (400, [("speaker", "invalid_choice")])


def test_a_speakers_quotes_take_one_statement_fewer_than_the_filter_set(anon):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    speaker = SpeakerFactory(slug="minister")
    for _ in range(3):
        QuoteFactory(speaker=speaker)

    counts = []
    # An explicit ordering goes through the filter set; the same list without it does not.
    for params in ({"speaker": "minister", "ordering": "-said_on"}, {"speaker": "minister"}):
        anon.get(LIST, params)
        with CaptureQueriesContext(connection) as queries:
            listed = results(anon.get(LIST, params))
        counts.append((len(queries), len(listed)))

    # The speaker named is read once, by its slug, not again as the quotes' speaker.
    assert counts[1] == (counts[0][0] - 1, 3)


def test_the_speakers_look_up_is_compiled_once_for_every_slug(anon, monkeypatch):
    from apps.api.serializers import rows

    monkeypatch.setattr(rows, "_prepared", {})
    minister = SpeakerFactory(slug="minister")
    mayor = SpeakerFactory(slug="mayor")
    theirs = {speaker.slug: [QuoteFactory(speaker=speaker).pk] for speaker in (minister, mayor)}

    listed = {slug: walk(anon, {"speaker": slug}) for slug in ("minister", "mayor")}

    assert listed == theirs
    compiled = [key for key in rows._prepared if key[0] == "readers_speaker_by_slug"]
    assert len(compiled) == 1  # one statement, each slug put into it


def test_a_first_page_is_compiled_once_for_every_speaker(anon, monkeypatch):
    from apps.api.serializers import rows

    monkeypatch.setattr(rows, "_prepared", {})
    minister = SpeakerFactory(slug="minister")
    mayor = SpeakerFactory(slug="mayor")
    theirs = {
        speaker.slug: [q.pk for q in reversed(QuoteFactory.create_batch(2, speaker=speaker))]
        for speaker in (minister, mayor)
    }

    listed = {slug: results(anon.get(LIST, {"speaker": slug})) for slug in theirs}

    assert {slug: [item["id"] for item in page] for slug, page in listed.items()} == theirs
    compiled = [key for key in rows._prepared if key[0].startswith("readers_first_page")]
    assert len(compiled) == 1  # one statement, each speaker's id put into it


def test_a_first_page_read_as_rows_is_what_the_filter_set_gives(anon):
    speaker = SpeakerFactory(slug="minister")
    for day in (3, 1, 2):
        QuoteFactory(speaker=speaker, said_on=f"2024-03-{day:02d}")
    QuoteFactory(speaker=speaker, said_on=None)

    # An explicit ordering goes through the filter set and its queryset.
    through_filters = anon.get(LIST, {"speaker": "minister", "ordering": "-said_on"}).json()
    as_rows = anon.get(LIST, {"speaker": "minister"}).json()

    assert as_rows == through_filters


def test_a_speakers_quotes_misattributed_to_another_show_both_speakers(anon):
    speaker = SpeakerFactory(slug="minister", name="The Minister")
    churchill = SpeakerFactory(slug="churchill", name="Winston Churchill")
    QuoteFactory(speaker=speaker, verdict="misattributed", misattributed_to=churchill)

    (quote,) = results(anon.get(LIST, {"speaker": "minister"}))

    assert (quote["speaker"]["name"], quote["misattributed_to"]["name"]) == (
        "The Minister",
        "Winston Churchill",
    )
    assert quote == results(anon.get(LIST, {"speaker": "minister", "ordering": "-said_on"}))[0]
