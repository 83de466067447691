"""The REST API's library settings: Django REST framework, drf-standardized-errors and
drf-spectacular. They read no environment variable; factbase/settings.py passes in the
few values that come from one. Kept here so that settings.py stays the site's own choices.
"""


def rest_framework(*, proxy_count: int) -> dict:
    """The REST API (/api/v1/, apps/api). Anonymous clients read what is public; editors
    sign in with a token (`manage.py drf_create_token <user>`) or the session, and write
    within their model permissions."""
    return {
        # Throttles tell clients apart by address: believe X-Forwarded-For only as far as the
        # proxies in front of us wrote it (DRF's default, None, believes all of it).
        "NUM_PROXIES": proxy_count,
        # Token first: its WWW-Authenticate header makes an anonymous write answer 401, not 403.
        "DEFAULT_AUTHENTICATION_CLASSES": [
            # DRF's, with failed tokens counted per address (API_THROTTLE_FAILED_AUTH).
            "apps.api.throttling.TokenAuthentication",
            "rest_framework.authentication.SessionAuthentication",
        ],
        "DEFAULT_PERMISSION_CLASSES": ["apps.api.permissions.ModelPermissionsOrAnonReadOnly"],
        "DEFAULT_RENDERER_CLASSES": [
            # DRF's JSON, written by orjson (apps/api/renderers.py).
            "apps.api.renderers.OrjsonRenderer",
            "rest_framework.renderers.BrowsableAPIRenderer",
        ],
        # JSON only: nested appearances and citations have no form encoding. Read in bounded
        # memory, its nesting bounded too (apps/api/parsers.py).
        "DEFAULT_PARSER_CLASSES": ["apps.api.parsers.BoundedJSONParser"],
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


DRF_STANDARDIZED_ERRORS = {
    # Every error the API can answer is in its OpenAPI document; a 500 is a bug, not a
    # documented answer. 409, 412 and 428 are documented per operation (apps/api/schema.py).
    "ALLOWED_ERROR_STATUS_CODES": ["400", "401", "403", "404", "405", "406", "415", "429"],
    "ERROR_SCHEMAS": {"400": "apps.api.schema.ValidationErrorResponseSerializer"},
    # A lost database is answered 503 by apps.ops' middleware, not 500 by the API.
    # apps.ops.api.DatabaseAwareExceptionHandler, with RFC 9457 problem details for the
    # clients that ask for them (apps/api/problems.py).
    "EXCEPTION_HANDLER_CLASS": "apps.api.problems.ProblemExceptionHandler",
}


def spectacular(*, contact: dict) -> dict:
    """drf-spectacular's settings: the OpenAPI document and the reference page."""
    return {
        "TITLE": "Factbase API",
        "DESCRIPTION": (
            "Who said it, where was it said, and is it true? Read speakers, sources, quotes and "
            "claims with their evidence; editors write with a token and `If-Match`. "
            "Anonymous clients see published objects only, from any web page (CORS, read-only). "
            "Every answer counted against a rate carries `RateLimit-Policy` and `RateLimit` "
            "(draft-ietf-httpapi-ratelimit-headers); a 429 also `Retry-After`. Errors are JSON "
            "(`type`, `errors`), or RFC 9457 problem details for a client whose `Accept` lists "
            "`application/problem+json`. Lists of claims, speakers, sources and topics take "
            "`?slug=`, the slug of the object's page."
        ),
        "VERSION": "1.0.0",
        "LICENSE": {"name": "MIT", "url": "https://opensource.org/license/mit"},
        "CONTACT": contact,
        # One tag per resource, in the order the reference lists them.
        "TAGS": [
            {"name": "claims", "description": "Fact-checked claims: statement, verdict, evidence."},
            {"name": "claimreview", "description": "Published claims as a ClaimReview DataFeed."},
            {"name": "quotes", "description": "Quotes and where they appear."},
            {"name": "speakers", "description": "People and organisations quoted or fact-checked."},
            {"name": "sources", "description": "Archived documents, with their earlier texts."},
            {"name": "publishers", "description": "Who publishes the sources."},
            {"name": "topics", "description": "Subjects that claims and quotes are filed under."},
            {"name": "ratings", "description": "The verdict scale."},
            {"name": "search", "description": "Full-text search across kinds."},
            {"name": "claim-revisions", "description": "Proposed changes to published claims."},
            {"name": "tombstones", "description": "Objects that are public no longer."},
        ],
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
        "POSTPROCESSING_HOOKS": [
            "drf_standardized_errors.openapi_hooks.postprocess_schema_enums",
            # `servers` and the problem-details form of each error (apps/api/schema.py).
            "apps.api.schema.document_hook",
        ],
        # The reference page is served with its scripts from this site: no CDN, no third party.
        "SWAGGER_UI_DIST": "SIDECAR",
        "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
        "REDOC_DIST": "SIDECAR",
    }
