"""The typed readers of environment variables in factbase/env.py."""

import pytest
from django.core.exceptions import ImproperlyConfigured

from factbase.env import (
    env_bool,
    env_choice,
    env_int,
    env_list,
    env_required,
    env_str,
    env_url_path,
)

NAME = "FACTBASE_TEST_VARIABLE"


@pytest.fixture(autouse=True)
def _unset(monkeypatch):
    monkeypatch.delenv(NAME, raising=False)


def test_env_str_reads_the_variable(monkeypatch):
    monkeypatch.setenv(NAME, " Factbase ")

    assert env_str(NAME, "default") == " Factbase "


def test_env_str_falls_back_to_default_when_unset():
    assert env_str(NAME, "default") == "default"


@pytest.mark.parametrize("raw", ["1", "true", "True", "YES", "on", " on "])
def test_env_bool_reads_true(monkeypatch, raw):
    monkeypatch.setenv(NAME, raw)

    assert env_bool(NAME, default=False) is True


@pytest.mark.parametrize("raw", ["0", "false", "FALSE", "no", "off", ""])
def test_env_bool_reads_false(monkeypatch, raw):
    monkeypatch.setenv(NAME, raw)

    assert env_bool(NAME, default=True) is False


@pytest.mark.parametrize("default", [True, False])
def test_env_bool_falls_back_to_default_when_unset(default):
    assert env_bool(NAME, default=default) is default


def test_env_bool_rejects_other_values_naming_the_variable(monkeypatch):
    monkeypatch.setenv(NAME, "maybe")

    with pytest.raises(ImproperlyConfigured) as caught:
        env_bool(NAME)

    assert str(caught.value) == (
        "FACTBASE_TEST_VARIABLE='maybe' is not a boolean: "
        "use one of 1/0, true/false, yes/no, on/off."
    )


def test_env_int_reads_a_whole_number(monkeypatch):
    monkeypatch.setenv(NAME, " 30 ")

    assert env_int(NAME, 60) == 30


@pytest.mark.parametrize("raw", [None, "", "  "], ids=["unset", "empty", "blank"])
def test_env_int_falls_back_to_default_when_unset_or_blank(monkeypatch, raw):
    if raw is not None:
        monkeypatch.setenv(NAME, raw)

    assert env_int(NAME, 60) == 60


def test_env_int_rejects_other_values_naming_the_variable(monkeypatch):
    monkeypatch.setenv(NAME, "1.5")

    with pytest.raises(ImproperlyConfigured) as caught:
        env_int(NAME, 60)

    assert str(caught.value) == "FACTBASE_TEST_VARIABLE='1.5' is not a whole number."


def test_env_list_splits_on_commas_and_drops_blanks(monkeypatch):
    monkeypatch.setenv(NAME, " factbase.example.org, ,www.factbase.example.org,")

    assert env_list(NAME) == ["factbase.example.org", "www.factbase.example.org"]


def test_env_list_falls_back_to_a_copy_of_default_when_unset():
    default = ["localhost"]

    hosts = env_list(NAME, default)

    assert (hosts, hosts is default) == (["localhost"], False)


def test_env_list_is_empty_when_set_empty(monkeypatch):
    monkeypatch.setenv(NAME, "")

    assert env_list(NAME, ["localhost"]) == []


def test_env_required_returns_the_value_stripped(monkeypatch):
    monkeypatch.setenv(NAME, "  s3cret  ")

    assert env_required(NAME, "it is needed.") == "s3cret"


@pytest.mark.parametrize("raw", [None, "", "   "], ids=["unset", "empty", "blank"])
def test_env_required_names_the_variable_and_why(monkeypatch, raw):
    if raw is not None:
        monkeypatch.setenv(NAME, raw)

    with pytest.raises(ImproperlyConfigured) as caught:
        env_required(NAME, "it is needed.")

    assert str(caught.value) == "Set the FACTBASE_TEST_VARIABLE environment variable: it is needed."


@pytest.mark.parametrize("raw", [None, "", " "], ids=["unset", "empty", "blank"])
def test_env_choice_falls_back_to_default_when_unset_or_blank(monkeypatch, raw):
    if raw is not None:
        monkeypatch.setenv(NAME, raw)

    assert env_choice(NAME, ("json", "plain"), "plain") == "plain"


def test_env_choice_reads_a_choice_whatever_its_case(monkeypatch):
    monkeypatch.setenv(NAME, " JSON ")

    assert env_choice(NAME, ("json", "plain"), "plain") == "json"


def test_env_choice_rejects_other_values_naming_the_variable(monkeypatch):
    monkeypatch.setenv(NAME, "xml")

    with pytest.raises(ImproperlyConfigured) as caught:
        env_choice(NAME, ("json", "plain"), "plain")

    assert str(caught.value) == "FACTBASE_TEST_VARIABLE='xml' is not one of: json, plain."


@pytest.mark.parametrize("value", ["admin/", "curation/desk-7/", "x.y_z~/"])
def test_env_url_path_reads_a_path_below_the_root(monkeypatch, value):
    monkeypatch.setenv(NAME, value)

    assert env_url_path(NAME, "admin/") == value


def test_env_url_path_falls_back_to_default_when_unset():
    assert env_url_path(NAME, "admin/") == "admin/"


@pytest.mark.parametrize("value", ["/admin/", "admin", "/", "a//b/", "./", "../x/", "é/"])
def test_env_url_path_rejects_other_values_naming_the_variable(monkeypatch, value):
    monkeypatch.setenv(NAME, value)

    with pytest.raises(ImproperlyConfigured) as caught:
        env_url_path(NAME, "admin/")

    assert str(caught.value).startswith(f"FACTBASE_TEST_VARIABLE={value!r} is not a URL path")
