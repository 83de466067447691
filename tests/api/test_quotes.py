import pytest

from apps.quotes.models import Appearance, Quote
from apps.quotes.services import appearance_add
from apps.sources.models import Source
from apps.speakers.models import Speaker
from tests.api.helpers import api, error, etag, page, published_claim, results
from tests.factories import (
    ARTICLE_TEXT,
    AppearanceFactory,
    QuoteFactory,
    SourceFactory,
    SpeakerFactory,
    TopicFactory,
    arranged,
)

LIST = "/api/v1/quotes/"
WORDS = "We have never sold more grain abroad,"


def detail(quote) -> str:
    return f"/api/v1/quotes/{quote.pk}/"


def test_quote_detail_answers_its_whole_representation(anon):
    speaker = SpeakerFactory(name="Minister", slug="minister")
    source = SourceFactory(title="Grain report", slug="grain-report")
    quote = QuoteFactory(speaker=speaker, text=WORDS, verdict="verified")
    appearance = AppearanceFactory(quote=quote, source=source)

    body = anon.get(detail(quote)).json()

    start = ARTICLE_TEXT.index(WORDS)
    assert body == {
        "id": quote.pk,
        "api_url": api(f"quotes/{quote.pk}/"),
        "page_url": page(f"quotes/{quote.pk}/"),
        "text": WORDS,
        "speaker": {
            "id": speaker.pk,
            "api_url": api(f"speakers/{speaker.pk}/"),
            "page_url": page("speakers/minister/"),
            "name": "Minister",
            "slug": "minister",
        },
        "speaker_name": "",
        "said_on": None,
        "occasion": "",
        "language": "en",
        "original_text": "",
        "original_language": "",
        "translation_of": None,
        "translations": [],
        "verdict": "verified",
        "misattributed_to": None,
        "topics": [],
        "appearances": [
            {
                "id": appearance.pk,
                "page_url": page(f"sources/grain-report/#appearance-{appearance.pk}"),
                "source": {
                    "id": source.pk,
                    "api_url": api(f"sources/{source.pk}/"),
                    "page_url": page("sources/grain-report/"),
                    "title": "Grain report",
                    "slug": "grain-report",
                },
                "exact": WORDS,
                "prefix": ARTICLE_TEXT[start - 32 : start],
                "suffix": ARTICLE_TEXT[start + len(WORDS) : start + len(WORDS) + 32],
                "start": start,
                "end": start + len(WORDS),
                "match": "exact",
                "similarity": 1.0,
                "found_passage": WORDS,
            }
        ],
        "claims_url": api(f"claims/?quote={quote.pk}"),
        "created_at": body["created_at"],
        "updated_at": body["updated_at"],
    }


def test_draft_quote_is_in_no_list_and_answers_404_to_anonymous_clients(anon):
    draft = QuoteFactory(status=Quote.Status.DRAFT)
    of_draft_speaker = QuoteFactory(speaker=SpeakerFactory(status=Speaker.Status.DRAFT))
    public = QuoteFactory()

    listed = [item["id"] for item in results(anon.get(LIST))]

    assert listed == [public.pk]
    assert [anon.get(detail(q)).status_code for q in (draft, of_draft_speaker)] == [404, 404]


def test_quote_hides_appearances_in_draft_sources_from_anonymous_clients(anon, api_editor):
    quote = QuoteFactory()
    AppearanceFactory(quote=quote, source=SourceFactory(status=Source.Status.DRAFT))
    public = AppearanceFactory(quote=quote)

    anonymous = [item["id"] for item in anon.get(detail(quote)).json()["appearances"]]
    editor = api_editor.get(detail(quote)).json()["appearances"]

    assert (anonymous, len(editor)) == ([public.pk], 2)


def test_quotes_filter_by_speaker_topic_and_source(anon):
    speaker = SpeakerFactory(slug="minister")
    topic = TopicFactory(slug="trade")
    source = SourceFactory(slug="grain-report")
    wanted = QuoteFactory(speaker=speaker)
    AppearanceFactory(quote=wanted, source=source)
    QuoteFactory(speaker=speaker)
    other = QuoteFactory()
    with arranged():
        wanted.topics.set([topic])
        other.topics.set([topic])

    listed = results(
        anon.get(LIST, {"speaker": "minister", "topic": "trade", "source": "grain-report"})
    )

    assert [item["id"] for item in listed] == [wanted.pk]


def test_quotes_filter_by_said_on_range(anon):
    QuoteFactory(said_on="2024-01-10")
    wanted = QuoteFactory(said_on="2024-06-10")
    QuoteFactory(said_on=None)

    listed = results(
        anon.get(LIST, {"said_on_after": "2024-03-01", "said_on_before": "2024-12-31"})
    )

    assert [item["id"] for item in listed] == [wanted.pk]
    assert error(anon.get(LIST, {"said_on_after": "March"})) == (
        400,
        [("said_on_after", "invalid")],
    )


def test_editor_creates_a_quote_anchored_in_its_sources_automatically(api_editor):
    SpeakerFactory(slug="minister")
    SourceFactory(slug="verbatim")
    SourceFactory(slug="reworded", text="The minister said: we never sold more grain abroad.")
    SourceFactory(slug="unrelated", text="Nothing about grain here at all, none.")

    response = api_editor.post(
        LIST,
        {
            "text": WORDS,
            "speaker": "minister",
            "appearances": [
                {"source": "verbatim"},
                {"source": "reworded", "exact": "we never sold more grain abroad"},
                {"source": "unrelated"},
            ],
        },
    )

    assert response.status_code == 201, response.content
    matches = {
        item["source"]["slug"]: (item["match"], item["found_passage"])
        for item in response.json()["appearances"]
    }
    assert matches == {
        "verbatim": ("exact", WORDS),
        "reworded": ("exact", "we never sold more grain abroad"),
        "unrelated": ("not_found", ""),
    }


def test_quote_create_as_confirmed_answers_400_on_status_and_saves_nothing(api_editor):
    SourceFactory(slug="verbatim")

    response = api_editor.post(
        LIST,
        {
            "text": WORDS,
            "speaker_name": "The minister",
            "status": "confirmed",
            "appearances": [{"source": "verbatim"}],
        },
    )

    assert error(response) == (400, [("status", "workflow")])
    assert (Quote.objects.count(), Appearance.objects.count()) == (0, 0)


def test_quote_update_of_status_answers_400_and_changes_nothing(api_editor):
    quote = AppearanceFactory(quote__status=Quote.Status.DRAFT).quote

    response = api_editor.patch(
        detail(quote), {"status": "confirmed"}, HTTP_IF_MATCH=etag(api_editor, detail(quote))
    )

    quote.refresh_from_db()
    assert (error(response), quote.status) == ((400, [("status", "workflow")]), "draft")


def test_quote_appearance_worded_differently_is_an_approximate_match(api_editor):
    SourceFactory(
        slug="reworded", text="He said: We have never sold so much grain abroad, he added."
    )

    response = api_editor.post(
        LIST,
        {"text": WORDS, "speaker_name": "The minister", "appearances": [{"source": "reworded"}]},
    )

    appearance = response.json()["appearances"][0]
    assert (appearance["match"], appearance["found_passage"]) == (
        "approximate",
        "We have never sold so much grain abroad,",  # the comma the quote's words end with
    )
    assert 0.8 <= appearance["similarity"] < 1


def test_quote_create_without_speaker_or_name_answers_400(api_editor):
    response = api_editor.post(LIST, {"text": WORDS})

    assert error(response) == (400, [("non_field_errors", "invalid")])
    assert Quote.objects.count() == 0


def test_quote_create_twice_in_one_source_answers_400_naming_the_item(api_editor):
    SourceFactory(slug="verbatim")

    response = api_editor.post(
        LIST,
        {
            "text": WORDS,
            "speaker_name": "The minister",
            "appearances": [{"source": "verbatim"}, {"source": "verbatim"}],
        },
    )

    assert error(response)[0] == 400
    assert error(response)[1][0][0] == "appearances.1.non_field_errors"
    assert (Quote.objects.count(), Appearance.objects.count()) == (0, 0)


def test_quote_update_with_stale_etag_answers_412_and_changes_nothing(api_editor):
    quote = QuoteFactory(occasion="Forum")
    stale = etag(api_editor, detail(quote))
    # A new appearance, added as every door adds one, changes the quote's representation.
    appearance_add(quote=quote, source=SourceFactory())

    response = api_editor.patch(detail(quote), {"occasion": "Summit"}, HTTP_IF_MATCH=stale)

    quote.refresh_from_db()
    assert (error(response), quote.occasion) == ((412, [(None, "precondition_failed")]), "Forum")


def test_quote_delete_with_a_claim_pointing_to_it_answers_409(api_editor):
    quote = QuoteFactory()
    published_claim(quote=quote)

    response = api_editor.delete(detail(quote), HTTP_IF_MATCH=etag(api_editor, detail(quote)))

    assert error(response) == (409, [(None, "protected")])


@pytest.mark.parametrize(
    ("client_name", "expected"), [("anon", 401), ("outsider", 403), ("api_editor", 201)]
)
def test_quote_create_access(db, request, client_name, expected):
    client = request.getfixturevalue(client_name)

    response = client.post(LIST, {"text": WORDS, "speaker_name": "The minister"})

    assert (response.status_code, Quote.objects.count()) == (expected, int(expected == 201))


def _quote_with_everything(appearances: int) -> Quote:
    quote = QuoteFactory(
        misattributed_to=SpeakerFactory(), verdict="misattributed", translation_of=QuoteFactory()
    )
    with arranged():
        quote.topics.set([TopicFactory() for _ in range(appearances)])
    for _ in range(appearances):
        AppearanceFactory(quote=quote)
    return quote


@pytest.mark.parametrize("rows", [1, 8])
def test_quote_list_query_count_is_flat(anon, django_assert_num_queries, rows):
    for _ in range(rows):
        _quote_with_everything(appearances=rows)

    # The rate count, the quotes, their speakers and misattributions (one statement, read
    # as rows: apps/api/serializers/quotes.py), originals, translations, topics, appearances.
    with django_assert_num_queries(7):
        listed = results(anon.get(LIST, {"page_size": 100}))

    assert len(listed) == rows * 2  # each quote and its original


@pytest.mark.parametrize("rows", [1, 8])
def test_quote_detail_query_count_is_flat(api_editor, django_assert_num_queries, rows):
    quote = _quote_with_everything(appearances=rows)

    with django_assert_num_queries(12):
        body = api_editor.get(detail(quote)).json()

    assert len(body["appearances"]) == rows
