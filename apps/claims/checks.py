"""System checks for what the claims app publishes under the organisation's name.

Every ClaimReview names its publisher (`author.url`: FACTBASE_ORGANISATION_URL), and the
ClaimReview export uses it as the base of every review's address. The default,
http://127.0.0.1:8000/, is right on a developer's machine and wrong everywhere else: other
fact-checkers and Google's Fact Check Explorer would file every review under an address
nobody can reach. So with DEBUG off, `check` (and so `migrate`, `runserver` and the
container's start) refuses a loopback or unspecified host there.
"""

import ipaddress
from urllib.parse import urlsplit

from django.conf import settings
from django.core.checks import Error, register

LOCAL_NAMES = {"localhost", "localhost.localdomain", "ip6-localhost", "ip6-loopback"}


def is_development_url(url: str) -> bool:
    """Whether `url` is not a public web address: not http(s), no host, or a host that
    names this machine (localhost, a loopback or unspecified address)."""
    try:
        parts = urlsplit(url)
        host = (parts.hostname or "").rstrip(".").lower()
    except ValueError:
        return True
    if parts.scheme not in ("http", "https") or not host:
        return True
    if host in LOCAL_NAMES or host.endswith(".localhost"):
        return True
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return False
    return address.is_loopback or address.is_unspecified


@register()
def organisation_url_check(app_configs=None, **kwargs) -> list[Error]:
    url = settings.FACTBASE_ORGANISATION_URL
    if settings.DEBUG or not is_development_url(url):
        return []
    return [
        Error(
            f"FACTBASE_ORGANISATION_URL={url!r} is not a public address, and with DEBUG off "
            "it would be published as the author of every ClaimReview.",
            hint="Set FACTBASE_ORGANISATION_URL to the organisation's public home page, "
            "such as https://factcheck.example.org/.",
            id="claims.E001",
        )
    ]
