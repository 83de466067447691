"""The soak's load: client threads reading the public pages, search and the API, and
writing through the API (a new speaker each), with what each request was answered."""

import json
import random
import threading
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field

from bench.harness import percentile

WRITE_PREFIX = "Soak speaker"
# The public reads: pages, search and the API (list and detail), as readers and clients ask.
READS = [
    "/",
    "/claims/",
    "/speakers/",
    "/sources/",
    "/quotes/",
    "/topics/",
    "/search/?q=israel",
    "/api/v1/claims/",
    "/api/v1/speakers/",
    "/api/v1/quotes/?page_size=5",
    "/api/v1/search/?q=two+million",
    "/feeds/claims/",
]


def get(url: str, *, timeout: float, token: str | None = None, data: dict | None = None):
    """(status, body) of one request; any HTTP status is an answer, not an exception."""
    headers = {"Accept": "application/json" if "/api/" in url else "text/html"}
    body = None
    if token:
        headers["Authorization"] = f"Token {token}"
    if data is not None:
        body = json.dumps(data).encode()
        headers["Content-Type"] = "application/json"
    request = urllib.request.Request(url, data=body, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


@dataclass
class Answer:
    started: float  # time.monotonic()
    seconds: float
    kind: str  # "read" or "write"
    path: str
    status: int  # 0: no answer (refused, reset, timed out)
    body: bytes = b""
    written: str | None = None  # the name a write sent


@dataclass
class Load:
    """`clients` threads sending requests one after another until `stop()`."""

    base: str
    token: str
    clients: int = 6
    write_share: float = 0.25
    timeout: float = 10.0
    answers: list[Answer] = field(default_factory=list)

    def __post_init__(self):
        self._stop = threading.Event()
        self._threads = [
            threading.Thread(target=self._client, args=(n,), daemon=True)
            for n in range(self.clients)
        ]
        self._lock = threading.Lock()

    def start(self) -> "Load":
        for thread in self._threads:
            thread.start()
        return self

    def stop(self) -> list[Answer]:
        self._stop.set()
        for thread in self._threads:
            thread.join(timeout=self.timeout + 5)
        return self.answers

    def _client(self, number: int) -> None:
        rng = random.Random(number)
        sequence = 0
        while not self._stop.is_set():
            if rng.random() < self.write_share:
                sequence += 1
                name = f"{WRITE_PREFIX} {number}-{sequence}-{time.time_ns()}"
                kind, path, data = "write", "/api/v1/speakers/", {"name": name}
            else:
                kind, path, data, name = "read", rng.choice(READS), None, None
            token = self.token if kind == "write" or rng.random() < 0.5 else None
            started = time.monotonic()
            try:
                status, body = get(self.base + path, timeout=self.timeout, token=token, data=data)
            except OSError as error:  # refused, reset or timed out: no answer
                status, body = 0, repr(error).encode()
            seconds = time.monotonic() - started
            answer = Answer(started, seconds, kind, path, status, body[:2000], name)
            with self._lock:
                self.answers.append(answer)


def acknowledged(answers: list[Answer]) -> list[str]:
    return [a.written for a in answers if a.kind == "write" and a.status == 201]


def summarise(answers: list[Answer]) -> dict:
    seconds = [a.seconds for a in answers]
    return {
        "requests": len(answers),
        "writes": sum(a.kind == "write" for a in answers),
        "5xx": sum(500 <= a.status < 600 for a in answers),
        "no_answer": sum(a.status == 0 for a in answers),
        "p50_ms": round(1000 * percentile(seconds, 50), 1),
        "p95_ms": round(1000 * percentile(seconds, 95), 1),
        "max_ms": round(1000 * max(seconds, default=0), 1),
    }
