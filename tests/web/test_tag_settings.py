"""The settings feed entry ids are made from: read from the environment, refused at
start-up when they could not make a tag: URI (RFC 4151)."""

import pytest
from django.core.exceptions import ImproperlyConfigured

from tests.ops.settings_loader import settings_loader

TAG_VARIABLES = ("FACTBASE_TAG_AUTHORITY", "FACTBASE_TAG_DATE")


@pytest.fixture
def load(monkeypatch):
    for name in TAG_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    return settings_loader(monkeypatch)


def test_authority_defaults_to_the_organisations_host(load):
    settings = load(FACTBASE_ORGANISATION_URL="https://FactCheck.example.org/about/")

    assert (settings["FACTBASE_TAG_AUTHORITY"], settings["FACTBASE_TAG_DATE"]) == (
        "factcheck.example.org",
        "2026",
    )


def test_authority_and_date_can_be_set(load):
    settings = load(FACTBASE_TAG_AUTHORITY="news.example.net", FACTBASE_TAG_DATE="2019-04-01")

    assert (settings["FACTBASE_TAG_AUTHORITY"], settings["FACTBASE_TAG_DATE"]) == (
        "news.example.net",
        "2019-04-01",
    )


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("FACTBASE_TAG_AUTHORITY", "https://news.example.net/"),
        ("FACTBASE_TAG_AUTHORITY", "news example"),
        ("FACTBASE_TAG_DATE", "April 2019"),
        ("FACTBASE_TAG_DATE", "2019-4-1"),
    ],
)
def test_start_up_refuses_what_cannot_make_a_tag_uri(load, name, value):
    with pytest.raises(ImproperlyConfigured, match=name):
        load(**{name: value})
