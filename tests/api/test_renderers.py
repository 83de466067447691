"""OrjsonRenderer writes what DRF's JSONRenderer writes, byte for byte."""

import datetime
import uuid
from decimal import Decimal

from django.utils.translation import gettext_lazy
from rest_framework.renderers import JSONRenderer
from rest_framework.utils.serializer_helpers import ReturnDict, ReturnList

from apps.api.renderers import OrjsonRenderer

DATA = ReturnDict(
    {
        "id": 7,
        "statement": "Exports rose by 12 % — “twice” the 2023 figure",
        "score": 0.5,
        "amount": Decimal("12.50"),
        "at": datetime.datetime(2024, 5, 1, 9, 30, 15, 123456, tzinfo=datetime.UTC),
        "on": datetime.date(2024, 5, 1),
        "time": datetime.time(9, 30),
        "uuid": uuid.UUID("12345678-1234-5678-1234-567812345678"),
        "label": gettext_lazy("True"),
        "separators": "line\u2028paragraph\u2029end",
        "control": "tab\tnew line\n",
        "nothing": None,
        "flags": [True, False],
        "citations": ReturnList([{"id": 1, "relation": "states"}], serializer=None),
    },
    serializer=None,
)


def test_it_writes_the_same_bytes_as_drf():
    assert OrjsonRenderer().render(DATA, "application/json") == JSONRenderer().render(
        DATA, "application/json"
    )


def test_it_renders_nothing_for_no_data():
    assert OrjsonRenderer().render(None) == b""


def test_it_indents_when_the_client_asks():
    rendered = OrjsonRenderer().render({"a": [1]}, "application/json; indent=2")

    assert rendered == b'{\n  "a": [\n    1\n  ]\n}'


def test_the_api_answers_with_it(client, db):
    response = client.get("/api/v1/ratings/", HTTP_ACCEPT="application/json")

    assert (response.status_code, response["Content-Type"]) == (200, "application/json")
    assert response.json()["results"][0]["api_url"].startswith("http://testserver/api/v1/")
