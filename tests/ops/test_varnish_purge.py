"""A real Varnish in front of Factbase, with deploy/varnish/factbase.vcl: it keeps the
anonymous pages, and a write readers can see purges exactly the pages that showed what it
changed (Surrogate-Key, CACHE_PURGE_URLS; apps/ops/purge.py).

Needs Debian's `varnish` and `varnish-modules` (the xkey vmod). Skipped without them,
except where FACTBASE_PROXY_TESTS=required (CI installs both and sets it).
"""

import http.client
import json
import os

import pytest

from bench.compare.proxy import Varnish, project_vcl, varnishd
from bench.harness import free_port
from bench.instance import MAKE_TOKEN, manage
from tests.security.gunicorn_server import production_server

# Its server runs on a SQLite database of its own, whatever DATABASE_URL says.
pytestmark = [
    pytest.mark.slow,
    pytest.mark.xdist_group("varnish"),
    pytest.mark.database_independent,
]


@pytest.fixture(scope="module", autouse=True)
def varnish_installed():
    if varnishd() is None:
        if os.environ.get("FACTBASE_PROXY_TESTS") == "required":
            pytest.fail("varnishd is not installed (apt-get install varnish varnish-modules)")
        pytest.skip("varnishd is not installed (apt-get install varnish varnish-modules)")


def get(port: int, path: str) -> tuple[int, dict, bytes]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        connection.request("GET", path, headers={"Host": "localhost"})
        response = connection.getresponse()
        return response.status, dict(response.getheaders()), response.read()
    finally:
        connection.close()


def from_varnish(headers: dict) -> bool:
    """Varnish names two transactions in X-Varnish when it answers from its cache."""
    return len(headers.get("X-Varnish", "").split()) == 2


def patch(port: int, path: str, token: str, body: dict) -> int:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        headers = {
            "Host": "localhost",
            "Authorization": f"Token {token}",
            "Accept": "application/json",
        }
        connection.request("GET", path, headers=headers)
        current = connection.getresponse()
        current.read()
        connection.request(
            "PATCH",
            path,
            body=json.dumps(body),
            headers={
                **headers,
                "Content-Type": "application/json",
                "If-Match": current.getheader("ETag"),
            },
        )
        response = connection.getresponse()
        response.read()
        return response.status
    finally:
        connection.close()


def test_a_write_purges_the_pages_that_showed_it_and_no_other(tmp_path):
    proxy_port = free_port()
    with production_server(
        tmp_path, workers=2, CACHE_PURGE_URLS=f"http://127.0.0.1:{proxy_port}/"
    ) as server:
        manage(server.env, "load_demo")
        token = (
            manage(server.env, "shell", "--no-imports", "-c", MAKE_TOKEN).strip().splitlines()[-1]
        )
        with Varnish(
            port=proxy_port,
            backend_port=server.port,
            log=tmp_path / "varnish.log",
            vcl=project_vcl(server.port),
        ):
            speaker_page, other_page = "/speakers/donald-trump/", "/topics/"
            for path in (speaker_page, other_page):
                get(proxy_port, path)
            assert from_varnish(get(proxy_port, speaker_page)[1])
            assert from_varnish(get(proxy_port, other_page)[1])

            assert (
                patch(server.port, "/api/v1/speakers/2/", token, {"description": "Purged by key"})
                == 200
            )

            status, headers, body = get(proxy_port, speaker_page)
            assert (status, from_varnish(headers)) == (200, False)
            assert b"Purged by key" in body
            assert from_varnish(get(proxy_port, other_page)[1])
