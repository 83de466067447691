"""The client's address, as the proxies in front of Factbase saw it.

Behind a TLS-terminating proxy every request comes from the proxy's address, so login
lockouts per IP would lock out everyone at once. Each proxy appends the address it got the
request from to `X-Forwarded-For`; with FACTBASE_PROXY_COUNT proxies in front, the client
is the FACTBASE_PROXY_COUNT-th address from the right. Addresses left of it were written
by the client and are not believed. Django REST framework's throttles use the same count
(`NUM_PROXIES`).
"""

from django.conf import settings
from django.http import HttpRequest


def client_ip(request: HttpRequest) -> str | None:
    remote_addr = request.META.get("REMOTE_ADDR")
    proxies = settings.FACTBASE_PROXY_COUNT
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if proxies <= 0 or not forwarded.strip():
        return remote_addr
    addresses = [address.strip() for address in forwarded.split(",") if address.strip()]
    if not addresses:
        return remote_addr
    return addresses[-min(proxies, len(addresses))]
