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
workers = _whole_number("WEB_CONCURRENCY", 3)

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
# Each worker is replaced after about this many requests (plus up to a tenth, at random,
# so that they are not all replaced at once): whatever memory a worker gathers is given
# back. 0 turns it off.
max_requests = _whole_number("GUNICORN_MAX_REQUESTS", 10_000)
max_requests_jitter = max_requests // 10

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
def post_worker_init(worker):
    """Each worker loads claim matching's model and index of meanings before it takes its
    first request (apps/claims/matching/semantic.py, `warm_up`): loaded by the first claim
    page instead, it held that request and every one queued behind it for 1.3–2.6 s at
    200,000 claims. The other workers answer meanwhile; the connection it opened is closed."""
    from django.db import connections

    from apps.claims.matching.semantic import warm_up

    try:
        warm_up()
    finally:
        connections.close_all()
