"""The health endpoint: the contract of DESIGN section 4."""
import os

from django.http import JsonResponse

from .checks import HEALTHY, UNHEALTHY, run_checks
from .conf import health_settings
from .middleware import token_exempt
from .responses import iso_timestamp, method_not_allowed

ENV_INSTANCE = "SIDEEYE_INSTANCE_ID"


@token_exempt
def health(request):
    """200 ``{"status": "healthy", ...}`` when every check passes, else 503 ``unhealthy``
    with an ``error`` naming the failing checks."""
    if request.method not in ("GET", "HEAD"):
        return method_not_allowed(request, ("GET", "HEAD"))
    settings = health_settings()
    results = run_checks(settings)
    failing = [name for name, result in results.items() if result["status"] != HEALTHY]
    body = {
        "status": UNHEALTHY if failing else HEALTHY,
        "service": settings.service,
        "version": settings.version,
        "timestamp": iso_timestamp(),
        "instance": os.environ.get(ENV_INSTANCE) or None,
        "checks": results,
    }
    if failing:
        body["error"] = "unhealthy: " + "; ".join(
            "%s (%s)" % (name, results[name].get("error", "failed")) for name in failing)
    response = JsonResponse(body, status=503 if failing else 200)
    response["Cache-Control"] = "no-store"
    return response
