"""Whatever a query string holds, a list (and search) answers 200 or a 400 naming each
parameter at fault: never a 500.

Every GET operation without a path parameter in the OpenAPI document is sent its own
parameters (and one it does not take) with arbitrary values, as an anonymous client and
as an editor; CI runs it on both databases. Hypothesis runs derandomized (a fixed seed per
test), so a failure repeats.
"""

import json

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from rest_framework.test import APIClient

from apps.core.text import control_character
from tests import factories
from tests.api.conftest import token_client


def list_operations(document: dict) -> dict[str, list[str]]:
    """{path: its query parameters' names} of the document's GET operations on lists."""
    return {
        path: [p["name"] for p in operations["get"].get("parameters", []) if p["in"] == "query"]
        for path, operations in document["paths"].items()
        if "{" not in path and "get" in operations
    }


VALUES = st.one_of(
    st.text(max_size=12),
    st.sampled_from(["grain-exports-rose", "ana-minister", "trade", "false", "published"]),
    st.sampled_from(["0", "-1", "1", "100", "101", "9" * 30, "1.5", "1e9", "", " "]),
    st.sampled_from(["2024-05-01", "2024-05-01T09:30:00Z", "2024-13-01", "-id", "id,-id"]),
    st.text(alphabet=st.characters(max_codepoint=0x7F), max_size=4).map(lambda s: f"a{s}b"),
    st.integers(min_value=1, max_value=3).map(lambda n: "x" * (300 * n)),
)


@pytest.fixture(scope="module")
def operations(served_openapi_document):
    return list_operations(json.loads(served_openapi_document))


@pytest.fixture
def clients(db):
    speaker = factories.SpeakerFactory(name="Ana Minister", slug="ana-minister")
    topic = factories.TopicFactory(name="Trade", slug="trade")
    claim = factories.PublishedClaimFactory(
        slug="grain-exports-rose", claimant=speaker, rating=factories.rating("false")
    )
    factories.CitationFactory(claim=claim)
    with factories.arranged():
        claim.topics.set([topic])
    editor = factories.UserFactory(username="fuzz-editor", is_superuser=True)
    return {"anonymous": APIClient(), "editor": token_client(editor)}


@pytest.mark.slow
@settings(
    max_examples=300,
    derandomize=True,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data(), who=st.sampled_from(["anonymous", "editor"]))
@example(data=None, who="anonymous")
def test_no_query_string_makes_a_list_fail(operations, clients, data, who, settings):
    settings.API_THROTTLE_ANON = settings.API_THROTTLE_USER = "100000/min"
    if data is None:  # the outside test's first find
        path, parameters = "/api/v1/claims/", [("speaker", "a\x00b")]
    else:
        path = data.draw(st.sampled_from(sorted(operations)))
        names = st.sampled_from([*operations[path], "colour"])
        parameters = data.draw(st.lists(st.tuples(names, VALUES), min_size=1, max_size=4))

    response = clients[who].get(path, parameters)

    assert response.status_code in {200, 400, 401, 404}, response.content
    if response.status_code == 400:
        errors = response.json()["errors"]
        # Each names a parameter sent, or a required one left out.
        assert {error["attr"] for error in errors} <= {*operations[path], "colour"}
    if any(control_character(f"{name}{value}") for name, value in parameters):
        assert response.json()["errors"][0]["code"] == "control_character"
