"""Factbase settings, read from the environment.

Defaults make the quick start work (SQLite file, DEBUG on). With DEBUG off, the settings
that production cannot do without must be set, or start-up stops with a message that names
the variable. See .env.example for every variable.
"""

from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from factbase.env import env_bool, env_int, env_list, env_required, env_str

BASE_DIR = Path(__file__).resolve().parent.parent

# Like Django's own project template (and healthchecks), DEBUG is on unless told otherwise,
# so a newcomer's `make run` works; every production recipe in this repository sets DEBUG=0.
DEBUG = env_bool("DEBUG", default=True)

if DEBUG:
    SECRET_KEY = env_str("SECRET_KEY") or "django-insecure-factbase-development-only"
    ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]", "testserver"])
else:
    SECRET_KEY = env_required(
        "SECRET_KEY", "with DEBUG off, Factbase needs a long random secret key."
    )
    ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
    if not ALLOWED_HOSTS:
        raise ImproperlyConfigured(
            "Set the ALLOWED_HOSTS environment variable: with DEBUG off, list the host names "
            "this site answers to, separated by commas."
        )

CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

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
    "simple_history",
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
    "apps.bench",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Records the signed-in user on every history row written during a request.
    "simple_history.middleware.HistoryRequestMiddleware",
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

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
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
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# The organisation that signs the fact-checks (ClaimReview `author`, page footers).
FACTBASE_ORGANISATION_NAME = env_str("FACTBASE_ORGANISATION_NAME", "Factbase")
FACTBASE_ORGANISATION_URL = env_str("FACTBASE_ORGANISATION_URL", "http://127.0.0.1:8000/")

# Imports (apps/ingest). A file over its limit is refused before it is read, with a message
# naming the file and the setting: articles are read whole, feeds and dumps are streamed.
INGEST_MAX_DOCUMENT_BYTES = env_int("INGEST_MAX_DOCUMENT_BYTES", 10 * 1024 * 1024)
INGEST_MAX_FEED_BYTES = env_int("INGEST_MAX_FEED_BYTES", 2 * 1024 * 1024 * 1024)

# The REST API (/api/v1/, apps/api). Anonymous clients read what is public; editors sign in
# with a token (`manage.py drf_create_token <user>`) or the session, and write within their
# model permissions.
REST_FRAMEWORK = {
    # Token first: its WWW-Authenticate header makes an anonymous write answer 401, not 403.
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["apps.api.permissions.ModelPermissionsOrAnonReadOnly"],
    "DEFAULT_RENDERER_CLASSES": [
        "rest_framework.renderers.JSONRenderer",
        "rest_framework.renderers.BrowsableAPIRenderer",
    ],
    # JSON only: nested appearances and citations have no form encoding.
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_FILTER_BACKENDS": [
        "apps.api.backends.StrictFilterBackend",
        "apps.api.backends.StableOrderingFilter",
    ],
    "DEFAULT_PAGINATION_CLASS": "apps.api.pagination.BoundedCursorPagination",
    "DEFAULT_THROTTLE_CLASSES": [
        "apps.api.throttling.AnonThrottle",
        "apps.api.throttling.UserThrottle",
    ],
    "EXCEPTION_HANDLER": "drf_standardized_errors.handler.exception_handler",
    "DEFAULT_SCHEMA_CLASS": "apps.api.schema.FactbaseAutoSchema",
    "TEST_REQUEST_DEFAULT_FORMAT": "json",
}
# Requests per client and period ("120/min"); see the DRF throttling docs for the format.
API_THROTTLE_ANON = env_str("API_THROTTLE_ANON", "120/min")
API_THROTTLE_USER = env_str("API_THROTTLE_USER", "1200/min")

DRF_STANDARDIZED_ERRORS = {
    # Every error the API can answer is in its OpenAPI document; a 500 is a bug, not a
    # documented answer. 409, 412 and 428 are documented per operation (apps/api/schema.py).
    "ALLOWED_ERROR_STATUS_CODES": ["400", "401", "403", "404", "405", "406", "415", "429"],
    "ERROR_SCHEMAS": {"400": "apps.api.schema.ValidationErrorResponseSerializer"},
}

SPECTACULAR_SETTINGS = {
    "TITLE": "Factbase API",
    "DESCRIPTION": (
        "Who said it, where was it said, and is it true? Read speakers, sources, quotes and "
        "claims with their evidence; editors write with a token and `If-Match`. "
        "Anonymous clients see published objects only."
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": "/api/v1",
    # Request and response bodies differ (links out, slugs in), so they are separate schemas.
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_NAME_OVERRIDES": {
        # Speakers and sources share their two statuses.
        "PublicationStatusEnum": "apps.speakers.models.Speaker.Status",
        "QuoteStatusEnum": "apps.quotes.models.Quote.Status",
        "ClaimStatusEnum": "apps.claims.models.Claim.Status",
        "SpeakerKindEnum": "apps.speakers.models.Speaker.Kind",
        "SourceKindEnum": "apps.sources.models.Source.Kind",
        "MatchEnum": "apps.sources.models.AnchoredPassage.Match",
        "ErrorTypeEnum": "apps.api.schema.ERROR_TYPE_CHOICES",
        "ClientErrorEnum": "drf_standardized_errors.openapi_serializers.ClientErrorEnum",
    },
    "POSTPROCESSING_HOOKS": ["drf_standardized_errors.openapi_hooks.postprocess_schema_enums"],
    # The reference page is served with its scripts from this site: no CDN, no third party.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
}
