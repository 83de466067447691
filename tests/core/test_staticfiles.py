"""The static storage keeps each name's URL, under DEBUG and STATIC_URL (another STATIC_URL
makes another storage: django.test.signals)."""

import json

import pytest
from django.test import override_settings
from whitenoise.storage import CompressedManifestStaticFilesStorage

from apps.core.staticfiles import StaticStorage

HASHED = {
    "css/site.css": "css/site.0123456789ab.css",
    "js/share.js": "js/share.ba9876543210.js",
    "favicon.svg": "favicon.0a1b2c3d4e5f.svg",
}


@pytest.fixture
def collected(tmp_path):
    """A STATIC_ROOT as collectstatic leaves it: its manifest (the files themselves are not
    read to make a URL). A fresh clone has none collected."""
    manifest = {"paths": HASHED, "version": "1.1", "hash": "0123456789ab"}
    (tmp_path / "staticfiles.json").write_text(json.dumps(manifest))
    return str(tmp_path)


def test_a_kept_url_is_the_manifest_storages_url(collected):
    storage = StaticStorage(location=collected)
    plain = CompressedManifestStaticFilesStorage(location=collected)

    for name in HASHED:
        assert storage.url(name) == plain.url(name)
        assert storage.url(name) == plain.url(name)  # the kept one
    assert storage.url("css/site.css") == "/static/css/site.0123456789ab.css"


def test_debug_is_not_kept_over(collected):
    storage = StaticStorage(location=collected)
    hashed = storage.url("css/site.css")

    with override_settings(DEBUG=True):
        assert storage.url("css/site.css") == "/static/css/site.css"
    assert storage.url("css/site.css") == hashed
