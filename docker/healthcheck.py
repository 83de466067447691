"""Container health check: does the web process answer /healthz on port 8000?

/healthz answers 200 without touching the database, so a database outage does not get the
web container restarted (it answers 503 meanwhile and recovers by itself); /readyz, which
also checks the database and migrations, is for orchestrators that route traffic.
Sends the first ALLOWED_HOSTS name as the Host header (Django answers 400 to any other
host when DEBUG is off). Exit 0 healthy (HTTP 200), 1 not.
"""

import os
import sys
import urllib.error
import urllib.request

URL = os.environ.get("HEALTHCHECK_URL", "http://127.0.0.1:8000/healthz")


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
    if status == 200:
        return 0
    print(f"unhealthy: HTTP {status} from {URL}", file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main())
