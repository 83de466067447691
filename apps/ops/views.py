"""Probes for container health checks and orchestrators.

/healthz says the process is up and serving (liveness: restart me if this fails); it does
not touch the database, so a database outage does not get every web process restarted.
/readyz says this process can do real work (readiness: send me traffic): the database
answers and its schema is up to date with the code.
"""

from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from apps.ops.database import already_logged
from apps.ops.health import readiness


@never_cache
@require_safe
def healthz(request):
    return JsonResponse({"status": "ok"})


@never_cache
@require_safe
def readyz(request):
    checks = readiness()
    ready = all(check["status"] == "ok" for check in checks.values())
    response = JsonResponse(
        {"status": "ok" if ready else "unavailable", "checks": checks},
        status=200 if ready else 503,
    )
    # A failed check has been logged (WARNING) by the check; a probe every few seconds
    # must not add an ERROR line each time.
    return already_logged(response)
