"""The static storage keeps each name's URL, under DEBUG and STATIC_URL (another STATIC_URL
makes another storage: django.test.signals)."""

from django.test import override_settings
from whitenoise.storage import CompressedManifestStaticFilesStorage

from apps.core.staticfiles import StaticStorage


def test_a_kept_url_is_the_manifest_storages_url():
    storage, plain = StaticStorage(), CompressedManifestStaticFilesStorage()

    for name in ["css/site.css", "js/share.js", "favicon.svg"]:
        assert storage.url(name) == plain.url(name)
        assert storage.url(name) == plain.url(name)  # the kept one
    assert storage.url("css/site.css") != "/static/css/site.css"  # hashed


def test_debug_is_not_kept_over():
    storage = StaticStorage()
    hashed = storage.url("css/site.css")

    with override_settings(DEBUG=True):
        assert storage.url("css/site.css") == "/static/css/site.css"
    assert storage.url("css/site.css") == hashed
