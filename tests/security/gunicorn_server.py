"""Factbase served by gunicorn as production runs it (gunicorn.conf.py, DEBUG off, the
response cache on), on a fresh SQLite database of its own, for tests that need real worker
processes."""

import contextlib
import http.client
from pathlib import Path

from bench.harness import free_port
from bench.instance import Server, database_url_for, manage, server_environment


@contextlib.contextmanager
def production_server(tmp_path: Path, *, workers: int, **environment: str):
    url = database_url_for(None, "gunicorn", tmp_path)
    env = {**server_environment(url, tmp_path), "RESPONSE_CACHE": "1", **environment}
    manage(env, "migrate", "--no-input", "-v", "0")
    manage(env, "collectstatic", "--no-input", "-v", "0")
    with Server(env, tmp_path / "gunicorn.log", port=free_port(), workers=workers) as server:
        server.env = env
        yield server


def raw_get(port: int, path: str, headers: dict[str, str]) -> tuple[int, str, bytes]:
    """(status, Content-Type, body) of a GET sent as written: any header name goes."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        connection.request("GET", path, headers={"Host": "localhost", **headers})
        response = connection.getresponse()
        return response.status, response.getheader("Content-Type", ""), response.read()
    finally:
        connection.close()
