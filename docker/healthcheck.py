"""Container health check: does the site answer on port 8000?

Sends the first ALLOWED_HOSTS name as the Host header (Django answers 400 to any other
host when DEBUG is off) and counts any 2xx or 3xx answer as healthy. Exit 0 healthy, 1 not.
"""

import os
import sys
import urllib.error
import urllib.request

URL = os.environ.get("HEALTHCHECK_URL", "http://127.0.0.1:8000/")


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def host_header() -> str:
    hosts = [h.strip() for h in os.environ.get("ALLOWED_HOSTS", "").split(",") if h.strip()]
    host = hosts[0] if hosts else "localhost"
    if host == "*":
        return "localhost"
    # ".example.org" allows example.org and its subdomains.
    return host.lstrip(".")


def main() -> int:
    opener = urllib.request.build_opener(NoRedirect)
    request = urllib.request.Request(URL, headers={"Host": host_header()})
    try:
        with opener.open(request, timeout=5) as response:
            status = response.status
    except urllib.error.HTTPError as error:
        status = error.code
    except OSError as error:
        print(f"unhealthy: {error}", file=sys.stderr)
        return 1
    if 200 <= status < 400:
        return 0
    print(f"unhealthy: HTTP {status} from {URL}", file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main())
