"""Nothing a client sends may change which response the shared cache stores under which
key (apps/ops/response_cache.py): the key is made of exactly what the view is given.

The outside test's case: a `SCRIPT_NAME` the server believed turned a request for
`/api/v1/sources/?page_size=7` into the HTML page `/sources/` (the view resolves the path
after the script name), which was stored under the key of the whole path and then served
to every client of the API URL.
"""

import pytest

from tests.factories import SourceFactory, SpeakerFactory

JSON = {"HTTP_ACCEPT": "application/json"}


pytestmark = pytest.mark.usefixtures("response_cache_on")


@pytest.mark.django_db
def test_a_script_name_does_not_store_one_page_under_another_urls_key(anon):
    SourceFactory(title="Budget speech")
    # What gunicorn hands Django for `GET /api/v1/sources/?page_size=7` with a believed
    # `SCRIPT_NAME: /api/v1` header: the view sees the HTML page /sources/.
    shifted = anon.get("/sources/", {"page_size": 7}, SCRIPT_NAME="/api/v1", **JSON)
    assert shifted["Content-Type"].startswith("text/html")

    plain = anon.get("/api/v1/sources/", {"page_size": 7}, **JSON)

    assert (plain.status_code, plain["Content-Type"]) == (200, "application/json")
    assert plain.json()["results"][0]["title"] == "Budget speech"


@pytest.mark.django_db
def test_a_page_built_under_a_script_name_is_not_served_without_it(anon):
    SpeakerFactory(name="Ann Minister", slug="ann")
    # The same view, but its links carry the prefix: it must not answer plain /speakers/.
    anon.get("/speakers/", SCRIPT_NAME="/elsewhere")

    plain = anon.get("/speakers/")

    assert plain.status_code == 200
    assert b'href="/elsewhere/' not in plain.content
    assert b'href="/speakers/ann/"' in plain.content
