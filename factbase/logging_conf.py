"""The logging configuration (dictConfig): records go to standard error, as JSON lines or
readable ones, each with the request's id and with credentials redacted (apps/ops/logs.py).
"""


def logging_config(*, log_format: str, level: str) -> dict:
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {
            "request_id": {"()": "apps.ops.logs.RequestIdFilter"},
            "redact_secrets": {"()": "apps.ops.logs.RedactSecretsFilter"},
        },
        "formatters": {
            "plain": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"},
            "json": {"()": "apps.ops.logs.JsonFormatter"},
        },
        "handlers": {
            "console": {
                "class": "logging.StreamHandler",
                "formatter": log_format,
                "filters": ["request_id", "redact_secrets"],
            }
        },
        "root": {"handlers": ["console"], "level": level},
        "loggers": {
            # Through the root's handler only (Django's own adds a second one under DEBUG).
            "django": {"level": "INFO"},
            # Django's runserver logs each request itself; RequestIdMiddleware already has.
            "django.server": {"handlers": ["console"], "level": "WARNING", "propagate": False},
        },
    }
