"""A stdlib-only stand-in for the Django backend, for the control server's tests.

Serves the health contract at /api/health/ (echoing SIDEEYE_INSTANCE_ID), a tiny in-memory
notes API at /api/notes/ and /api/whoami/ (its pid and port, to tell replicas apart), logs each
request to stderr like Django does, and exits when its standard input closes (as the reference
backend does when its host dies).
"""
import argparse
import json
import os
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

NOTES = []


class Handler(BaseHTTPRequestHandler):
    def _send(self, status, payload):
        body = json.dumps(payload).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):
        if self.path == "/api/health/":
            self._send(200, {"status": "healthy", "instance": os.environ.get("SIDEEYE_INSTANCE_ID")})
        elif self.path == "/api/notes/":
            self._send(200, {"count": len(NOTES), "notes": NOTES})
        elif self.path == "/api/whoami/":
            self._send(200, {"pid": os.getpid(), "port": self.server.server_address[1]})
        else:
            self._send(404, {"error": "no route " + self.path})

    def do_POST(self):
        if self.path != "/api/notes/":
            self._send(404, {"error": "no route " + self.path})
            return
        length = int(self.headers.get("Content-Length") or 0)
        data = json.loads(self.rfile.read(length) or b"{}")
        note = {"id": len(NOTES) + 1, "title": data.get("title"), "body": data.get("body", "")}
        NOTES.append(note)
        print("created note %d" % note["id"], flush=True)
        self._send(201, note)

    def log_message(self, fmt, *args):
        sys.stderr.write("[miniserver] " + (fmt % args) + "\n")
        sys.stderr.flush()


def exit_when_stdin_closes():
    sys.stdin.read()
    os._exit(0)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, required=True)
    args = parser.parse_args()
    threading.Thread(target=exit_when_stdin_closes, daemon=True).start()
    server = ThreadingHTTPServer((args.host, args.port), Handler)
    print("miniserver listening on %s:%d" % (args.host, args.port), flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
