"""Factbase settings, read from the environment.

Defaults make the quick start work (SQLite file, DEBUG on). With DEBUG off, the settings
that production cannot do without must be set, or start-up stops with a message that names
the variable. See .env.example for every variable.
"""

import re
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from csp.constants import NONE, SELF, UNSAFE_INLINE
from django.core.exceptions import ImproperlyConfigured

from factbase import api_conf, logging_conf
from factbase.env import (
    env_bool,
    env_choice,
    env_int,
    env_list,
    env_secret_key,
    env_str,
    env_url_path,
)

BASE_DIR = Path(__file__).resolve().parent.parent

# Like Django's own project template (and healthchecks), DEBUG is on unless told otherwise,
# so a newcomer's `make run` works; every production recipe in this repository sets DEBUG=0.
DEBUG = env_bool("DEBUG", default=True)

if DEBUG:
    SECRET_KEY = env_str("SECRET_KEY") or "django-insecure-factbase-development-only"
    ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]", "testserver"])
else:
    SECRET_KEY = env_secret_key("SECRET_KEY")
    ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
    if not ALLOWED_HOSTS:
        raise ImproperlyConfigured(
            "Set the ALLOWED_HOSTS environment variable: with DEBUG off, list the host names "
            "this site answers to, separated by commas."
        )

CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

# --- HTTPS and security headers ----------------------------------------------------------
# FACTBASE_HTTPS=1 when the site is served over HTTPS by a TLS-terminating proxy (nginx,
# Caddy, a load balancer) that sets X-Forwarded-Proto and overwrites any the client sent.
# Off by default so that the quick start and `docker compose up` work on plain http.
FACTBASE_HTTPS = env_bool("FACTBASE_HTTPS", default=False)
# How many proxies stand in front of Factbase and append to X-Forwarded-For; the client's
# address is read that many from the right (login lockouts, API throttles). 0 trusts no
# X-Forwarded-For at all.
FACTBASE_PROXY_COUNT = env_int("FACTBASE_PROXY_COUNT", 1 if FACTBASE_HTTPS else 0)
if FACTBASE_HTTPS:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = True
    # Probes come from inside the host or cluster over plain http, not through the proxy.
    SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    # One year, the value HSTS preload lists ask for; start lower (say 300) the first time
    # HTTPS is turned on, since browsers remember it for this long.
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
    # Opt-in: preloading is a promise to browsers that is slow to take back (and covers
    # every subdomain), so only the site's owner can make it.
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", default=False)
    if not SECURE_HSTS_PRELOAD:
        # `check --deploy` reminds about preloading (security.W021); not preloading is
        # the documented default, so the reminder is silenced until the owner opts in.
        SILENCED_SYSTEM_CHECKS = ["security.W021"]
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Content-Security-Policy (django-csp). The pages carry no inline script or style: scripts,
# styles and images come from this site only. JSON-LD blocks (`<script
# type="application/ld+json">`) are data, not script, and CSP does not apply to them.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}

# Pages made by libraries that need more, by path prefix (first match wins; added to the
# policy above): Redoc's API reference and DRF's browsable API. See apps/ops/csp.py.
FACTBASE_CSP_PATH_UPDATES = {
    "/api/v1/docs/": {"style-src": [UNSAFE_INLINE], "worker-src": ["blob:"]},
    "/api/v1/": {"style-src": [UNSAFE_INLINE]},
}

# Where the curation admin lives; a less guessable path keeps it out of drive-by scans.
ADMIN_URL = env_url_path("ADMIN_URL", "admin/")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "rest_framework",
    "rest_framework.authtoken",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "drf_standardized_errors",
    "corsheaders",
    "simple_history",
    "csp",
    "axes",
    "apps.core",
    "apps.accounts",
    "apps.topics",
    "apps.speakers",
    "apps.sources",
    "apps.quotes",
    "apps.claims",
    "apps.search",
    "apps.web",
    "apps.api",
    "apps.ingest",
    "apps.ops",
]

MIDDLEWARE = [
    # First, so that every log line of the request, other middleware's too, carries its id.
    "apps.ops.request_id.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # CORS for anonymous reads of /api/ (apps/api/cors.py): before anything that answers,
    # so that a preflight is answered here and every API answer carries the headers.
    "apps.api.cors.ReadOnlyCorsMiddleware",
    # The API's RateLimit headers (apps/api/throttling.py), above the response cache.
    "apps.api.throttling.RateLimitHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "apps.ops.csp.FactbaseCSPMiddleware",
    # Inside the security headers, before anything reads a query parameter or a cookie: a
    # control character in one answers 400 (404 in the path; a cookie is dropped), never a
    # database error's 500.
    "apps.ops.control_characters.ControlCharacterMiddleware",
    # HTTP caching (apps/ops/http_caching.py), above the response cache so that its hits get
    # the same headers and 304s. Compression first (outermost): the ETag is the MD5 of the
    # body before it, since each gzipped body differs (BREACH mitigation, docs/security.md).
    "apps.ops.http_caching.GZipMiddleware",
    "apps.ops.http_caching.ConditionalGetMiddleware",
    "apps.ops.http_caching.CacheControlMiddleware",
    # Answers 503 when a view finds the database gone (see apps/ops/database.py).
    "apps.ops.database.DatabaseUnavailableMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Anonymous reads of the public pages and API from the shared cache (apps/ops/
    # response_cache.py): after authentication, which it needs to tell readers apart.
    "apps.ops.response_cache.ResponseCacheMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Records the signed-in user on every history row written during a request.
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, as django-axes asks: turns a locked-out sign-in into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "factbase.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "apps.web.context_processors.site",
            ],
        },
    },
]

WSGI_APPLICATION = "factbase.wsgi.application"
ASGI_APPLICATION = "factbase.asgi.application"

DEFAULT_DATABASE_URL = f"sqlite:///{BASE_DIR / 'db.sqlite3'}"
DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL") or DEFAULT_DATABASE_URL,
        conn_max_age=env_int("DB_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # One writer at a time is SQLite's rule; wait for the lock instead of failing at once,
    # and use WAL so readers never block the writer.
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "timeout": 20,
            "transaction_mode": "IMMEDIATE",
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    )
elif "postgresql" in DATABASES["default"]["ENGINE"]:
    # When PostgreSQL is away, a request must fail fast (and answer 503, apps/ops/database.py)
    # rather than hang. A stopped server refuses at once; a host that drops packets is given
    # DB_CONNECT_TIMEOUT seconds, of which libpq and psycopg allow no fewer than 2. No
    # statement may run longer than DB_STATEMENT_TIMEOUT milliseconds (0: no limit), so a
    # runaway query cannot hold a worker; the entrypoint lifts it for `migrate`. A value
    # given in DATABASE_URL's query string (`?connect_timeout=5`) wins.
    _options = DATABASES["default"].setdefault("OPTIONS", {})
    _options.setdefault("connect_timeout", env_int("DB_CONNECT_TIMEOUT", 2))
    _statement_timeout = env_int("DB_STATEMENT_TIMEOUT", 10_000)
    if _statement_timeout and "statement_timeout" not in _options.get("options", ""):
        _options["options"] = (
            f"-c statement_timeout={_statement_timeout} {_options.get('options', '')}".strip()
        )
    # PostgreSQL compiles a query by JIT once its estimated cost passes jit_above_cost; for
    # a web request's queries that takes longer than it saves (810 ms of JIT in a 1.9 s
    # query of the claim list's filters at a million quotes), so it is off for this app.
    if "jit" not in _options.get("options", ""):
        _options["options"] = f"{_options.get('options', '')} -c jit=off".strip()

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- sign-in ---------------------------------------------------------------------------
# django-axes first: it refuses a locked-out sign-in before any password is checked. It
# guards username-and-password sign-ins (the admin); API tokens are not guessed through it
# (DRF's TokenAuthentication does not call authenticate()) and are rate-limited by the API's
# throttles instead.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# After AXES_FAILURE_LIMIT failures for one user name from one address, that pair is locked
# out for AXES_COOLOFF_HOURS; each further attempt meanwhile starts the wait again.
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(hours=env_int("AXES_COOLOFF_HOURS", 1))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "apps.ops.client_ip.client_ip"
AXES_LOCKOUT_CALLABLE = "apps.ops.lockout.lockout_response"
# Failed attempts are recorded in the database (axes' own tables), shared by every worker.
AXES_HANDLER = "axes.handlers.database.AxesDatabaseHandler"
# No start-up banner on every manage.py command; failures and lockouts are still logged.
AXES_VERBOSE = False

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en"
TIME_ZONE = env_str("TIME_ZONE", "UTC")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "apps.core.staticfiles.StaticStorage"
        )
    },
}

# The organisation that signs the fact-checks (ClaimReview `author`, page footers).
FACTBASE_ORGANISATION_NAME = env_str("FACTBASE_ORGANISATION_NAME", "Factbase")
FACTBASE_ORGANISATION_URL = env_str("FACTBASE_ORGANISATION_URL", "http://127.0.0.1:8000/")

# Feed entry ids are tag: URIs (RFC 4151), `tag:<authority>,<date>:claim/<pk>`, so that they
# never change with a slug or the Host header a request came in on. The authority is a
# domain the organisation held on the date; once feeds are read, keep both for good (a new
# id is a new entry to every feed reader). The authority defaults to the host of
# FACTBASE_ORGANISATION_URL.
FACTBASE_TAG_AUTHORITY = (
    env_str("FACTBASE_TAG_AUTHORITY") or urlsplit(FACTBASE_ORGANISATION_URL).hostname or ""
).lower()
FACTBASE_TAG_DATE = env_str("FACTBASE_TAG_DATE", "2026")
if not re.fullmatch(
    r"[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*", FACTBASE_TAG_AUTHORITY
):
    raise ImproperlyConfigured(
        f"FACTBASE_TAG_AUTHORITY={FACTBASE_TAG_AUTHORITY!r} is not a domain name such as "
        "factcheck.example.org (feed entry ids are tag: URIs under it)."
    )
if not re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", FACTBASE_TAG_DATE):
    raise ImproperlyConfigured(
        f"FACTBASE_TAG_DATE={FACTBASE_TAG_DATE!r} is not a date as YYYY, YYYY-MM or "
        "YYYY-MM-DD (a day the organisation held FACTBASE_TAG_AUTHORITY)."
    )

# Share cards (apps/web/share_card.py) are drawn in Pillow's own font, which covers Latin
# scripts; a path to a TrueType/OpenType font here draws them in that one instead.
FACTBASE_SHARE_CARD_FONT = env_str("FACTBASE_SHARE_CARD_FONT")

# The write guard (apps/core/writes.py): curated rows written outside the services raise
# UnguardedWrite instead of skipping the rules. On everywhere; `0` only to debug a script.
FACTBASE_WRITE_GUARD = env_bool("FACTBASE_WRITE_GUARD", default=True)
# Four eyes (apps/claims/workflow.py): a reviewer may not publish a claim they wrote or
# last changed. `0` for a one-person desk, where the one reviewer checks their own work.
FACTBASE_FOUR_EYES = env_bool("FACTBASE_FOUR_EYES", default=True)

# Imports (apps/ingest). A file over its limit is refused before it is read, with a message
# naming the file and the setting: articles are read whole, feeds and dumps are streamed.
INGEST_MAX_DOCUMENT_BYTES = env_int("INGEST_MAX_DOCUMENT_BYTES", 10 * 1024 * 1024)
INGEST_MAX_FEED_BYTES = env_int("INGEST_MAX_FEED_BYTES", 2 * 1024 * 1024 * 1024)
# What is read whole, so what bounds memory: one ClaimReview item, one line of a dump (a
# source with every earlier text). Past it the file is refused, naming the item or line.
INGEST_MAX_ITEM_BYTES = env_int("INGEST_MAX_ITEM_BYTES", 8 * 1024 * 1024)
INGEST_MAX_LINE_BYTES = env_int("INGEST_MAX_LINE_BYTES", 256 * 1024 * 1024)
# Names in articles read with a learned model too (apps/ingest/extraction/ner.py): about
# 100 MB and a second to load in each process that imports, and about twice the import's
# CPU. The same model's parser finds the speaker of speech the rules give no one or only
# guess (extraction/syntax.py: +26 MB, loaded on the first such span). `0` reads names and
# speakers by the rules alone, a little less well (docs/importing.md, rounds 13 to 15).
INGEST_NAME_MODEL = env_bool("INGEST_NAME_MODEL", default=True)

# Request size limits (apps.ops.limits answers 413 over them). The body of a form or a JSON
# request, files aside: an article's text of about 1 MB, pasted into the admin or sent to
# the API, takes up to three times that once form-encoded, so 10 MiB leaves room without
# letting one request hold much memory. Uploaded files are not counted here: above
# FILE_UPLOAD_MAX_MEMORY_SIZE they are spooled to disk, and imports refuse files over
# INGEST_MAX_DOCUMENT_BYTES; cap whole requests at the proxy (docs/deploying.md).
DATA_UPLOAD_MAX_MEMORY_SIZE = env_int("DATA_UPLOAD_MAX_MEMORY_SIZE", 10 * 1024 * 1024)
# The largest admin forms (a claim with its citations inline, a bulk action on a page of
# 100 rows) post a few hundred fields.
DATA_UPLOAD_MAX_NUMBER_FIELDS = env_int("DATA_UPLOAD_MAX_NUMBER_FIELDS", 2000)
FILE_UPLOAD_MAX_MEMORY_SIZE = env_int("FILE_UPLOAD_MAX_MEMORY_SIZE", int(2.5 * 1024 * 1024))

# The REST API (/api/v1/, apps/api) and its OpenAPI document: factbase/api_conf.py.
REST_FRAMEWORK = api_conf.rest_framework(proxy_count=FACTBASE_PROXY_COUNT)
# --- caches ------------------------------------------------------------------------------
# "default" is per process and holds nothing that must be shared: the API's rate limits are
# counted in the database (apps/ops/ratelimit.py), where every worker shares them. "responses"
# is the shared cache of whole anonymous responses (apps/ops/response_cache.py): a table in the
# database (created by `migrate`), so that every gunicorn worker and every host serves and
# invalidates the same entries; there is no Redis or memcached to depend on, and a hit is
# one indexed SELECT. On unless DEBUG (a developer editing templates sees them at once);
# RESPONSE_CACHE=0 turns it off. RESPONSE_CACHE_TTL (seconds) bounds how long anything a
# write does not announce (a template change, a scheduled date passing) can stay stale.
RESPONSE_CACHE = env_bool("RESPONSE_CACHE", default=not DEBUG)
RESPONSE_CACHE_TTL = env_int("RESPONSE_CACHE_TTL", 300)
# Each process also keeps copies of the entries it served or stored lately, up to this many
# bytes (apps/ops/local_responses.py): a hit on one reads only the cache's generation, not
# the whole stored answer. 0 turns the copies off.
RESPONSE_CACHE_LOCAL_BYTES = env_int("RESPONSE_CACHE_LOCAL_BYTES", 16 * 2**20)
# A caching proxy in front (Varnish with xkey, docs/deploying.md) keeps the anonymous pages
# too: each carries its reader keys in Surrogate-Key, and every write readers can see sends
# `PURGE` with the keys it changed to each of these URLs (apps/ops/purge.py).
CACHE_PURGE_URLS = env_list("CACHE_PURGE_URLS")
CACHE_PURGE_TIMEOUT = env_int("CACHE_PURGE_TIMEOUT", 2)
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "responses": {
        # Django's DatabaseCache, storing in one statement (apps/ops/response_store.py).
        "BACKEND": "apps.ops.response_store.ResponseStore",
        "LOCATION": "factbase_response_cache",
        "TIMEOUT": RESPONSE_CACHE_TTL,
        "OPTIONS": {"MAX_ENTRIES": env_int("RESPONSE_CACHE_MAX_ENTRIES", 20_000)},
    },
}

# Share card PNGs (apps/web/share_card.py), per process, keyed by what each card shows: a
# card is drawn once per worker until its claim changes, whatever else the site writes.
# About 40 KB each, so 500 of them stay under 20 MB a worker.
CACHES["share_cards"] = {
    "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
    "LOCATION": "share-cards",
    "TIMEOUT": None,
    "OPTIONS": {"MAX_ENTRIES": 500},
}

# --- Claim matching (apps/claims/matching/) ---------------------------------------------
# How much a claim's meaning weighs in its match score against its words, 0 to 1: the score
# is w × the rescaled cosine of the sentences' embeddings + (1 − w) × the lexical score.
# 0 matches by words alone, as before the model came, and never loads it.
# 0.3 was chosen on the tuned half of the paraphrase set (docs/search.md, "Measured").
_raw_weight = env_str("CLAIM_MATCHING_SEMANTIC_WEIGHT").strip() or "0.3"
try:
    CLAIM_MATCHING_SEMANTIC_WEIGHT = float(_raw_weight)
except ValueError:
    CLAIM_MATCHING_SEMANTIC_WEIGHT = -1.0
if not 0 <= CLAIM_MATCHING_SEMANTIC_WEIGHT <= 1:
    raise ImproperlyConfigured(
        f"CLAIM_MATCHING_SEMANTIC_WEIGHT={_raw_weight!r} is not a number from 0 to 1."
    )

# --- HTTP caching (apps/ops/http_caching.py) ----------------------------------------------
# How long browsers and shared caches (a CDN, Varnish, nginx's proxy_cache) may keep what
# anonymous readers get from the public pages, API, feeds and sitemap, in seconds: sent as
# `Cache-Control: public, max-age=…, s-maxage=…, stale-while-revalidate=…, stale-if-error=…`.
# A browser's copy cannot be purged, so its age stays short (0 with DEBUG, for a developer
# editing templates); a shared cache's is longer. 0 leaves out a stale-* directive.


def _seconds(name: str, default: int) -> int:
    value = env_int(name, default)
    if value < 0:
        raise ImproperlyConfigured(f"{name}={value} is negative: give seconds, 0 or more.")
    return value


HTTP_CACHE_MAX_AGE = _seconds("HTTP_CACHE_MAX_AGE", 0 if DEBUG else 60)
HTTP_CACHE_S_MAXAGE = _seconds("HTTP_CACHE_S_MAXAGE", 300)
HTTP_CACHE_STALE_WHILE_REVALIDATE = _seconds("HTTP_CACHE_STALE_WHILE_REVALIDATE", 30)
HTTP_CACHE_STALE_IF_ERROR = _seconds("HTTP_CACHE_STALE_IF_ERROR", 86_400)

# Requests per client and period ("120/min"), counted in the database so that every worker
# and host shares them (apps/ops/ratelimit.py): anonymous clients by address, editors by
# account, and requests with an invalid API token by address (past the limit, 429 to every
# token from that address until the period ends).
API_THROTTLE_ANON = env_str("API_THROTTLE_ANON", "120/min")
API_THROTTLE_USER = env_str("API_THROTTLE_USER", "1200/min")
API_THROTTLE_FAILED_AUTH = env_str("API_THROTTLE_FAILED_AUTH", "10/min")

# CORS (django-cors-headers, apps/api/cors.py): any origin may read the public API from a
# browser (a widget, a notebook); writes and credentials are not opened to other origins.
CORS_URLS_REGEX = r"^/api/"
CORS_ALLOW_ALL_ORIGINS = True
CORS_ALLOW_CREDENTIALS = False
CORS_ALLOW_METHODS = ("GET", "HEAD", "OPTIONS")
CORS_ALLOW_HEADERS = ("accept", "accept-language", "if-none-match", "if-modified-since")
# What a script may read of an answer beyond the CORS-safelisted headers: paging, caching,
# rate limits.
CORS_EXPOSE_HEADERS = (
    "ETag",
    "Link",
    "Location",
    "RateLimit",
    "RateLimit-Policy",
    "Retry-After",
    "X-Request-ID",
)
CORS_PREFLIGHT_MAX_AGE = 86400

DRF_STANDARDIZED_ERRORS = api_conf.DRF_STANDARDIZED_ERRORS
SPECTACULAR_SETTINGS = api_conf.spectacular(
    contact={"name": FACTBASE_ORGANISATION_NAME, "url": FACTBASE_ORGANISATION_URL}
)

# Logs go to standard error: JSON lines in production (LOG_FORMAT=json, the default with
# DEBUG off), for a log shipper to parse; readable lines while developing. Every record
# carries the request's id (X-Request-ID) and has credentials redacted (apps/ops/logs.py).
LOG_FORMAT = env_choice("LOG_FORMAT", ("json", "plain"), "plain" if DEBUG else "json")
LOGGING = logging_conf.logging_config(log_format=LOG_FORMAT, level=env_str("LOG_LEVEL", "INFO"))
