"""The benchmarks installed as bench/settings.py installs them (their management commands
by name), and a toy HTTP server for the load drivers' tests: 404 under /missing, 200
elsewhere, `X-Cache: hit` under /hit and `X-Cache: miss` under /miss."""

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.test import modify_settings


@pytest.fixture(autouse=True)
def bench_installed():
    """The product's settings do not install the benchmarks: these tests do."""
    with modify_settings(INSTALLED_APPS={"append": "bench"}):
        yield


class Handler(BaseHTTPRequestHandler):
    def do_GET(self):
        status = 404 if self.path.startswith("/missing") else 200
        body = b'{"ok": true}'
        self.send_response(status)
        if self.path.startswith(("/hit", "/miss")):  # as Factbase's response cache marks
            self.send_header("X-Cache", self.path[1:].split("/")[0])
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def server():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()
