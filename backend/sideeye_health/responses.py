"""JSON answers shared by the health view, the middleware and the apps of the backend."""
from __future__ import annotations

from datetime import datetime, timezone
from typing import Iterable, Optional

from django.http import JsonResponse


def json_error(status: int, message: str, field: Optional[str] = None, **extra) -> JsonResponse:
    """``{"error": message}`` (plus ``"field"`` when a request field is at fault) with ``status``."""
    body = {"error": message}
    if field is not None:
        body["field"] = field
    body.update(extra)
    return JsonResponse(body, status=status)


def method_not_allowed(request, allowed: Iterable[str]) -> JsonResponse:
    """A JSON 405 naming the method, the path and the allowed methods (also in ``Allow``)."""
    allowed = list(allowed)
    response = json_error(405, "Method %s is not allowed on %s; allowed: %s"
                          % (request.method, request.path, ", ".join(allowed)))
    response["Allow"] = ", ".join(allowed)
    return response


def iso_timestamp(moment: Optional[datetime] = None) -> str:
    """ISO-8601 in UTC with milliseconds and a ``Z``, e.g. ``2024-05-01T12:00:00.123Z``."""
    moment = moment or datetime.now(timezone.utc)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return moment.astimezone(timezone.utc).isoformat(timespec="milliseconds").replace("+00:00", "Z")
