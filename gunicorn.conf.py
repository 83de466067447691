"""gunicorn's settings for Factbase: `gunicorn --config gunicorn.conf.py`.

The image's entrypoint, docker compose and the soak (bench/soak.py) use this file (gunicorn also
reads it by itself when started from this directory); command-line flags win over it.
What can be changed is read from the environment, and a value that is not a whole number
stops start-up naming the variable. docs/deploying.md says when to change
what.
"""

import os


def _whole_number(name: str, default: int) -> int:
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    if not raw.isdigit():
        raise RuntimeError(f"{name}={raw!r} is not a whole number (0 or more).")
    return int(raw)


wsgi_app = "factbase.wsgi:application"
# Loopback unless told: a container sets GUNICORN_BIND=0.0.0.0:8000 (the Dockerfile does),
# so that only its published port reaches it.
bind = [os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")]


# One worker per core this process may run on (a container's cpuset included), at least two
# so that one slow request never holds the only worker. Measured on two cores shared with
# PostgreSQL (bench/README.md, "One worker per core"): two workers met every target of six
# whole benchmark runs where three missed one; three were the default until then. Where
# PostgreSQL has cores of its own, more workers than cores may pay: measure.
def _usable_cores() -> int:
    """The cores this process may run on (a cpuset counts; macOS has no affinity: all)."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


workers = _whole_number("WEB_CONCURRENCY", max(2, _usable_cores()))

# --- what the client may tell the server ---------------------------------------------------
# gunicorn believes a peer listed here when it sets X-Forwarded-Proto (and its kin) and
# the forwarder headers below; gunicorn's own default believes 127.0.0.1, so any process on
# the same host. Factbase needs none of it: Django reads X-Forwarded-Proto itself with
# FACTBASE_HTTPS=1 and X-Forwarded-For as far as FACTBASE_PROXY_COUNT says. So no peer is
# believed unless FORWARDED_ALLOW_IPS lists it (addresses or networks, comma-separated).
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "")
# Never taken from any peer: Factbase is served at the root of its host, and a believed
# SCRIPT_NAME header moves the path a view is resolved from (issue 15: it let the response
# cache store the HTML page /sources/ under the key of /api/v1/sources/).
forwarder_headers = ""
# A header whose name holds "_" (SCRIPT_NAME, X_Forwarded_For) is dropped, not merged with
# its "-" twin: gunicorn's default, set here so that it stays so.
header_map = "drop"
# gunicorn's defaults, stated: the longest request line and header, and the most headers.
limit_request_line = 4094
limit_request_field_size = 8190
limit_request_fields = 100

# --- time ---------------------------------------------------------------------------------
# A worker silent this long is killed and replaced (its client gets no answer). No request
# should come near it: statements stop at DB_STATEMENT_TIMEOUT (10 s) and imports run in
# the background.
timeout = _whole_number("GUNICORN_TIMEOUT", 30)
# On a restart or a recycling, time for a worker to finish the request it holds; below
# docker compose's stop_grace_period (30 s), so that a stop is never a SIGKILL mid-request.
graceful_timeout = 20
# Seconds an idle keep-alive connection is held. The default sync worker answers one
# request per connection and ignores it (so an idle client never holds a worker); it
# applies to the gthread worker, for a proxy that keeps connections open.
keepalive = 5

# --- recycling ----------------------------------------------------------------------------
# Each worker is replaced after about this many requests, whatever memory it gathered
# given back; 0 turns it off. Up to half as many again, at random, so that workers that
# share the load evenly are not replaced together: with a tenth, all four of a benchmark's
# were replaced within four seconds (bench/README.md, "Recycled together").
max_requests = _whole_number("GUNICORN_MAX_REQUESTS", 10_000)
max_requests_jitter = max_requests // 2

# The application is loaded once, in the master, and each worker is a fork of it (sharing
# its memory until written): a new or recycled worker answers within milliseconds, where
# importing Django and loading claim matching's model and index took it 1.3–2.6 s, and
# workers replaced together stalled every request for that long (p95 1.5 s). A deploy
# restarts gunicorn (as a container's restart does): a HUP reloads no code.
preload_app = True

# Heartbeat files in memory: on a container's overlay file system a slow disk write can
# make the master take a busy worker for a silent one.
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None
# No control socket (gunicorn 25 and later): nothing here uses it.
control_socket_disable = True

# No access log: Django writes one line per request, with its request id (apps/ops/
# request_id.py); gunicorn's own errors go to standard error.
accesslog = None
errorlog = "-"


# --- start-up ---------------------------------------------------------------------------
def when_ready(server):
    """The master loads what a process otherwise loads on its first requests before it
    forks the workers, which inherit it (factbase/warm.py): the URL configuration and its
    views, the compiled templates, and claim matching's model and index of meanings
    (loaded by the first claim page instead, they held that request and every one queued
    behind it for 1.3–2.6 s at 200,000 claims). Its database connection is closed before
    any fork."""
    from factbase.warm import warm_process

    _closing_connections(warm_process)
    _freeze_what_lasts()


def _freeze_what_lasts():
    """What the master holds now (Django, the apps, the model, the templates: some 135,000
    objects the garbage collector tracks) lasts as long as the process, so its collector
    need never look at it again: frozen, each worker's full collections skip it. Unfrozen,
    a worker's full collection walked it all, 55-88 ms in which the worker answered
    nothing, and wrote to every page holding it, which then stopped being shared with the
    master (bench/gc_freeze.py). Python's documentation recommends it before a fork."""
    import gc

    gc.collect()
    gc.freeze()


def post_worker_init(worker):
    """Each worker brings its inherited index up to date (the claims embedded since the
    master loaded it: one query) before its first request, on a connection of its own."""
    from apps.claims.matching.semantic import warm_up

    _closing_connections(warm_up)


def _closing_connections(warm):
    from django.db import connections

    try:
        warm()
    finally:
        connections.close_all()
