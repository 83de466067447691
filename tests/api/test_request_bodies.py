"""What every write body gets: a field the endpoint does not write is refused with a 400
naming it, not dropped; JSON nested past the bound is refused with a 400 saying where, in
bounded memory, never a RecursionError's 500."""

import pytest

from apps.claims.models import Claim, Rating
from apps.quotes.models import Quote
from apps.sources.models import Publisher, Source
from apps.speakers.models import Speaker
from apps.topics.models import Topic
from tests.api.helpers import error, etag
from tests.factories import (
    ClaimFactory,
    PublisherFactory,
    QuoteFactory,
    SourceFactory,
    SpeakerFactory,
    TopicFactory,
)

# A body each create endpoint accepts, and the model whose rows it would add.
CREATES = {
    "topics": ({"name": "Trade"}, Topic),
    "publishers": ({"name": "The Courier"}, Publisher),
    "speakers": ({"name": "A. Minister"}, Speaker),
    "sources": ({"title": "Budget speech", "text": "Grain exports rose."}, Source),
    "quotes": ({"text": "Grain exports rose.", "speaker_name": "A. Minister"}, Quote),
    "claims": ({"statement": "Grain exports rose."}, Claim),
}


def refusal(response) -> tuple[int, list[tuple[str | None, str]], list[str]]:
    return (*error(response), [item["detail"] for item in response.json()["errors"]])


@pytest.mark.parametrize("resource", sorted(CREATES))
def test_a_create_with_an_unknown_field_answers_400_naming_it_and_saves_nothing(
    api_editor, resource
):
    body, model = CREATES[resource]

    response = api_editor.post(f"/api/v1/{resource}/", {**body, "colour_scheme": "blue"})

    assert (error(response), model.objects.count()) == (
        (400, [("colour_scheme", "unknown_field")]),
        0,
    )


def test_a_claims_status_sent_in_a_change_answers_400_naming_it_as_read_only(api_editor):
    claim = ClaimFactory(statement="Before.")
    url = f"/api/v1/claims/{claim.pk}/"

    response = api_editor.patch(
        url, {"statement": "After.", "status": "published"}, HTTP_IF_MATCH=etag(api_editor, url)
    )

    claim.refresh_from_db()
    assert (refusal(response), claim.status, claim.statement) == (
        (
            400,
            [("status", "read_only")],
            [
                "Read-only field: a claim's status changes through its workflow actions "
                "(submit, publish, retract, return-to-draft). Leave it out."
            ],
        ),
        "draft",
        "Before.",
    )


@pytest.mark.parametrize(
    ("resource", "factory", "fields"),
    [
        ("topics", TopicFactory, {"id": 99, "api_url": "x", "created_at": "2024-01-01"}),
        ("speakers", SpeakerFactory, {"roles": [], "page_url": "x"}),
        ("sources", SourceFactory, {"text_version": 7, "versions_url": "x"}),
        ("publishers", PublisherFactory, {"updated_at": "2024-01-01T00:00:00Z"}),
        ("ratings", lambda: Rating.objects.first(), {"claimreview": {}}),
        ("quotes", QuoteFactory, {"created_at": "2024-01-01T00:00:00Z"}),
    ],
)
def test_fields_an_object_only_shows_are_refused_in_a_change(api_editor, resource, factory, fields):
    url = f"/api/v1/{resource}/{factory().pk}/"

    response = api_editor.patch(url, fields, HTTP_IF_MATCH=etag(api_editor, url))

    assert response.status_code == 400
    assert sorted(item["attr"] for item in response.json()["errors"]) == sorted(fields)
    assert {item["code"] for item in response.json()["errors"]} <= {"read_only", "unknown_field"}


def test_an_unknown_field_in_a_citation_is_named_with_its_place(api_editor):
    source = SourceFactory(text="Grain exports rose by a tenth.")

    response = api_editor.post(
        "/api/v1/claims/",
        {
            "statement": "Grain exports rose.",
            "citations": [
                {"source": source.slug, "relation": "states", "exact": "Grain exports rose"},
                {
                    "source": source.slug,
                    "relation": "states",
                    "exact": "by a tenth",
                    "start": 0,
                    "weight": 2,
                },
            ],
        },
    )

    assert (error(response), Claim.objects.count()) == (
        (400, [("citations.1.start", "read_only"), ("citations.1.weight", "unknown_field")]),
        0,
    )


def test_an_unknown_field_beside_an_invalid_one_is_named_too(api_editor):
    response = api_editor.post("/api/v1/topics/", {"name": 7, "colour": "blue"})

    assert error(response) == (400, [("name", "invalid"), ("colour", "unknown_field")])


def test_a_workflow_note_with_an_unknown_field_answers_400(api_editor):
    claim = ClaimFactory(status=Claim.Status.IN_REVIEW)
    url = f"/api/v1/claims/{claim.pk}/"

    response = api_editor.post(
        f"{url}return-to-draft/",
        {"note": "Cite the ministry.", "urgent": True},
        HTTP_IF_MATCH=etag(api_editor, url),
    )

    claim.refresh_from_db()
    assert (error(response), claim.status) == ((400, [("urgent", "unknown_field")]), "in_review")


def test_a_body_sent_to_an_action_that_takes_none_answers_400(api_editor):
    claim = ClaimFactory()
    url = f"/api/v1/claims/{claim.pk}/"

    response = api_editor.post(
        f"{url}submit/", {"note": "Ready."}, HTTP_IF_MATCH=etag(api_editor, url)
    )

    claim.refresh_from_db()
    assert (refusal(response), claim.status) == (
        (
            400,
            [("note", "unknown_field")],
            ["Unknown field: this action has no field “note”. Leave it out."],
        ),
        "draft",
    )


def test_the_schema_says_write_bodies_take_no_other_fields(openapi_document):
    schemas = openapi_document["components"]["schemas"]

    open_bodies = [
        name
        for name, schema in schemas.items()
        if name.endswith("Request") and schema.get("additionalProperties") is not False
    ]

    assert open_bodies == []


# --- nesting ------------------------------------------------------------------------------


def nested(depth: int) -> str:
    return '{"name": ' + "[" * depth + "]" * depth + "}"


def test_a_body_nested_past_the_bound_answers_400_saying_where(api_editor):
    response = api_editor.generic(
        "POST", "/api/v1/topics/", nested(100_000), content_type="application/json"
    )

    assert (refusal(response), Topic.objects.count()) == (
        (
            400,
            [(None, "parse_error")],
            [
                "JSON parse error - nested deeper than 32 levels at byte 41 of 200,010: "
                "no request body needs more."
            ],
        ),
        0,
    )


def test_a_body_nested_within_the_bound_is_read(api_editor):
    response = api_editor.generic(
        "POST", "/api/v1/topics/", nested(31), content_type="application/json"
    )

    # Read, then refused by the serializer for what it is: a list where a name goes.
    assert error(response) == (400, [("name", "invalid")])


def test_brackets_inside_a_string_do_not_count_as_nesting(api_editor):
    text = '[{"\\' * 5000

    response = api_editor.post("/api/v1/sources/", {"title": "Brackets", "text": text})

    assert (response.status_code, response.json()["text"]) == (201, text)


def test_a_deeply_nested_change_answers_400_before_if_match_is_read(api_editor):
    topic = TopicFactory(name="Trade")

    response = api_editor.generic(
        "PATCH",
        f"/api/v1/topics/{topic.pk}/",
        nested(5000),
        content_type="application/json",
        HTTP_IF_MATCH='"stale"',
    )

    topic.refresh_from_db()
    assert (error(response), topic.name) == ((400, [(None, "parse_error")]), "Trade")


@pytest.mark.parametrize("body", ['{"na\\ud800me": "Trade"}', '{"name": ["Tr\\udc00ade"]}'])
def test_half_a_utf16_pair_answers_400_saying_where(api_editor, body):
    response = api_editor.generic("POST", "/api/v1/topics/", body, content_type="application/json")

    assert (error(response), Topic.objects.count()) == ((400, [(None, "parse_error")]), 0)
    assert (
        "is half of a UTF-16 pair, not a character, in “" in response.json()["errors"][0]["detail"]
    )


@pytest.mark.parametrize("description", ["\x0c", "\x0cTrade and tariffs", "Trade\x1f"])
def test_a_control_character_that_python_counts_as_white_space_is_refused_too(
    api_editor, description
):
    # DRF trims white space first, and \x0c or \x1f would have gone unseen at either end.
    response = api_editor.post("/api/v1/topics/", {"name": "Trade", "description": description})

    assert (error(response), Topic.objects.count()) == (
        (400, [("description", "control_character")]),
        0,
    )
