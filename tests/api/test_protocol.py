"""What every endpoint shares: the error shape, pagination bounds, content negotiation,
throttling, and the OpenAPI document with its reference page."""

import json

import pytest
import yaml
from django.core.exceptions import ImproperlyConfigured
from django.urls import reverse

from apps.api.serializers.strict import (
    NON_BLANK_TEXT_PATTERN,
    NON_EMPTY_TEXT_PATTERN,
    SLUG_PATTERN,
    TEXT_PATTERN,
)
from apps.api.throttling import check_throttle_settings
from tests.api.helpers import error
from tests.factories import SpeakerFactory


def test_unknown_path_under_the_api_answers_404_in_the_error_shape(anon):
    response = anon.get("/api/v1/nothing-here/")

    assert (response["Content-Type"], error(response)) == (
        "application/json",
        (404, [(None, "not_found")]),
    )


def test_non_numeric_id_answers_404(anon):
    assert error(anon.get("/api/v1/claims/abc/")) == (404, [(None, "not_found")])


@pytest.mark.parametrize("value", ["0", "101", "ten", "-1", "1.5"])
def test_page_size_outside_1_to_100_answers_400(anon, value):
    assert error(anon.get("/api/v1/speakers/", {"page_size": value})) == (
        400,
        [("page_size", "invalid")],
    )


@pytest.mark.parametrize("cursor", ["garbage", "cD1hYmM%3D", "bz0xJnA9bm90LWEtZGF0ZQ=="])
def test_malformed_cursor_answers_400(anon, cursor):
    response = anon.get(f"/api/v1/sources/?cursor={cursor}")

    assert error(response) == (400, [("cursor", "invalid")])


def test_write_with_a_body_that_is_not_json_answers_400(api_editor):
    response = api_editor.generic(
        "POST", "/api/v1/topics/", "{not json", content_type="application/json"
    )

    assert error(response) == (400, [(None, "parse_error")])


def test_write_in_another_media_type_answers_415(api_editor):
    response = api_editor.post("/api/v1/topics/", "name=Trade", content_type="text/plain")

    assert error(response) == (415, [(None, "unsupported_media_type")])


def test_unsupported_method_answers_405(anon):
    assert error(anon.put("/api/v1/speakers/")) == (405, [(None, "method_not_allowed")])


def test_unacceptable_media_type_answers_406(anon):
    response = anon.get("/api/v1/speakers/", HTTP_ACCEPT="application/xml")

    assert error(response) == (406, [(None, "not_acceptable")])


def test_invalid_token_answers_401(anon):
    anon.credentials(HTTP_AUTHORIZATION="Token not-a-token")

    assert error(anon.get("/api/v1/speakers/")) == (401, [(None, "authentication_failed")])


def test_anonymous_clients_are_throttled_with_429(anon, settings):
    settings.API_THROTTLE_ANON = "2/min"

    statuses = [anon.get("/api/v1/topics/").status_code for _ in range(3)]

    assert statuses == [200, 200, 429]


def test_editors_have_their_own_rate(api_editor, settings):
    settings.API_THROTTLE_ANON = "1/min"
    settings.API_THROTTLE_USER = "3/min"

    statuses = [api_editor.get("/api/v1/topics/").status_code for _ in range(4)]

    assert statuses == [200, 200, 200, 429]


def test_session_signed_in_editor_reads_drafts_in_the_browsable_api(client, api_editor_user):
    SpeakerFactory(name="Draft speaker", status="draft")
    client.force_login(api_editor_user)

    response = client.get("/api/v1/speakers/", HTTP_ACCEPT="text/html")

    assert (response.status_code, "Draft speaker" in response.content.decode()) == (200, True)


def test_session_write_without_csrf_token_answers_403(api_editor_user):
    from rest_framework.test import APIClient

    client = APIClient(enforce_csrf_checks=True)
    client.force_login(api_editor_user)

    response = client.post("/api/v1/topics/", {"name": "Trade"}, format="json")

    assert error(response)[0] == 403


@pytest.fixture
def schema(openapi_document):
    """The document as served in JSON, read once per process (tests/conftest.py); the
    first test and the last read it as served, in YAML and in JSON."""
    return openapi_document


def test_schema_is_openapi_3_with_a_summary_on_every_operation(anon):
    response = anon.get(reverse("api:schema"))

    # libyaml's safe loader: PyYAML's own takes seconds to read the document.
    schema = yaml.load(response.content, Loader=yaml.CSafeLoader)
    operations = [
        (method, path, operation)
        for path, item in schema["paths"].items()
        for method, operation in item.items()
    ]
    assert schema["openapi"].startswith("3.")
    # Six operations on each of the seven resources, the ClaimReview feed, search,
    # suggestions and similar claims, the workflow actions (four on claims, two on quotes),
    # the proposed revisions of claims (list, read, accept, reject), tombstones and a
    # source's versions.
    assert len(operations) == 7 * 6 + 4 + 6 + 4 + 2
    assert [(m, p) for m, p, operation in operations if not operation.get("summary")] == []


def test_schema_documents_conditional_requests_and_their_errors(schema):
    item = schema["paths"]["/api/v1/claims/{id}/"]

    assert sorted(item["get"]["responses"]) == [
        "200",
        "304",
        "401",
        "404",
        "405",
        "406",
        "414",
        "429",
        "503",
    ]
    assert {"412", "428"} <= set(item["patch"]["responses"])
    assert [p["name"] for p in item["patch"]["parameters"] if p["in"] == "header"] == ["If-Match"]


def test_schema_documents_an_editors_change_to_a_published_claim_as_a_202_proposal(schema):
    item = schema["paths"]["/api/v1/claims/{id}/"]

    proposed = [item[method]["responses"]["202"] for method in ("put", "patch")]

    assert [(r["content"]["application/json"]["schema"], list(r["headers"])) for r in proposed] == [
        ({"$ref": "#/components/schemas/ClaimRevision"}, ["Location"])
    ] * 2


def test_schema_documents_conditional_requests_only_where_they_are_honoured(schema):
    # Claim revisions answer without an ETag: no 304, no If-None-Match.
    read = schema["paths"]["/api/v1/claim-revisions/{id}/"]["get"]

    assert (sorted(read["responses"]), [p["name"] for p in read["parameters"]]) == (
        ["200", "401", "404", "405", "406", "414", "429", "503"],
        ["id"],
    )
    assert list(read["responses"]["200"].get("headers", {})) == []


def test_schema_documents_the_refusals_of_a_decision_on_a_revision(schema):
    paths = schema["paths"]

    decisions = [
        paths[f"/api/v1/claim-revisions/{{id}}/{action}/"]["post"]["responses"]
        for action in ("accept", "reject")
    ]
    listing = paths["/api/v1/claim-revisions/"]["get"]["responses"]

    # A reviewer's decision can be refused (400) or not theirs to make (403); the list is
    # for editors of claims only (404 for anyone else).
    assert ([sorted({"400", "403"} & set(d)) for d in decisions], "404" in listing) == (
        [["400", "403"]] * 2,
        True,
    )


def test_schema_documents_the_outage_answer_on_every_operation(schema):

    undocumented = [
        (method, path)
        for path, item in schema["paths"].items()
        for method, operation in item.items()
        if list(operation["responses"].get("503", {}).get("headers", {})) != ["Retry-After"]
    ]
    assert (undocumented, schema["components"]["schemas"]["Error503"]["properties"]["code"]) == (
        [],
        {"$ref": "#/components/schemas/Error503CodeEnum"},
    )


def test_schema_documents_the_size_limit_on_every_write(schema):

    documented = {
        (method, "413" in operation["responses"])
        for item in schema["paths"].values()
        for method, operation in item.items()
    }
    assert documented == {
        ("get", False),
        ("delete", False),
        ("post", True),
        ("put", True),
        ("patch", True),
    }


def test_schema_documents_the_servers_414_on_every_operation(schema):

    undocumented = [
        (method, path)
        for path, item in schema["paths"].items()
        for method, operation in item.items()
        if "414" not in operation["responses"]
    ]
    assert undocumented == []


def test_schema_says_text_holds_no_control_character_and_blank_is_said_once(schema):
    topic = schema["components"]["schemas"]["TopicWriteRequest"]["properties"]
    claims = schema["paths"]["/api/v1/claims/"]["get"]["parameters"]

    assert (topic["name"]["pattern"], topic["description"]["oneOf"]) == (
        NON_BLANK_TEXT_PATTERN,
        [
            {"type": "string", "pattern": NON_EMPTY_TEXT_PATTERN},
            {"type": "string", "maxLength": 0},
        ],
    )
    assert {
        p["name"]: p["schema"].get("pattern") for p in claims if p["name"] in {"q", "speaker"}
    } == {
        "q": TEXT_PATTERN,
        "speaker": SLUG_PATTERN,
    }


def test_docs_page_loads_its_assets_from_this_site_only(anon):
    html = anon.get(reverse("api:docs")).content.decode()

    assert "/static/drf_spectacular_sidecar/redoc/bundles/redoc.standalone.js" in html
    assert [url for url in ("cdn.", "unpkg", "jsdelivr", "googleapis") if url in html] == []


def test_schema_is_also_served_as_json(anon):
    response = anon.get(reverse("api:schema"), {"format": "json"})

    assert json.loads(response.content)["info"]["title"] == "Factbase API"


@pytest.mark.parametrize("value", ["120", "fast", "0/min", "10/fortnight"])
def test_a_throttle_rate_that_cannot_be_read_stops_start_up_naming_the_variable(settings, value):
    settings.API_THROTTLE_USER = value

    with pytest.raises(ImproperlyConfigured, match="API_THROTTLE_USER="):
        check_throttle_settings()
