"""The OpenAPI document describes what the server really does: schemathesis sends every
operation valid and invalid requests, in all four of its phases (the schema's examples;
coverage of each parameter's boundaries, missing and wrong-typed values; random fuzzing;
stateful sequences that follow the links between operations), against the app in-process
with the demo data loaded and an editor's token, and applies every check it has: no 5xx,
answers that match the document (status, headers, content type, body), invalid requests
refused, valid ones accepted, a missing required header refused, methods and auth.

It runs in `make test` (and so in CI on both databases), bounded by SCHEMATHESIS_EXAMPLES
(examples per operation and scenarios, default 25) and SCHEMATHESIS_SEED (default
20261121), so it repeats; raise the first to search longer, change the second to explore
other inputs. docs/api.md states both and what the run costs.

Two checks are told what no document can say, each for a stated reason:

- a missing `If-Match` answers 428 Precondition Required (RFC 6585), which
  `missing_required_header` is told to expect (by default it takes a 400 or 422);
- `positive_data_acceptance` is replaced by `refused_only_for_what_no_schema_says`: a
  schema-valid request may still be refused for a reason about the data held, not the
  request's form (a slug that names nothing, a name already taken, a cursor the API never
  gave, a stale ETag, a rule about the object as a whole), never for its form.
"""

import json
import os
from importlib import import_module

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections, transaction
from django.test import override_settings
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.renderers import OpenApiJsonRenderer
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings
from rest_framework.authtoken.models import Token

from apps.claims.demo import DEMO_FIXTURE, load_demo
from tests.api.conftest import curation_permissions
from tests.factories import UserFactory

pytestmark = pytest.mark.slow

EXAMPLES = int(os.environ.get("SCHEMATHESIS_EXAMPLES", "25"))
SEED = int(os.environ.get("SCHEMATHESIS_SEED", "20261121"))
# The editor's token, made by `demo_database`; given in the configuration, so that the
# checks know it for the credentials it is (and try each operation without it).
TOKEN = "schemathesis0editor0token000000000000000"


def demo_values() -> dict[str, list]:
    """What the demo data holds (fixtures/demo.json, with its own ids, and the default
    verdict scale): values that name something, for half of what is generated below."""
    rows = json.loads(DEMO_FIXTURE.read_text())
    scale = import_module("apps.claims.migrations.0002_default_rating_scale").DEFAULT_SCALE

    def slugs(model):
        return sorted(row["fields"]["slug"] for row in rows if row["model"] == model)

    return {
        "ids": sorted({row["pk"] for row in rows}),
        "speakers": slugs("speakers.speaker"),
        "topics": slugs("topics.topic"),
        "sources": slugs("sources.source"),
        "publishers": slugs("sources.publisher"),
        "ratings": [slug for _, slug, *_ in scale],
    }


# Random slugs and ids name nothing, and a request that names nothing is refused (400, 404)
# before most of what it would exercise: half of the time, one of the demo data's is drawn.
DEMO_PARAMETERS = {
    "path.id": "ids",
    "query.quote": "ids",
    "query.claim": "ids",
    "query.speaker": "speakers",
    "query.claimant": "speakers",
    "query.topic": "topics",
    "query.rating": "ratings",
    "query.source": "sources",
    "query.publisher": "publishers",
    "body.speaker": "speakers",
    "body.claimant": "speakers",
    "body.misattributed_to": "speakers",
    "body.rating": "ratings",
    "body.publisher": "publishers",
    "body.quote": "ids",
    "body.translation_of": "ids",
    "body.topics[*]": "topics",
    "body.citations[*].source": "sources",
    "body.appearances[*].source": "sources",
}

CONFIG = schemathesis.Config.from_dict(
    {
        "seed": SEED,
        "headers": {"Authorization": f"Token {TOKEN}"},
        "dictionaries": {name: {"values": values} for name, values in demo_values().items()},
        "parameters": {
            key: {"dictionary": name, "probability": 0.5} for key, name in DEMO_PARAMETERS.items()
        },
        "phases": {
            "examples": {"enabled": True},
            "coverage": {"enabled": True},
            "fuzzing": {"enabled": True},
            "stateful": {"enabled": True, "max-steps": 6},
        },
        "generation": {"mode": "all", "max-examples": EXAMPLES},
        "checks": {
            # Replaced by `refused_only_for_what_no_schema_says`, below.
            "positive_data_acceptance": {"enabled": False},
            # RFC 6585: a write that must be conditional and is not answers 428.
            "missing_required_header": {"expected-statuses": ["428"]},
        },
    }
)

# Reasons about the data held, which a request's schema cannot state: a slug or id that
# names nothing (`does_not_exist`; a list filter's `invalid_choice`), a value already taken
# (`unique`), a move the object's state does not allow (`workflow`).
DATA_CODES = frozenset({"does_not_exist", "invalid_choice", "unique", "workflow"})


def refused_for_the_data(error: dict) -> bool:
    attr, code = error["attr"], error["code"]
    return (
        code in DATA_CODES
        # A cursor is the API's own: one it did not give cannot be read.
        or (attr == "cursor" and code == "invalid")
        # A rule about the object as a whole (a URL another source has, a quote's words
        # not found in its source), as the service refuses it.
        or attr is None
        or attr.rsplit(".", 1)[-1] == "non_field_errors"
    )


def refused_only_for_what_no_schema_says(ctx, response, case):
    """A schema-valid request is accepted, or refused for the data it meets: never for a
    form the document allows (a blank it says it takes, a length, a pattern, a type)."""
    meta = case.meta
    if meta is None or not meta.generation.mode.is_positive:
        return None
    status = response.status_code
    if status < 400 or status in {401, 403, 404, 409, 429} or status >= 500:
        return None  # 5xx: not_a_server_error's to report
    if status == 412 and "If-Match" in (case.headers or {}):
        return None  # an ETag the document cannot know is stale
    if status == 400:
        errors = json.loads(response.content)["errors"]
        form = [error for error in errors if not refused_for_the_data(error)]
        if not form:
            return None
        raise AssertionError(
            "A schema-valid request was refused for its form: "
            + "; ".join(f"{error['attr']}: {error['code']} ({error['detail']})" for error in form)
        )
    raise AssertionError(f"A schema-valid request was refused with {status}.")


@pytest.fixture(scope="module")
def demo_database(django_db_setup, django_db_blocker):
    """The demo data and an editor's token, in a transaction rolled back after the module.

    The app is called as a plain WSGI application, which closes "old" connections at the
    start and end of each request; inside the test's transaction that would close the
    connection itself, so (as Django's test client does) those signals are held off.
    """
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        with (
            django_db_blocker.unblock(),
            override_settings(
                API_THROTTLE_ANON="100000/min",
                API_THROTTLE_USER="100000/min",
                API_THROTTLE_FAILED_AUTH="100000/min",
            ),
            transaction.atomic(),
        ):
            load_demo()
            editor = UserFactory(username="schemathesis", password="!")
            editor.user_permissions.set(curation_permissions())
            yield Token.objects.create(user=editor, key=TOKEN).key
            transaction.set_rollback(True)
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


def openapi_document() -> dict:
    """The document /api/v1/schema/ serves, made as its view makes it: when the module is
    collected there is no database, which the view's throttle counts in."""
    generated = SchemaGenerator().get_schema(request=None, public=True)
    return json.loads(OpenApiJsonRenderer().render(generated))


def as_a_token_client_reads_it(document: dict) -> dict:
    """The document without its session-cookie scheme, which only the browsable API uses.

    The run is a token client's. Given the cookie scheme, schemathesis sometimes sends a
    made-up `sessionid` cookie beside the configured token, counts the request as sent with
    made-up credentials, and reports the token's 2xx as "API accepts invalid
    authentication" (ST401): a finding about its own request, not about the API. The
    session scheme is tested where a browser uses it (tests/api/test_auth.py and the admin).
    """
    for operations in document["paths"].values():
        for operation in operations.values():
            if isinstance(operation, dict) and "security" in operation:
                operation["security"] = [
                    scheme for scheme in operation["security"] if "cookieAuth" not in scheme
                ]
    document["components"]["securitySchemes"].pop("cookieAuth", None)
    return document


schema = schemathesis.openapi.from_dict(
    as_a_token_client_reads_it(openapi_document()), config=CONFIG
)
schema.app, schema.location = get_wsgi_application(), "/api/v1/schema/"

HYPOTHESIS = {
    "deadline": None,
    "suppress_health_check": [HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
}


# The marker makes pytest-django create the test database (and roll back each operation's
# writes); the demo data is loaded once, beneath, by `demo_database`.
@pytest.mark.django_db
@schema.parametrize()
@hypothesis_settings(**HYPOTHESIS)
def test_api_conforms_to_its_openapi_document(case, demo_database):
    case.call_and_validate(additional_checks=[refused_only_for_what_no_schema_says])


@pytest.mark.django_db
def test_api_conforms_to_its_openapi_document_in_sequences(demo_database):
    """Stateful: schemathesis chains operations by the links it infers (an id from a list
    into a read, a write's `Location` into the next request), as an editor."""

    class Sequences(schema.as_state_machine()):
        # Each scenario starts from the demo data: Hypothesis replays and shrinks scenarios,
        # which it can only do if one scenario's writes do not change the next one's world.
        def setup(self):
            self.savepoint = transaction.savepoint()

        def teardown(self):
            transaction.savepoint_rollback(self.savepoint)

        def validate_response(self, response, case, additional_checks=None, **kwargs):
            super().validate_response(
                response,
                case,
                additional_checks=[
                    *(additional_checks or []),
                    refused_only_for_what_no_schema_says,
                ],
                **kwargs,
            )

    Sequences.run(
        settings=hypothesis_settings(
            max_examples=EXAMPLES, derandomize=True, stateful_step_count=6, **HYPOTHESIS
        )
    )
