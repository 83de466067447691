"""Factbase served by gunicorn as production runs it (gunicorn.conf.py, DEBUG off, the
response cache on), on a fresh SQLite database of its own, for tests that need real worker
processes."""

import atexit
import contextlib
import functools
import http.client
import shutil
import tempfile
from pathlib import Path

from bench.harness import free_port
from bench.instance import Server, database_url_for, manage, server_environment

DATABASE = "gunicorn"


@functools.cache
def prepared() -> Path:
    """A directory with a migrated database and the collected static files, made once per
    process: each is a Django process of its own, seconds of a server's start, and the
    same for every server. Each server starts from copies of its own."""
    template = Path(tempfile.mkdtemp(prefix="factbase-gunicorn-"))
    atexit.register(shutil.rmtree, template, ignore_errors=True)
    env = server_environment(database_url_for(None, DATABASE, template), template)
    manage(env, "migrate", "--no-input", "-v", "0")
    manage(env, "collectstatic", "--no-input", "-v", "0")
    return template


@contextlib.contextmanager
def production_server(tmp_path: Path, *, workers: int, **environment: str):
    url = database_url_for(None, DATABASE, tmp_path)
    env = {**server_environment(url, tmp_path), "RESPONSE_CACHE": "1", **environment}
    template = prepared()
    for database_file in template.glob(f"{DATABASE}.sqlite3*"):
        shutil.copyfile(database_file, tmp_path / database_file.name)
    shutil.copytree(template / "static", tmp_path / "static")
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
