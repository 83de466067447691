"""GET /api/v1/suggest/: suggestions from the first letters, on both databases."""

import pytest

from apps.claims.models import Claim
from apps.search.vocabulary import rebuild
from apps.speakers.models import Speaker
from tests.api.helpers import error, page, published_claim
from tests.factories import ClaimFactory, SpeakerAliasFactory, SpeakerFactory, TopicFactory
from tests.search.record import israel_record

SUGGEST = "/api/v1/suggest/"
# The rate limit's count (apps/ops/ratelimit.py), then one for the prefix's completions and
# one a kind: speakers, topics, claims.
THROTTLE = 1
QUERIES = THROTTLE + 4
# With a typo: two more, to find the prefixes within one edit and to complete them.
QUERIES_CORRECTING = THROTTLE + 6


@pytest.fixture
def record(db):
    record = israel_record()
    rebuild()
    return record


def labels(response) -> list[tuple[str, str]]:
    assert response.status_code == 200, response.content
    return [(item["kind"], item["label"]) for item in response.json()["suggestions"]]


def test_the_first_letters_of_a_name_suggest_the_speaker(anon, record):
    response = anon.get(SUGGEST, {"q": "Vlad"})

    assert response.json() == {
        "query": "Vlad",
        "corrected": None,
        "suggestions": [
            {
                "kind": "speaker",
                "id": record.putin.pk,
                "label": "Vladimir Putin",
                "url": page("speakers/vladimir-putin/"),
            }
        ],
    }


def test_the_first_letters_of_a_second_name_suggest_the_speaker(anon, record):
    assert ("speaker", "Vladimir Putin") in labels(anon.get(SUGGEST, {"q": "puti"}))


def test_earlier_words_narrow_the_suggestions(anon, record):
    suggestions = labels(anon.get(SUGGEST, {"q": "president don"}))

    # Vladimir Putin is "President Putin" too, but no word of it begins with "don".
    assert [label for kind, label in suggestions if kind == "speaker"] == ["Donald Trump"]


def test_a_speaker_is_suggested_by_an_alias(anon, db):
    speaker = SpeakerFactory(name="Ruhollah Mousavi", slug="ruhollah-mousavi")
    SpeakerAliasFactory(speaker=speaker, name="The Imam of Tehran")
    rebuild()

    assert labels(anon.get(SUGGEST, {"q": "imam of teh"})) == [("speaker", "Ruhollah Mousavi")]


def test_a_topic_is_suggested_by_a_word_of_its_name(anon, record):
    assert labels(anon.get(SUGGEST, {"q": "diasp"})) == [
        ("topic", "Russian-speaking diaspora in Israel")
    ]


def test_a_claim_is_suggested_by_a_word_of_its_statement(anon, record):
    assert labels(anon.get(SUGGEST, {"q": "midnight ham"})) == [
        ("claim", record.midnight_hammer.statement)
    ]


def test_a_word_of_a_claims_analysis_only_does_not_suggest_it(anon, db):
    published_claim(
        statement="Tariffs doubled.", analysis="Customs records from Zanzibar show otherwise."
    )
    rebuild()

    assert labels(anon.get(SUGGEST, {"q": "zanzi"})) == []


def test_kinds_come_speakers_first_then_topics_then_claims(anon, record):
    kinds = [kind for kind, _ in labels(anon.get(SUGGEST, {"q": "ir"}))]

    assert kinds == sorted(kinds, key=["speaker", "topic", "claim"].index)
    assert set(kinds) == {"speaker", "topic", "claim"}


def test_a_typo_in_the_first_letters_is_forgiven(anon, record):
    response = anon.get(SUGGEST, {"q": "Vladm"})

    assert labels(response) == [("speaker", "Vladimir Putin")]
    assert response.json()["corrected"] == "vladi"


def test_a_left_out_letter_is_forgiven(anon, record):
    assert ("speaker", "Vladimir Putin") in labels(anon.get(SUGGEST, {"q": "Ptin"}))


def test_no_typo_is_forgiven_under_four_letters(anon, record):
    response = anon.get(SUGGEST, {"q": "Vkd"})

    assert labels(response) == []
    assert response.json()["corrected"] is None


def test_first_letters_that_begin_a_word_are_not_corrected(anon, record):
    response = anon.get(SUGGEST, {"q": "Trum"})

    assert labels(response)[0] == ("speaker", "Donald Trump")
    assert response.json()["corrected"] is None


def test_a_draft_speaker_is_never_suggested(anon, record):
    draft = SpeakerFactory(name="Zebulon Quartermaine", status=Speaker.Status.DRAFT)
    rebuild()
    SpeakerFactory(name="Zebulon Public")
    rebuild()

    suggestions = labels(anon.get(SUGGEST, {"q": "zebul"}))

    assert suggestions == [("speaker", "Zebulon Public")]
    assert draft.name not in [label for _, label in suggestions]


def test_a_draft_claim_is_never_suggested_even_for_words_a_public_one_holds(anon, db):
    ClaimFactory(statement="Quetzal feathers were sold.", status=Claim.Status.DRAFT)
    public = published_claim(statement="Quetzal birds are protected.", slug="quetzal")
    rebuild()

    assert labels(anon.get(SUGGEST, {"q": "quetz"})) == [("claim", public.statement)]


def test_limit_bounds_the_suggestions_and_keeps_every_kind_it_can(anon, db):
    for n in range(6):
        SpeakerFactory(name=f"Orlando Speaker{n}", slug=f"orlando-{n}")
        TopicFactory(name=f"Orlando topic {n}", slug=f"orlando-topic-{n}")
        published_claim(statement=f"Orlando claim {n}.", slug=f"orl-{n}")
    rebuild()

    kinds = [kind for kind, _ in labels(anon.get(SUGGEST, {"q": "orla", "limit": 4}))]

    assert kinds == ["speaker", "speaker", "topic", "claim"]


def test_eight_suggestions_by_default(anon, db):
    for n in range(12):
        SpeakerFactory(name=f"Orlando Speaker{n}", slug=f"orlando-{n}")
    rebuild()

    assert len(labels(anon.get(SUGGEST, {"q": "orla"}))) == 8


@pytest.mark.parametrize("q", ["p", "42", "-", "trump 4 u"])
def test_too_few_letters_at_the_end_suggest_nothing(anon, record, q, django_assert_num_queries):
    with django_assert_num_queries(THROTTLE):
        response = anon.get(SUGGEST, {"q": q})

    assert response.json() == {"query": q, "corrected": None, "suggestions": []}


def test_a_blank_q_is_refused(anon, db):
    assert error(anon.get(SUGGEST, {"q": ""})) == (400, [("q", "blank")])


def test_a_missing_q_is_refused(anon, db):
    assert error(anon.get(SUGGEST)) == (400, [("q", "required")])


def test_a_q_over_100_characters_is_refused(anon, db):
    assert error(anon.get(SUGGEST, {"q": "a" * 101})) == (400, [("q", "max_length")])


def test_an_unknown_parameter_is_refused(anon, db):
    assert error(anon.get(SUGGEST, {"q": "puti", "kind": "claim"})) == (
        400,
        [("kind", "unknown_parameter")],
    )


def test_a_limit_over_ten_is_refused(anon, db):
    assert error(anon.get(SUGGEST, {"q": "puti", "limit": 11})) == (400, [("limit", "max_value")])


@pytest.mark.parametrize("extra", [0, 20])
def test_query_count_does_not_grow_with_the_matches(anon, record, extra, django_assert_num_queries):
    for n in range(extra):
        SpeakerFactory(name=f"Vladislav Speaker{n}", slug=f"vladislav-{n}")
        published_claim(statement=f"Vladislav said {n}.", slug=f"v{n}")
    rebuild()

    with django_assert_num_queries(QUERIES):
        response = anon.get(SUGGEST, {"q": "vlad"})

    assert labels(response)[0] == ("speaker", "Vladimir Putin")


@pytest.mark.parametrize("extra", [0, 20])
def test_query_count_when_correcting_does_not_grow_with_the_matches(
    anon, record, extra, django_assert_num_queries
):
    for n in range(extra):
        SpeakerFactory(name=f"Vladislav Speaker{n}", slug=f"vladislav-{n}")
    rebuild()

    with django_assert_num_queries(QUERIES_CORRECTING):
        response = anon.get(SUGGEST, {"q": "vladm"})

    assert labels(response)[0] == ("speaker", "Vladimir Putin")


def test_the_endpoint_is_in_the_openapi_schema(openapi_document):
    operation = openapi_document["paths"]["/api/v1/suggest/"]["get"]
    assert operation["summary"] == "Suggest speakers, topics and claims from the first letters"
    assert sorted(parameter["name"] for parameter in operation["parameters"]) == ["limit", "q"]


def test_a_speaker_named_so_comes_before_one_only_called_so(anon, db):
    called = SpeakerFactory(name="Ann Lee", slug="ann-lee")
    SpeakerAliasFactory(speaker=called, name="The Paraguay Senator")
    SpeakerFactory(name="Pablo Paraguayo Hernandez", slug="pablo")
    rebuild()

    assert labels(anon.get(SUGGEST, {"q": "paragu"})) == [
        ("speaker", "Pablo Paraguayo Hernandez"),
        ("speaker", "Ann Lee"),
    ]


# Committing: a write makes cached answers stale once its transaction commits.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_repeated_suggestion_is_cached_until_a_speaker_is_published(anon, response_cache_on):
    json = {"HTTP_ACCEPT": "application/json"}
    SpeakerFactory(name="Zebedee Private", status=Speaker.Status.DRAFT)
    first = anon.get(SUGGEST, {"q": "zebe"}, **json)
    second = anon.get(SUGGEST, {"q": "zebe"}, **json)

    SpeakerFactory(name="Zebedee Public")
    third = anon.get(SUGGEST, {"q": "zebe"}, **json)

    assert [first["X-Cache"], second["X-Cache"], third["X-Cache"]] == ["miss", "hit", "miss"]
    assert labels(second) == []
    assert labels(third) == [("speaker", "Zebedee Public")]
