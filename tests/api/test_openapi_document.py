"""The OpenAPI document: tags, servers, contact and licence; no maintainers' notes in it."""

import importlib
import inspect
import pkgutil

import pytest
from drf_spectacular.plumbing import get_doc
from rest_framework import serializers

import apps.api


@pytest.fixture
def document(openapi_document):
    return openapi_document


def api_modules():
    for info in pkgutil.walk_packages(apps.api.__path__, "apps.api."):
        yield importlib.import_module(info.name)


def test_every_operation_is_under_a_declared_tag(document):
    used = {
        tag
        for item in document["paths"].values()
        for operation in item.values()
        for tag in operation["tags"]
    }
    declared = [tag["name"] for tag in document["tags"]]

    assert (sorted(used), all(tag.get("description") for tag in document["tags"])) == (
        sorted(declared),
        True,
    )


def test_document_names_this_server_its_contact_and_licence(document, settings):
    assert (document["servers"], document["info"]["contact"], document["info"]["license"]) == (
        [{"url": "http://testserver/", "description": "This site"}],
        {"name": settings.FACTBASE_ORGANISATION_NAME, "url": settings.FACTBASE_ORGANISATION_URL},
        {"name": "MIT", "url": "https://opensource.org/license/mit"},
    )


def test_no_operation_is_described_by_a_docstring(document):
    docstrings = {
        get_doc(value)
        for module in api_modules()
        for value in vars(module).values()
        if (inspect.isclass(value) or inspect.isfunction(value))
        and value.__module__ == module.__name__
        and get_doc(value)
    }
    docstrings |= {
        get_doc(member)
        for module in api_modules()
        for value in vars(module).values()
        if inspect.isclass(value) and value.__module__ == module.__name__
        for member in vars(value).values()
        if inspect.isfunction(member) and get_doc(member)
    }

    described = [
        (method, path)
        for path, item in document["paths"].items()
        for method, operation in item.items()
        if operation.get("description") in docstrings
    ]
    assert described == []


def serializer_components() -> dict[str, type]:
    """The API's serializers by the component name drf-spectacular gives them."""
    found = {}
    for module in api_modules():
        for value in vars(module).values():
            if not (inspect.isclass(value) and issubclass(value, serializers.BaseSerializer)):
                continue
            if not value.__module__.startswith("apps.api."):
                continue
            meta = vars(value).get("Meta")
            name = vars(meta).get("ref_name") if meta is not None else None
            found[name or value.__name__.removesuffix("Serializer")] = value
    return found


def test_no_component_is_described_by_a_docstring_it_inherits(document):
    classes = serializer_components()

    inherited = []
    for name, component in document["components"]["schemas"].items():
        base = name.removeprefix("Patched").removesuffix("Request")
        cls = classes.get(base)
        if cls is not None and not vars(cls).get("__doc__") and "description" in component:
            inherited.append(name)

    assert (inherited, len(classes) > 20) == ([], True)
