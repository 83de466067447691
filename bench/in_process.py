"""The site as deployed, set up in this process for measuring it (`bench.profile_render`,
`bench.first_visits`): DEBUG off, the response cache off, the throttles' limits out of
reach (as bench/compare/servers.py sets them), one database connection for the whole
run (one PostgreSQL backend, whose CPU time profile_render reads)."""

import os


def set_up_django(name: str) -> None:
    """Set the environment the settings read, then `django.setup()`; before any import
    that reads the settings."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "factbase.settings")
    os.environ.update(
        {
            "DEBUG": "0",
            "RESPONSE_CACHE": "0",
            "SECRET_KEY": os.environ.get("SECRET_KEY") or f"{name}-" + os.urandom(24).hex(),
            "ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
            "API_THROTTLE_ANON": "1000000/min",
            "API_THROTTLE_USER": "1000000/min",
            "LOG_LEVEL": os.environ.get("LOG_LEVEL", "WARNING"),
            "DB_CONN_MAX_AGE": "3600",
        }
    )
    import django

    django.setup()
