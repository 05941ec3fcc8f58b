"""A WSGI application for the serve tests: /slow takes a second (and first creates the file named by
SLOW_STARTED, when set); every answer names its generation."""
import os
import time

GENERATION = os.environ.get("GENERATION", "?").encode()


def app(environ, start_response):
    if environ.get("PATH_INFO") == "/slow":
        if os.environ.get("SLOW_STARTED"):
            open(os.environ["SLOW_STARTED"], "w").close()
        time.sleep(1.0)
    start_response("200 OK", [("Content-Type", "text/plain"), ("Content-Length", str(len(GENERATION)))])
    return [GENERATION]
