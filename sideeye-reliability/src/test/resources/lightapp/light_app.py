"""A very light WSGI application for restart and reload suites: it starts in about 100 ms under
waitress, so a thousand generations take minutes, not an hour.

    python -m sideeye_health.serve --listen 127.0.0.1:PORT --private-port 0 light_app:app
    python -m waitress --listen=127.0.0.1:PORT light_app:app

GET /api/health/ answers the health contract (``instance`` is ``SIDEEYE_INSTANCE_ID``, so the
manager knows its own generation). Every other path answers 200 with the serving process's pid
and a newline, after ``LIGHT_APP_WORK_MS`` milliseconds of work (default 0): a client can tell
which generation answered. Standard library only.
"""
import json
import os
import time

WORK_SECONDS = float(os.environ.get("LIGHT_APP_WORK_MS", "0")) / 1000


def app(environ, start_response):
    if environ.get("PATH_INFO", "").rstrip("/") == "/api/health":
        body = json.dumps({"status": "healthy", "service": "light_app",
                           "instance": os.environ.get("SIDEEYE_INSTANCE_ID") or None,
                           "pid": os.getpid()}).encode()
        kind = "application/json"
    else:
        if WORK_SECONDS:
            time.sleep(WORK_SECONDS)
        body = b"%d\n" % os.getpid()
        kind = "text/plain"
    start_response("200 OK", [("Content-Type", kind), ("Content-Length", str(len(body))),
                              ("Cache-Control", "no-store")])
    return [body]
