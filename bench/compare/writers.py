"""Editors at work during a run: an editor saves a draft claim every 2 s and a reviewer
publishes a claim every 30 s, both through the API with a token, as a newsroom's tools
would; their own answers are counted, and afterwards the database is read to check that
every acknowledged write landed.

The accounts (`bench-editor` in the Editor role, `bench-reviewer` in the Reviewer role,
each with an API token) are made in the benchmark's process (`writer_accounts`). Before
the run, the editor makes through the API the claims the reviewer will publish (each a
draft with a rating, a summary and a passage cited from a published source, then submitted
for review: `prepare`), and the draft it will save. During the run the editor PATCHes that
draft's analysis with `If-Match` (the ETag of its last save), the reviewer GETs the next
claim in review for its ETag and POSTs `publish` with it. Neither change is one readers
see but the publish: what a smarter cache may keep is the draft saves.

The claims they make stay in the database (they are excluded from the workloads' pools,
and from the counts that decide whether Datasette's export is stale).
"""

import json
import secrets
import threading
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field

from bench.harness import percentile

EDITOR = "bench-editor"
REVIEWER = "bench-reviewer"
SAVE_EVERY = 2.0
PUBLISH_EVERY = 30.0
TIMEOUT = 30.0


def writer_accounts() -> dict[str, str]:
    """{"editor": token, "reviewer": token}, making the accounts and tokens if needed."""
    from rest_framework.authtoken.models import Token

    from apps.accounts.roles import Role
    from apps.accounts.services import user_join_role

    tokens = {}
    for role, username in (("editor", EDITOR), ("reviewer", REVIEWER)):
        user, _ = user_join_role(
            username=username,
            role=Role.REVIEWER if role == "reviewer" else Role.EDITOR,
            password=secrets.token_urlsafe(24),
        )
        tokens[role] = Token.objects.get_or_create(user=user)[0].key
    return tokens


def writer_ids() -> list[int]:
    from django.contrib.auth import get_user_model

    users = get_user_model().objects.filter(username__in=(EDITOR, REVIEWER))
    return list(users.values_list("pk", flat=True))


def claim_material() -> dict:
    """What a ready claim cites: a rating and a stretch of a published source's text."""
    from apps.claims.models import Rating
    from apps.sources.models import Source

    source = Source.objects.public().exclude(text="").order_by("pk").first()
    if source is None:
        raise RuntimeError("No published source with a text to cite.")
    text = source.text
    start = text.find(" ", min(50, len(text) // 4)) + 1
    end = text.find(" ", start + 60)
    exact = text[start : end if end > start else len(text)].strip()
    rating = Rating.objects.order_by("pk").values_list("slug", flat=True).first()
    return {"source": source.slug, "exact": exact, "rating": rating}


def call(method: str, url: str, token: str, data: dict | None = None, etag: str | None = None):
    """(status, ETag, JSON body or None) of one API request; any HTTP status is an answer."""
    headers = {"Accept": "application/json", "Authorization": f"Token {token}"}
    body = None
    if data is not None:
        body = json.dumps(data).encode()
        headers["Content-Type"] = "application/json"
    if etag:
        headers["If-Match"] = etag
    request = urllib.request.Request(url, data=body, headers=headers, method=method)
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT) as response:
            return response.status, response.headers.get("ETag"), _json(response.read())
    except urllib.error.HTTPError as error:
        return error.code, None, _json(error.read())
    except OSError:  # refused, reset or timed out: no answer, counted as status 0
        return 0, None, None


def _json(raw: bytes):
    try:
        return json.loads(raw) if raw else None
    except ValueError:
        return None


def _expect(status: int, wanted: int, what: str, body) -> None:
    if status != wanted:
        raise RuntimeError(f"{what} answered {status}: {json.dumps(body)[:500]}")


def prepare(base: str, tokens: dict, *, ready: int, stamp: str) -> dict:
    """Through the API: `ready` claims in review, ready to publish, and one draft to save.
    {"ready": [ids], "draft": id, "draft_etag": etag}."""
    material = claim_material()
    editor = tokens["editor"]
    claims = f"{base}/api/v1/claims/"

    def new_claim(number: int, *, ready_to_publish: bool) -> tuple[int, str]:
        data = {"statement": f"Benchmark claim {stamp} number {number} says exports doubled."}
        if ready_to_publish:
            data |= {
                "rating": material["rating"],
                "summary": "The figures say otherwise.",
                "citations": [
                    {
                        "source": material["source"],
                        "relation": "contradicts",
                        "exact": material["exact"],
                    }
                ],
            }
        status, etag, body = call("POST", claims, editor, data)
        _expect(status, 201, "Creating a claim", body)
        return body["id"], etag

    ready_ids = []
    for number in range(ready):
        pk, etag = new_claim(number, ready_to_publish=True)
        status, _, body = call("POST", f"{claims}{pk}/submit/", editor, etag=etag)
        _expect(status, 200, "Submitting a claim", body)
        ready_ids.append(pk)
    draft, draft_etag = new_claim(ready, ready_to_publish=False)
    return {"ready": ready_ids, "draft": draft, "draft_etag": draft_etag}


@dataclass
class Tally:
    """One writer's answers: the status of each request and how long it took."""

    statuses: dict[str, int] = field(default_factory=dict)
    seconds: list[float] = field(default_factory=list)
    acknowledged: list = field(default_factory=list)

    def record(self, status: int, took: float) -> None:
        key = str(status)
        self.statuses[key] = self.statuses.get(key, 0) + 1
        self.seconds.append(took)

    def summary(self) -> dict:
        return {
            "attempts": len(self.seconds),
            "succeeded": len(self.acknowledged),
            "statuses": dict(sorted(self.statuses.items())),
            "p50_ms": round(1000 * percentile(self.seconds, 50), 1),
            "max_ms": round(1000 * max(self.seconds, default=0), 1),
        }


class Writers:
    """The editor's and the reviewer's threads, from `start()` to `stop()`."""

    def __init__(self, base: str, tokens: dict, prepared: dict):
        self.base, self.tokens, self.prepared = base, tokens, prepared
        self.saves, self.publishes = Tally(), Tally()
        self._stop = threading.Event()
        self._threads = [
            threading.Thread(target=self._editor, daemon=True),
            threading.Thread(target=self._reviewer, daemon=True),
        ]

    def start(self) -> "Writers":
        self.started = time.monotonic()
        for thread in self._threads:
            thread.start()
        return self

    def stop(self) -> dict:
        self._stop.set()
        for thread in self._threads:
            thread.join(timeout=TIMEOUT + 5)
        self.seconds = time.monotonic() - self.started
        return {
            "seconds": round(self.seconds, 1),
            "editor_saves": self.saves.summary(),
            "reviewer_publishes": self.publishes.summary(),
        }

    def _every(self, period: float):
        """Yield at 0, period, 2 × period … from start() until stop()."""
        beat = 0
        while not self._stop.is_set():
            yield beat
            beat += 1
            if self._stop.wait(max(0.0, self.started + beat * period - time.monotonic())):
                return

    def _editor(self) -> None:
        url = f"{self.base}/api/v1/claims/{self.prepared['draft']}/"
        token, etag = self.tokens["editor"], self.prepared["draft_etag"]
        for beat in self._every(SAVE_EVERY):
            analysis = f"Save {beat + 1} of the benchmark's editor."
            started = time.monotonic()
            status, new_etag, _ = call("PATCH", url, token, {"analysis": analysis}, etag)
            self.saves.record(status, time.monotonic() - started)
            if status == 200:
                etag = new_etag
                self.saves.acknowledged.append(analysis)
            elif status == 412:  # someone else's change: read the current ETag again
                etag = call("GET", url, token)[1]

    def _reviewer(self) -> None:
        token = self.tokens["reviewer"]
        waiting = list(self.prepared["ready"])
        for _ in self._every(PUBLISH_EVERY):
            if not waiting:
                self.publishes.record(0, 0.0)  # nothing left to publish
                continue
            pk = waiting.pop(0)
            url = f"{self.base}/api/v1/claims/{pk}/"
            started = time.monotonic()
            status, etag, _ = call("GET", url, token)
            if status == 200:
                status, _, _ = call("POST", f"{url}publish/", token, etag=etag)
            self.publishes.record(status, time.monotonic() - started)
            if status == 200:
                self.publishes.acknowledged.append(pk)


def landed(prepared: dict, writers: Writers, history_before: int) -> dict:
    """Read the database: are the acknowledged saves and publishes there?"""
    from apps.claims.models import Claim

    draft = Claim.objects.get(pk=prepared["draft"])
    saves = Claim.history.filter(id=draft.pk).count() - history_before
    published = Claim.objects.filter(
        pk__in=writers.publishes.acknowledged, status=Claim.Status.PUBLISHED
    ).count()
    acknowledged_saves = writers.saves.acknowledged
    checks = {
        "draft_versions_added": saves,
        "draft_analysis_is_last_save": (
            draft.analysis == acknowledged_saves[-1] if acknowledged_saves else None
        ),
        "draft_still_a_draft": draft.status == Claim.Status.DRAFT,
        "published_found": published,
    }
    checks["all_landed"] = (
        saves == len(acknowledged_saves)
        and checks["draft_analysis_is_last_save"] is not False
        and checks["draft_still_a_draft"]
        and published == len(writers.publishes.acknowledged)
    )
    return checks


def history_count(pk: int) -> int:
    from apps.claims.models import Claim

    return Claim.history.filter(id=pk).count()
