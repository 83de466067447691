"""/healthz: the process is up. Liveness must not depend on the database."""

import pytest


def test_healthz_answers_ok_without_touching_the_database(client):
    # No `db` fixture: pytest-django makes any database access in this test an error.
    response = client.get("/healthz")

    assert (response.status_code, response["Content-Type"], response.json()) == (
        200,
        "application/json",
        {"status": "ok"},
    )


def test_healthz_is_never_cached(client):
    response = client.get("/healthz")

    assert response["Cache-Control"] == "max-age=0, no-cache, no-store, must-revalidate, private"


def test_healthz_answers_head(client):
    response = client.head("/healthz")

    assert (response.status_code, response.content) == (200, b"")


def test_healthz_refuses_post(client):
    response = client.post("/healthz")

    assert (response.status_code, response["Allow"]) == (405, "GET, HEAD")


@pytest.mark.parametrize("path", ["/healthz", "/readyz"])
def test_probes_are_not_redirected_to_https(client, db, settings, path):
    # Probes come from inside the host or cluster over plain http, not through the proxy.
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]

    response = client.get(path)

    assert response.status_code == 200
