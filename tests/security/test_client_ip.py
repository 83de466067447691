"""The client's address behind FACTBASE_PROXY_COUNT proxies (used by login lockouts)."""

import pytest
from django.test import RequestFactory

from apps.ops.client_ip import client_ip


@pytest.mark.parametrize(
    ("proxies", "forwarded_for", "expected"),
    [
        (0, None, "10.0.0.2"),
        (0, "203.0.113.7", "10.0.0.2"),
        (1, None, "10.0.0.2"),
        (1, "203.0.113.7", "203.0.113.7"),
        (1, "6.6.6.6, 203.0.113.7", "203.0.113.7"),
        (2, "6.6.6.6, 203.0.113.7, 10.0.0.9", "203.0.113.7"),
        (3, "203.0.113.7", "203.0.113.7"),
        (1, " , ", "10.0.0.2"),
    ],
    ids=[
        "direct",
        "direct-ignores-forged-header",
        "proxy-without-header",
        "one-proxy",
        "one-proxy-ignores-what-the-client-prepended",
        "two-proxies",
        "fewer-addresses-than-proxies",
        "blank-header",
    ],
)
def test_client_ip_reads_as_many_forwarded_addresses_as_there_are_proxies(
    settings, proxies, forwarded_for, expected
):
    settings.FACTBASE_PROXY_COUNT = proxies
    meta = {"REMOTE_ADDR": "10.0.0.2"}
    if forwarded_for is not None:
        meta["HTTP_X_FORWARDED_FOR"] = forwarded_for

    assert client_ip(RequestFactory().get("/", **meta)) == expected
