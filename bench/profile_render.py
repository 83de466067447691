"""Where a rendered request's CPU goes, per benchmark workload (issue 17, item 3).

    DATABASE_URL=postgres://…/prof_small .venv/bin/python -m bench.profile_render
    … -m bench.profile_render --profile "claim page"     # pyinstrument's tree of one workload
    … -m bench.profile_render --json before.json         # keep the figures to compare
    … -m bench.profile_render --without rows             # one of issue 17's cuts undone
    … -m bench.profile_render --without filters --without prepare --without counted
                                                     # the second round's cuts undone

The site as deployed (DEBUG=0, the response cache off, the throttles' limits out of reach
as in bench/compare/servers.py), called in this process through Django's WSGI handler,
with the URLs of bench/compare/workloads.py (deep pages: the `next` link each start
answers, as bench_compare follows them). Per workload it prints:

- `py ms`: this process's CPU time per request (time.process_time(), no profiler on), the
  least of `--repeat` measurements;
- `pg ms`: the CPU time per request of the PostgreSQL backend serving this process
  (read from /proc; 0 on SQLite or when the backend is not on this machine);
- `queries`: database statements per request;
- where the time goes, from pyinstrument samples of a second pass (see CATEGORIES):
  shares of wall time, so `database` includes the wait for PostgreSQL.
"""

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit

from bench.in_process import set_up_django

set_up_django("profile")

from django.core.handlers.wsgi import WSGIHandler  # noqa: E402
from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

# Where each sample's time goes: to the category of the innermost frame of its stack that
# has one (a query run while serializing is database time, a reverse() inside a template
# is URL reversing), unless an outer frame claims the whole call (the throttle's upsert).
CLAIMS = [("throttle", ("apps/ops/ratelimit",))]
CATEGORIES = [
    ("database", ("django/db/backends/", "psycopg")),
    (
        "sql compiling",
        (
            "django/db/models/sql/",
            "django/db/models/expressions",
            "django/db/models/lookups",
            "django/db/models/functions",
        ),
    ),
    ("orm", ("django/db/models/",)),
    ("url reversing", ("django/urls/",)),
    ("json rendering", ("apps/api/renderers", "rest_framework/renderers", "encoders", "orjson")),
    (
        "templates",
        (
            "django/template/",
            "django/templatetags",
            "django/contrib/staticfiles",
            "apps/web/templatetags",
        ),
    ),
    (
        "serializers",
        (
            "rest_framework/serializers",
            "rest_framework/fields",
            "rest_framework/relations",
            "apps/api/serializers",
        ),
    ),
    (
        "filters/paging",
        (
            "django_filters",
            "rest_framework/pagination",
            "apps/api/filters",
            "apps/api/backends",
            "apps/api/pagination",
        ),
    ),
    (
        "middleware",
        (
            "django/middleware/",
            "django/contrib/sessions",
            "django/contrib/auth",
            "django/contrib/messages",
            "apps/ops/",
            "whitenoise",
            "axes/",
            "simple_history",
            "csp/",
            "corsheaders",
            "apps/api/throttling",
            "apps/api/cors",
        ),
    ),
    ("search/matching", ("apps/search/", "apps/claims/matching")),
    ("views", ("apps/api/views", "apps/web/", "rest_framework/")),
]
OTHER = "other"


def environ_for(url: str) -> dict:
    parts = urlsplit(url)
    return {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": parts.path,
        "QUERY_STRING": parts.query,
        "SERVER_NAME": "127.0.0.1",
        "SERVER_PORT": "8000",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "REMOTE_ADDR": "127.0.0.1",
        "HTTP_HOST": "127.0.0.1:8000",
        "HTTP_ACCEPT": "application/json" if parts.path.startswith("/api/") else "text/html",
        "wsgi.url_scheme": "http",
        "wsgi.input": _EmptyInput(),
        "wsgi.errors": sys.stderr,
        "wsgi.multithread": False,
        "wsgi.multiprocess": True,
        "wsgi.run_once": False,
        "wsgi.version": (1, 0),
    }


class _EmptyInput:
    def read(self, *args):
        return b""

    def readline(self, *args):
        return b""


def get(handler, url: str) -> tuple[str, bytes]:
    """One request through the WSGI handler, as gunicorn makes it: status and body."""
    answer = {}

    def start_response(status, headers, exc_info=None):
        answer["status"] = status

    chunks = handler(environ_for(url), start_response)
    try:
        body = b"".join(chunks)
    finally:
        if hasattr(chunks, "close"):
            chunks.close()
    return answer["status"], body


def backend_cpu_seconds(pid: int | None) -> float:
    if pid is None:
        return 0.0
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def backend_pid() -> int | None:
    connection.ensure_connection()
    if connection.vendor != "postgresql":
        return None
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        return cursor.fetchone()[0]


def workloads(handler, sample: int) -> dict[str, list[str]]:
    from bench.compare.workloads import build_workloads

    built = {w.name: w.factbase for w in build_workloads(sample=sample)}
    # The deep page's URLs are the `next` links of its starts, as bench_compare asks them.
    deep = []
    for url in built["deep page"]:
        status, body = get(handler, url)
        if status.startswith("200") and (link := json.loads(body).get("next")):
            parts = urlsplit(link)
            deep.append(f"{parts.path}?{parts.query}")
    built["deep page"] = deep
    return built


def measure(handler, urls: list[str], rounds: int, repeat: int) -> dict:
    """CPU milliseconds and statements per request: the least of `repeat` measurements of
    `rounds` passes over `urls` (on a shared machine, other processes only ever add)."""
    for url in urls:  # warm: compiled templates, URL templates, the connection
        status, _ = get(handler, url)
        if not status.startswith("200"):
            raise SystemExit(f"{url} answered {status}")
    pid = backend_pid()
    requests = len(urls) * rounds
    runs = []
    for _ in range(repeat):
        with CaptureQueriesContext(connection) as queries:
            pg_before = backend_cpu_seconds(pid)
            before = time.process_time()
            for _ in range(rounds):
                for url in urls:
                    get(handler, url)
            spent = time.process_time() - before
            pg_spent = backend_cpu_seconds(pid) - pg_before
        runs.append((spent, pg_spent, len(queries.captured_queries)))
    return {
        "requests": requests,
        "py_ms": round(min(run[0] for run in runs) * 1000 / requests, 2),
        "pg_ms": round(min(run[1] for run in runs) * 1000 / requests, 2),
        "queries": round(runs[0][2] / requests, 2),
    }


def categorise(session) -> dict[str, float]:
    """Shares of the sampled time per category (see CATEGORIES)."""
    totals: dict[str, float] = {}

    def first(rules, path: str) -> str | None:
        return next((name for name, parts in rules if any(part in path for part in parts)), None)

    def walk(frame, claimed: str | None, inner: str | None):
        path = (frame.file_path or "").replace("\\", "/")
        claimed = claimed or first(CLAIMS, path)
        inner = first(CATEGORIES, path) or inner
        children = [child for child in frame.children if not child.is_synthetic]
        own = frame.time - sum(child.time for child in children)
        category = claimed or inner or OTHER
        totals[category] = totals.get(category, 0.0) + own
        for child in children:
            walk(child, claimed, inner)

    walk(session.root_frame(), None, None)
    whole = sum(totals.values()) or 1.0
    return {name: round(100 * value / whole, 1) for name, value in totals.items()}


def collect_static() -> None:
    """The production storage needs the collected files and their manifest: collected
    afresh into a directory of this script's own, so that a static file added since the
    last collection (in the shared staticfiles/) does not fail the pages that use it."""
    from django.conf import settings
    from django.core.management import call_command

    settings.STATIC_ROOT = Path(tempfile.gettempdir()) / "factbase-profile-render-static"
    call_command("collectstatic", interactive=False, verbosity=0)


def undo(cut: str) -> None:
    """Measure without one of issue 17's cuts (bench/README.md, "Render cost")."""
    if cut == "leases":  # one statement per counted request, as before
        from apps.ops import ratelimit

        ratelimit.LEASE_MAX = 1
    elif cut == "rows":  # readers' quotes, claims and speakers through the serializers
        from apps.api.views.base import ResourceViewSet
        from apps.api.views.claims import ClaimViewSet
        from apps.api.views.quotes import QuoteViewSet
        from apps.api.views.speakers import SpeakerViewSet

        del QuoteViewSet.list
        for view in (QuoteViewSet, ClaimViewSet, SpeakerViewSet):
            view.public_representation = ResourceViewSet.public_representation
    elif cut == "counted":  # the scorecard's own count query, whatever the claims listed
        from apps.web.selectors import speakers

        count = speakers.speaker_scorecard
        speakers.speaker_scorecard = lambda speaker, claims=None: count(speaker)
    elif cut == "prepare":  # the values-based reads' statements parsed and planned each time
        from apps.core import prepared

        prepared.ENABLED = False
    elif cut == "filters":  # a reader's quote lists through django-filter's form
        from apps.api.views.quotes import QuoteViewSet

        QuoteViewSet.readers_filtered = lambda self, request: None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sample", type=int, default=20, help="URLs per workload")
    parser.add_argument("--rounds", type=int, default=5, help="passes over the URLs")
    parser.add_argument("--repeat", type=int, default=3, help="measurements; the least is kept")
    parser.add_argument("--only", action="append", help="workloads to run (by name)")
    parser.add_argument("--profile", help="print pyinstrument's tree of this workload")
    parser.add_argument(
        "--queries", action="store_true", help="print the statements of each workload's first URL"
    )
    parser.add_argument("--json", type=Path, help="write the figures to this file")
    parser.add_argument(
        "--without",
        choices=["leases", "rows", "filters", "prepare", "counted"],
        action="append",
        default=[],
        help="undo one of issue 17's cuts (repeatable)",
    )
    options = parser.parse_args()
    for cut in options.without:
        undo(cut)

    from pyinstrument import Profiler

    collect_static()
    handler = WSGIHandler()
    started = time.monotonic()
    built = workloads(handler, options.sample)
    print(f"URLs taken from the data in {time.monotonic() - started:.1f} s", file=sys.stderr)
    names = options.only or ([options.profile] if options.profile else list(built))
    results = {}
    header = f"{'workload':<22}{'py ms':>8}{'pg ms':>8}{'queries':>9}  where the time goes (%)"
    print(header)
    for name in names:
        urls = built[name]
        if options.queries:
            get(handler, urls[0])
            with CaptureQueriesContext(connection) as first:
                get(handler, urls[0])
            print(f"-- {urls[0]}")
            for statement in first.captured_queries:
                print(f"   {(statement['sql'] or '(a prepared statement)')[:300]}")
        figures = measure(handler, urls, options.rounds, options.repeat)
        profiler = Profiler(interval=0.0005)
        profiler.start()
        for _ in range(options.rounds):
            for url in urls:
                get(handler, url)
        profiler.stop()
        figures["where"] = dict(
            sorted(categorise(profiler.last_session).items(), key=lambda kv: -kv[1])
        )
        results[name] = figures
        where = ", ".join(f"{k} {v:g}" for k, v in figures["where"].items() if v >= 2)
        print(
            f"{name:<22}{figures['py_ms']:>8.2f}{figures['pg_ms']:>8.2f}"
            f"{figures['queries']:>9.2f}  {where}",
            flush=True,
        )
        if options.profile == name:
            print(
                profiler.output_text(
                    unicode=True, color=False, show_all=bool(os.environ.get("PROFILE_ALL"))
                )
            )
    if options.json:
        options.json.write_text(json.dumps(results, indent=2) + "\n")


if __name__ == "__main__":
    main()
