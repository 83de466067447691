"""Typed readers for settings that come from the environment.

Each reader raises ImproperlyConfigured naming the variable when its value cannot be
understood, so a misconfigured deployment stops at start-up instead of misbehaving later.
"""

import os
import re

from django.core.exceptions import ImproperlyConfigured

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool = False) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(
        f"{name}={raw!r} is not a boolean: use one of 1/0, true/false, yes/no, on/off."
    )


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        return int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name}={raw!r} is not a whole number.") from None


def env_list(name: str, default: list[str] | None = None) -> list[str]:
    raw = os.environ.get(name)
    if raw is None:
        return list(default or [])
    return [item.strip() for item in raw.split(",") if item.strip()]


def env_required(name: str, why: str) -> str:
    value = os.environ.get(name, "").strip()
    if not value:
        raise ImproperlyConfigured(f"Set the {name} environment variable: {why}")
    return value


# Django's own rule for a key it does not warn about (security.W009): long and varied.
SECRET_KEY_MIN_LENGTH = 50
SECRET_KEY_MIN_DISTINCT = 5
SECRET_KEY_HOW = 'make one with: python -c "import secrets; print(secrets.token_urlsafe(50))"'


def env_secret_key(name: str) -> str:
    """A secret key fit for production: required, at least 50 characters of at least 5
    different ones, and not a development or example key. Start-up stops otherwise,
    naming the variable (the key itself is never printed)."""
    value = env_required(
        name, f"with DEBUG off, Factbase needs a long random secret key; {SECRET_KEY_HOW}."
    )
    problem = None
    if len(value) < SECRET_KEY_MIN_LENGTH:
        problem = f"is {len(value)} characters long; it needs at least {SECRET_KEY_MIN_LENGTH}"
    elif len(set(value)) < SECRET_KEY_MIN_DISTINCT:
        problem = f"uses fewer than {SECRET_KEY_MIN_DISTINCT} different characters"
    elif value.startswith("django-insecure-") or "change-me" in value:
        problem = "is a development or example key"
    if problem:
        raise ImproperlyConfigured(
            f"{name} {problem}: with DEBUG off, a short or guessable key lets anyone forge "
            f"sessions and signed values; {SECRET_KEY_HOW}."
        )
    return value


def env_choice(name: str, choices: tuple[str, ...], default: str) -> str:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    value = raw.strip().lower()
    if value not in choices:
        raise ImproperlyConfigured(f"{name}={raw!r} is not one of: {', '.join(choices)}.")
    return value


# Path segments of letters, digits and - . _ ~ (URL-safe without encoding), each followed
# by a slash: "admin/", "curation/desk-7/".
_URL_PATH = re.compile(r"^(?:[A-Za-z0-9._~-]+/)+$")


def env_url_path(name: str, default: str) -> str:
    """A path below the site's root, as Django's `path()` takes it: `admin/`, not `/admin`."""
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    value = raw.strip()
    if not _URL_PATH.match(value) or any(part in {".", ".."} for part in value.split("/")):
        raise ImproperlyConfigured(
            f"{name}={raw!r} is not a URL path such as 'admin/': no leading '/', a '/' at "
            "the end, and only letters, digits, '-', '.', '_' and '~' between the slashes."
        )
    return value
