"""The OpenAPI document describes what the server really does: schemathesis sends every
operation valid and invalid requests (an editor's token on each, so writes are exercised
too) against the app in-process, with the demo data loaded, and fails on any 5xx, any
response that does not match the schema and any undocumented status code.

It runs in `make test` (and so in CI on both databases). Bounded by SCHEMATHESIS_EXAMPLES
(default 20 per operation) and a fixed seed, so it is repeatable; set SCHEMATHESIS_EXAMPLES
higher to search longer, and SCHEMATHESIS_SEED to explore other inputs.
"""

import os

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections, transaction
from django.test import override_settings
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings
from rest_framework.authtoken.models import Token

from apps.claims.demo import load_demo
from tests.api.conftest import curation_permissions
from tests.factories import UserFactory

EXAMPLES = int(os.environ.get("SCHEMATHESIS_EXAMPLES", "20"))
SEED = int(os.environ.get("SCHEMATHESIS_SEED", "20261121"))

CONFIG = schemathesis.Config.from_dict(
    {
        "seed": SEED,
        "generation": {"mode": "all", "max-examples": EXAMPLES},
        "checks": {
            # A request the schema allows can still be refused for reasons no schema can
            # express: a slug or id that does not exist (400/404), a slug already taken or a
            # model rule (400), an ETag that is not current (412), evidence that still points
            # to what is deleted (409). Every one of those answers is documented.
            "positive_data_acceptance": {
                "expected-statuses": ["2xx", "304", "400", "401", "403", "404", "409", "412"]
            },
            # The one required header is If-Match; without it a write answers 428.
            "missing_required_header": {"expected-statuses": ["428"]},
        },
    }
)


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
            override_settings(API_THROTTLE_ANON="100000/min", API_THROTTLE_USER="100000/min"),
            transaction.atomic(),
        ):
            load_demo()
            editor = UserFactory(username="schemathesis", password="!")
            editor.user_permissions.set(curation_permissions())
            yield Token.objects.create(user=editor).key
            transaction.set_rollback(True)
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


# Loaded when the module is collected: serving the document needs no database.
schema = schemathesis.openapi.from_wsgi("/api/v1/schema/", get_wsgi_application(), config=CONFIG)


# The marker makes pytest-django create the test database (and roll back each operation's
# writes); the demo data is loaded once, beneath, by `demo_database`.
@pytest.mark.django_db
@schema.parametrize()
@hypothesis_settings(
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_api_conforms_to_its_openapi_document(case, demo_database):
    case.call_and_validate(headers={"Authorization": f"Token {demo_database}"})
