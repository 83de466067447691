"""The static files' storage, its URLs worked out once per name.

`{% static %}` asks the storage for a file's URL on every render: with the manifest
storage that is the manifest look-up, a split, an unquote, a join and a quote, about
40 µs, and every page links five of them (bench/README.md, "First visits"). The URL of a
name depends only on the manifest (read when the storage is made), on DEBUG and on
STATIC_URL, so it is kept per storage instance under those.
"""

from django.conf import settings
from whitenoise.storage import CompressedManifestStaticFilesStorage


class StaticStorage(CompressedManifestStaticFilesStorage):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._urls: dict[tuple[str, bool, str], str] = {}

    def url(self, name, force=False):
        if force:
            return super().url(name, force=True)
        key = (name, settings.DEBUG, self.base_url)
        url = self._urls.get(key)
        if url is None:
            url = self._urls[key] = super().url(name)
        return url
