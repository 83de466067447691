from django.utils import timezone

from apps.claims.models import Claim
from tests.factories import ClaimFactory

BASE = "http://testserver"


def api(path: str) -> str:
    """The absolute URL the API gives for `path` (as the test client's host sees it)."""
    return f"{BASE}/api/v1/{path}"


def page(path: str) -> str:
    return f"{BASE}/{path}"


def published_claim(**fields) -> Claim:
    return ClaimFactory(status=Claim.Status.PUBLISHED, published_at=timezone.now(), **fields)


def etag(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, response.content
    return response["ETag"]


def results(response) -> list[dict]:
    assert response.status_code == 200, response.content
    return response.json()["results"]


def error(response) -> tuple[int, list[tuple[str | None, str]]]:
    """A response's status and its errors as (attr, code) pairs."""
    body = response.json()
    return response.status_code, [(item["attr"], item["code"]) for item in body["errors"]]
