"""A real Varnish in front of Factbase, with deploy/varnish/factbase.vcl: it keeps the
anonymous pages, and a write readers can see purges exactly the pages that showed what it
changed (Surrogate-Key, CACHE_PURGE_URLS; apps/ops/purge.py).

Needs Debian's `varnish` and `varnish-modules` (the xkey vmod). Skipped without them,
except where FACTBASE_PROXY_TESTS=required (CI installs both and sets it).
"""

import contextlib
import http.client
import json
import os
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

import pytest

from bench.harness import ROOT, free_port
from bench.instance import MAKE_TOKEN, manage
from tests.security.gunicorn_server import production_server

# Its server runs on a SQLite database of its own, whatever DATABASE_URL says.
pytestmark = [
    pytest.mark.slow,
    pytest.mark.xdist_group("varnish"),
    pytest.mark.database_independent,
]

VARNISHD = shutil.which("varnishd") or (
    "/usr/sbin/varnishd" if Path("/usr/sbin/varnishd").exists() else None
)


@pytest.fixture(scope="module", autouse=True)
def varnish_installed():
    if VARNISHD is None:
        if os.environ.get("FACTBASE_PROXY_TESTS") == "required":
            pytest.fail("varnishd is not installed (apt-get install varnish varnish-modules)")
        pytest.skip("varnishd is not installed (apt-get install varnish varnish-modules)")


@contextlib.contextmanager
def varnish(tmp_path: Path, *, port: int, backend_port: int):
    """varnishd in the foreground with the project's VCL, its backend `backend_port`.
    Its files are in a directory of their own that its unprivileged user can read
    (pytest's are its owner's only)."""
    vcl = (ROOT / "deploy" / "varnish" / "factbase.vcl").read_text()
    assert '.port = "8000";' in vcl
    work = Path(tempfile.mkdtemp(prefix="factbase-varnish-"))
    work.chmod(0o755)
    config = work / "factbase.vcl"
    config.write_text(vcl.replace('.port = "8000";', f'.port = "{backend_port}";'))
    config.chmod(0o644)
    log = (tmp_path / "varnish.log").open("w")
    process = subprocess.Popen(
        [VARNISHD, "-F", "-n", str(work / "state"), "-a", f"127.0.0.1:{port}", "-f", str(config)],
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        # Ready once Varnish answers and its probe has found the backend healthy (until
        # then it answers 503 itself, without asking the backend).
        deadline = time.monotonic() + 60
        while True:
            assert process.poll() is None, (tmp_path / "varnish.log").read_text()
            with contextlib.suppress(OSError):
                if get(port, "/healthz")[0] == 200:
                    break
            assert time.monotonic() < deadline, "varnishd found no healthy backend in 60 s"
            time.sleep(0.5)
        yield
    finally:
        process.terminate()
        process.wait(timeout=20)
        log.close()
        shutil.rmtree(work, ignore_errors=True)


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
        with varnish(tmp_path, port=proxy_port, backend_port=server.port):
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
