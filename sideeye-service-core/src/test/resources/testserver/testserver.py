#!/usr/bin/env python3
"""A stand-in backend for integration tests: stdlib only, Python 3.9+, one file.

It serves the SideEye health contract and can be told to misbehave in every way a supervisor
must survive. Run ``testserver.py --help`` for the startup flags.

Health contract (GET on --health-path, default /api/health/):
    200 {"status": "healthy", "service": ..., "version": ..., "timestamp": ...,
         "instance": $SIDEEYE_INSTANCE_ID, "checks": {}}

Control endpoints (POST):
    /control/crash?code=3        answer, then exit at once with that code
    /control/hang                answer, then never answer again (the port stays open)
    /control/health?mode=M       how health answers from now on: ok | 500 | malformed |
                                 wrong-instance | no-instance | slow (waits &delayMs=, default 10000)
    /control/close-port          answer, then close the listening socket (and kept-alive
                                 connections) but stay alive
    /control/flood?bytes=N       write N bytes of text lines to stdout, then answer

API endpoints (any method):
    /api/echo/...                {"method", "path", "query", "body", "headers"}
    /api/big?bytes=N             N bytes of text/plain

Every path except the health path requires "Authorization: Bearer $SIDEEYE_API_TOKEN" when that
variable is set. Once listening, the server prints "LISTENING <host> <port>" on stdout, so a test
can start it with --port 0 and learn the port. With --echo it first prints "ARGV <json list>", the
arguments exactly as received. Unless --no-stdin-watch is given it exits when its
standard input reaches end-of-file, as the reference backend does when its parent JVM dies.
"""

import argparse
import datetime
import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

SERVICE = "SideEye Test Server"
VERSION = "1.0.0"


class State:
    """What the server was told to do; shared by all request threads."""

    health_mode = "ok"
    slow_delay_ms = 10_000
    hanging = threading.Event()
    port_closed = threading.Event()


def parse_args(argv):
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1)")
    p.add_argument("--port", type=int, default=0, help="port to bind; 0 picks a free one (default)")
    p.add_argument("--health-path", default="/api/health/", help="path of the health endpoint")
    p.add_argument("--ignore-sigterm", action="store_true", help="ignore SIGTERM (only SIGKILL ends it)")
    p.add_argument("--flood-bytes", type=int, default=0, help="write this many bytes to stdout at startup")
    p.add_argument("--startup-delay-ms", type=int, default=0, help="wait this long before listening")
    p.add_argument("--fail-at-start", metavar="MESSAGE", help="print MESSAGE to stderr and exit at once")
    p.add_argument("--fail-exit-code", type=int, default=1, help="exit code for --fail-at-start (default 1)")
    p.add_argument("--spawn-child", action="store_true",
                   help="start a grandchild that sleeps forever (prints CHILD <pid>)")
    p.add_argument("--no-stdin-watch", action="store_true", help="do not exit when stdin reaches end-of-file")
    p.add_argument("--echo", metavar="TEXT", action="append", default=[],
                   help="print ARGV <json list: script, then every argument> on stdout at startup (repeatable; "
                        "lets a test see that arguments arrive verbatim)")
    p.add_argument("--sleeper", action="store_true", help=argparse.SUPPRESS)  # the grandchild's role
    return p.parse_args(argv)


def flood(total):
    """Writes `total` bytes of numbered 100-byte lines to stdout."""
    line_no = 0
    out = sys.stdout.buffer
    while total > 0:
        line = ("flood %08d " % line_no).encode().ljust(99, b"x")[: max(total - 1, 0)] + b"\n"
        out.write(line)
        total -= len(line)
        line_no += 1
    out.flush()


def watch_stdin():
    """Exits the process when stdin reaches end-of-file: the parent is gone."""
    while sys.stdin.buffer.read(65536):
        pass
    try:
        print("stdin closed: parent is gone, exiting", file=sys.stderr, flush=True)
    except OSError:
        pass  # the parent took the other end of stderr with it: BrokenPipeError
    finally:
        os._exit(0)


def spawn_child(ignore_sigterm):
    """Starts a grandchild (this file in --sleeper mode) that shares our stdout and stderr.

    The grandchild prints "CHILD <pid>" once it is set up (possibly after our LISTENING line)."""
    argv = [sys.executable, os.path.abspath(__file__), "--sleeper"]
    if ignore_sigterm:
        argv.append("--ignore-sigterm")
    return subprocess.Popen(argv, stdin=subprocess.DEVNULL)


def health_body(instance):
    return {
        "status": "healthy",
        "service": SERVICE,
        "version": VERSION,
        "timestamp": datetime.datetime.now(datetime.timezone.utc).isoformat(),
        "instance": instance,
        "checks": {},
    }


class Handler(BaseHTTPRequestHandler):
    server_version = "SideEyeTestServer/" + VERSION
    protocol_version = "HTTP/1.1"  # keep-alive, as real servers do

    # -- plumbing -------------------------------------------------------------------------

    def handle_one_request(self):
        while State.hanging.is_set():
            time.sleep(3600)  # hold the connection open and answer nothing
        if State.port_closed.is_set():
            self.close_connection = True  # kept-alive connections end too: nothing answers any more
            return
        super().handle_one_request()

    def send(self, status, body, content_type="application/json"):
        data = body if isinstance(body, bytes) else json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(data)
        self.wfile.flush()

    def read_body(self):
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length) if length else b""

    def authorized(self):
        token = os.environ.get("SIDEEYE_API_TOKEN")
        return not token or self.headers.get("Authorization") == "Bearer " + token

    def dispatch(self):
        url = urlsplit(self.path)
        query = {k: v[-1] for k, v in parse_qs(url.query).items()}
        body = self.read_body()
        if url.path == self.server.health_path:
            return self.health()
        if not self.authorized():
            return self.send(401, {"error": "missing or wrong bearer token"})
        if url.path.startswith("/control/") and self.command == "POST":
            return self.control(url.path[len("/control/"):], query)
        if url.path.startswith("/api/echo/"):
            return self.send(200, {
                "method": self.command,
                "path": url.path,
                "query": url.query,
                "body": body.decode("utf-8", "replace"),
                "headers": {k: v for k, v in self.headers.items()},
            })
        if url.path == "/api/big":
            return self.send(200, b"x" * int(query.get("bytes", "0")), "text/plain")
        return self.send(404, {"error": "no route for %s %s" % (self.command, url.path)})

    do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = do_HEAD = do_OPTIONS = dispatch

    # -- behaviour ------------------------------------------------------------------------

    def health(self):
        instance = os.environ.get("SIDEEYE_INSTANCE_ID", "")
        mode = State.health_mode
        if mode == "500":
            return self.send(500, dict(health_body(instance), status="unhealthy"))
        if mode == "malformed":
            return self.send(200, b'{"status": "heal', "application/json")
        if mode == "wrong-instance":
            return self.send(200, health_body("someone-else"))
        if mode == "no-instance":
            return self.send(200, {k: v for k, v in health_body(instance).items() if k != "instance"})
        if mode == "slow":
            time.sleep(State.slow_delay_ms / 1000)
        return self.send(200, health_body(instance))

    def control(self, action, query):
        if action == "crash":
            code = int(query.get("code", "3"))
            self.send(200, {"crashing": code})
            print("crashing with exit code %d on request" % code, file=sys.stderr, flush=True)
            os._exit(code)
        if action == "hang":
            State.hanging.set()  # before answering: a request that follows the answer must find it set
            self.send(200, {"hanging": True})
            return None
        if action == "health":
            mode = query.get("mode", "ok")
            if mode not in ("ok", "500", "malformed", "wrong-instance", "no-instance", "slow"):
                return self.send(400, {"error": "unknown mode %r" % mode})
            State.health_mode = mode
            State.slow_delay_ms = int(query.get("delayMs", State.slow_delay_ms))
            return self.send(200, {"mode": mode})
        if action == "close-port":
            self.send(200, {"closing": True})
            threading.Thread(target=self.server.close_listener, daemon=True).start()
            return None
        if action == "flood":
            flood(int(query.get("bytes", "0")))
            return self.send(200, {"flooded": int(query.get("bytes", "0"))})
        return self.send(404, {"error": "unknown control action %r" % action})


class Server(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, host, port, health_path):
        self.address_family = socket.AF_INET6 if ":" in host else socket.AF_INET
        super().__init__((host, port), Handler)
        self.health_path = health_path

    def close_listener(self):
        """Stops accepting and closes the listening socket; the process stays alive."""
        State.port_closed.set()
        self.shutdown()
        self.server_close()
        print("listening socket closed; staying alive", file=sys.stderr, flush=True)


def main(argv):
    args = parse_args(argv)
    if args.ignore_sigterm:
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
    if args.sleeper:
        # Announced only now, so whoever reads the line knows the signal disposition is in place.
        print("CHILD %d" % os.getpid(), flush=True)
        while True:
            time.sleep(3600)
    if args.fail_at_start is not None:
        print(args.fail_at_start, file=sys.stderr, flush=True)
        return args.fail_exit_code
    if args.echo:
        print("ARGV " + json.dumps(sys.argv), flush=True)
    if not args.no_stdin_watch:
        threading.Thread(target=watch_stdin, name="stdin-watch", daemon=True).start()
    if args.spawn_child:
        spawn_child(args.ignore_sigterm)
    if args.flood_bytes:
        flood(args.flood_bytes)
    if args.startup_delay_ms:
        time.sleep(args.startup_delay_ms / 1000)

    server = Server(args.host, args.port, args.health_path)
    host, port = server.server_address[:2]
    print("LISTENING %s %d" % (host, port), flush=True)
    serving = threading.Thread(target=server.serve_forever, name="http", daemon=True)
    serving.start()
    threading.Event().wait()  # until a signal, a crash request or stdin end-of-file ends us
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
