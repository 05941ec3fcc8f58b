"""Logging filters for servers that log every request (``manage.py runserver``)."""
import logging
from urllib.parse import urlsplit

from django.urls import Resolver404, resolve


class QuietHealthPolls(logging.Filter):
    """Drops the access-log lines of successful health checks, which arrive every few ms
    while the manager waits for readiness and then at each health interval; failed ones stay."""

    def filter(self, record: logging.LogRecord) -> bool:
        status = getattr(record, "status_code", None)
        if not isinstance(status, int) or status >= 400:
            return True
        args = record.args if isinstance(record.args, tuple) else ()
        parts = args[0].split() if args and isinstance(args[0], str) else []
        if len(parts) < 2:
            return True
        try:
            match = resolve(urlsplit(parts[1]).path)
        except Resolver404:
            return True
        from .views import health  # not at import time: logging is set up before the apps

        return match.func is not health
